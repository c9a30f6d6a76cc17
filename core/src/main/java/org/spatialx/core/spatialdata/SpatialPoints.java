package org.spatialx.core.spatialdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.spatialx.api.NotebookName;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.spatialdata.PointsReader;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * A points element (transcripts, cell centres: protocol 7.4 {@code points/{id}}): its genes from
 * {@code gene_to_partition}, and one gene's transcripts from that gene's parquet part only, fetched
 * into a temporary folder and read with the formats' Parquet reader.
 */
public final class SpatialPoints {

    private final String name;
    private final String id;
    private final ZarrStore store;
    private final String path;
    private final ObjectNode attributes;

    SpatialPoints(String name, String id, ZarrStore store, String path) {
        this.name = name;
        this.id = id;
        this.store = store;
        this.path = path;
        this.attributes = ZarrGroup.readAttributes(store, path);
    }

    /** The display name. */
    @NotebookName(value = "name", property = true)
    public String name() {
        return name;
    }

    /** The element id. */
    @NotebookName(value = "id", property = true)
    public String id() {
        return id;
    }

    /** The genes, in part order. */
    @NotebookName("genes")
    public List<String> genes() {
        List<String> genes = new ArrayList<>();
        attributes.path("gene_to_partition").fieldNames().forEachRemaining(genes::add);
        return genes;
    }

    /** Microns per coordinate unit, or null when not recorded. */
    @NotebookName(value = "mpp", property = true)
    public Double mpp() {
        JsonNode mpp = attributes.get("mpp");
        return mpp == null || mpp.isNull() ? null : mpp.asDouble();
    }

    /** The transcripts of {@code gene}: {@code x}, {@code y}, {@code z} (null when none) and {@code cell_id} columns. */
    @NotebookName("read")
    public Map<String, List<Object>> read(String gene) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String column : List.of("x", "y", "z", "cell_id")) {
            columns.put(column, new ArrayList<>());
        }
        forEach(gene, t -> {
            columns.get("x").add(t.x());
            columns.get("y").add(t.y());
            columns.get("z").add(Double.isNaN(t.z()) ? null : t.z());
            columns.get("cell_id").add(t.cellId());
        });
        return columns;
    }

    /** Streams the transcripts of {@code gene} (Java callers). */
    public void forEach(String gene, Consumer<Transcript> action) {
        int part = genes().indexOf(gene);
        if (part < 0) {
            List<String> genes = genes();
            throw new ZarrException("No gene '" + gene + "' in the points '" + name + "' (" + genes.size()
                    + " genes, e.g. " + String.join(", ", genes.subList(0, Math.min(5, genes.size()))) + ")");
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("spatialx-points-");
            Path element = folder.resolve(id);
            Path parts = Files.createDirectories(element.resolve("points.parquet"));
            copy(".zgroup", element);
            copy(".zattrs", element);
            String partKey = "points.parquet/part." + part + ".parquet";
            Files.write(parts.resolve("part." + part + ".parquet"), store.read(join(partKey)).orElseThrow(() ->
                    new ZarrException("Missing part " + partKey + " of the points '" + name + "' at " + store)));
            PointsReader.open(element).forEach(gene, action);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the points '" + name + "': " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                AtomicFiles.deleteQuietly(folder, new IllegalStateException("cleaning " + folder));
            }
        }
    }

    private void copy(String key, Path element) throws IOException {
        byte[] bytes = store.read(join(key)).orElseThrow(() -> new ZarrException("No " + key + " in the points '"
                + name + "' at " + store));
        Files.write(element.resolve(key), bytes);
    }

    private String join(String key) {
        return ZarrStore.join(path, key);
    }

    @Override
    public String toString() {
        return "SpatialPoints[" + name + " (" + id + ")]";
    }
}
