package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hardwood.InputFile;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * Reads a points element written by {@link PointsWriter} (or any with the same attributes): the genes
 * in part order from {@code gene_to_partition}, their transcript counts from {@code divisions}, and
 * one gene's part at a time, streamed row group by row group through the Hardwood Parquet reader.
 */
public final class PointsReader {

    private final Path element;
    private final ObjectNode attributes;
    private final List<String> genes = new ArrayList<>();
    private final Map<String, Integer> parts = new HashMap<>();

    private PointsReader(Path element, ObjectNode attributes) {
        this.element = element;
        this.attributes = attributes;
        attributes.path("gene_to_partition").properties().forEach(e -> {
            genes.add(e.getKey());
            parts.put(e.getKey(), e.getValue().asInt());
        });
    }

    /** Opens the points element folder {@code element}. */
    public static PointsReader open(Path element) {
        DirectoryStore store = new DirectoryStore(element);
        if (!ZarrGroup.exists(store, "")) {
            throw new ZarrException("No points element at " + element + " (no .zgroup)");
        }
        return new PointsReader(element, ZarrGroup.readAttributes(store, ""));
    }

    /** The element's attributes (divisions, gene_to_partition, coordinateTransformations, mpp...). */
    public ObjectNode attributes() {
        return attributes;
    }

    /** The genes, in part order. */
    public List<String> genes() {
        return List.copyOf(genes);
    }

    /** Microns per coordinate unit, when recorded. */
    public Optional<Double> mpp() {
        JsonNode mpp = attributes.get("mpp");
        return mpp == null || mpp.isNull() ? Optional.empty() : Optional.of(mpp.asDouble());
    }

    /** Number of parts ({@code len(divisions) - 1}). */
    public int partCount() {
        return Math.max(0, attributes.path("divisions").size() - 1);
    }

    /** Number of transcripts of {@code gene}, from the divisions. */
    public long count(String gene) {
        int part = part(gene);
        JsonNode divisions = attributes.path("divisions");
        long end = part + 1 == partCount() ? divisions.get(part + 1).asLong() + 1 : divisions.get(part + 1).asLong();
        return end - divisions.get(part).asLong();
    }

    /** The Parquet file of part {@code i}. */
    public Path partFile(int i) {
        return element.resolve("points.parquet").resolve("part." + i + ".parquet");
    }

    /** Streams the transcripts of {@code gene} (z is NaN when the element has none). */
    public void forEach(String gene, Consumer<Transcript> action) {
        readPart(partFile(part(gene)), gene, action);
    }

    /** Streams every transcript, gene by gene in part order. */
    public void forEach(Consumer<Transcript> action) {
        for (String gene : genes) {
            forEach(gene, action);
        }
    }

    private int part(String gene) {
        Integer part = parts.get(gene);
        if (part == null) {
            throw new ZarrException("No gene '" + gene + "' in the points at " + element + " (" + genes.size()
                    + " genes, e.g. " + String.join(", ", genes.subList(0, Math.min(5, genes.size()))) + ")");
        }
        return part;
    }

    private static void readPart(Path file, String gene, Consumer<Transcript> action) {
        if (!Files.isRegularFile(file)) {
            throw new ZarrException("Missing points part " + file);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file));
                RowReader rows = reader.buildRowReader().build()) {
            int x = -1;
            int y = -1;
            int z = -1;
            int cell = -1;
            for (int f = 0; f < rows.getFieldCount(); f++) {
                switch (rows.getFieldName(f)) {
                    case "x" -> x = f;
                    case "y" -> y = f;
                    case "z" -> z = f;
                    case "cell_id" -> cell = f;
                    default -> {
                    }
                }
            }
            if (x < 0 || y < 0) {
                throw new ZarrException(file + " has no x and y columns");
            }
            while (rows.hasNext()) {
                rows.next();
                action.accept(new Transcript(gene, rows.getDouble(x), rows.getDouble(y),
                        z < 0 ? Double.NaN : rows.getDouble(z), cell < 0 ? "" : rows.getString(cell)));
            }
        } catch (IOException e) {
            throw new ZarrException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
