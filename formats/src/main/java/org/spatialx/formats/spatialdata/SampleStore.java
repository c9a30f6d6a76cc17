package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.FolderLock;
import org.spatialx.formats.zarr.Json;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * The spatial store of one sample, {@code {data_path}/spatial/{sample_id}/} (protocol 7.4): element
 * groups {@code images/}, {@code shapes/}, {@code points/} and {@code table/}, each with an
 * {@code elements} attribute mapping the names users see to element ids. Writers put an element in
 * {@link #path} (with {@code AnnDataWriter}, {@link PointsWriter}, {@link ShapesWriter}) and then
 * {@link #register} its name; readers list {@link #elements} and open by id.
 */
public final class SampleStore {

    /** The element groups of a sample, by folder name. */
    public enum Group {
        /** Multiscale images. */
        IMAGES("images"),
        /** Cell/nucleus boundaries and spots. */
        SHAPES("shapes"),
        /** Transcripts and cell centres. */
        POINTS("points"),
        /** AnnData tables (singular {@code table/}, as protocol 7.4 reads it). */
        TABLES("table");

        private final String folder;

        Group(String folder) {
            this.folder = folder;
        }

        /** The group's folder name. */
        public String folder() {
            return folder;
        }
    }

    private final Path root;

    private SampleStore(Path root) {
        this.root = root;
    }

    /**
     * The store of {@code sampleId} under a study's {@code dataPath}, for reading: nothing is created (a
     * missing store or group has no elements).
     */
    public static SampleStore open(Path dataPath, String sampleId) {
        return new SampleStore(dataPath.resolve("spatial").resolve(checkId(sampleId)));
    }

    /** The store of {@code sampleId} under a study's {@code dataPath}, created when missing. */
    public static SampleStore create(Path dataPath, String sampleId) {
        Path root = dataPath.resolve("spatial").resolve(checkId(sampleId));
        SampleStore store = new SampleStore(root);
        if (!Files.isDirectory(root)) {
            ZarrGroup.create(root, Json.object());
        }
        for (Group group : Group.values()) {
            Path dir = root.resolve(group.folder());
            if (!Files.isDirectory(dir)) {
                ObjectNode attrs = Json.object();
                attrs.putObject("elements");
                ZarrGroup.create(dir, attrs);
            }
        }
        return store;
    }

    /** The sample's root folder. */
    public Path root() {
        return root;
    }

    /** The folder where the element {@code id} of {@code group} lives (it may not exist yet). */
    public Path path(Group group, String id) {
        return root.resolve(group.folder()).resolve(checkId(id));
    }

    /** The group's elements: display name to id, in the order they were registered. */
    public Map<String, String> elements(Group group) {
        return elements(new DirectoryStore(root), group);
    }

    /** The elements of {@code group} in a sample store read from any store (a client over HTTP). */
    public static Map<String, String> elements(ZarrStore sample, Group group) {
        Map<String, String> elements = new LinkedHashMap<>();
        ZarrGroup.readAttributes(sample, group.folder()).path("elements").properties()
                .forEach(e -> elements.put(e.getKey(), e.getValue().asText()));
        return elements;
    }

    /**
     * Shows the written element {@code id} as {@code name}. Fails when the element is missing or the
     * name already shows another element; registering the same pair again does nothing.
     */
    public void register(Group group, String name, String id) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An element needs a non-blank display name");
        }
        if (!Files.isDirectory(path(group, id))) {
            throw new ZarrException("No " + group.folder() + " element '" + id + "' in " + root
                    + "; write it before registering its name");
        }
        Path dir = root.resolve(group.folder());
        FolderLock.run(dir, () -> {
            ObjectNode attrs = ZarrGroup.readAttributes(new DirectoryStore(dir), "");
            ObjectNode elements = attrs.withObject("elements");
            String current = elements.path(name).asText(null);
            if (current != null && !current.equals(id)) {
                throw new ZarrException(group.folder() + " of " + root + " already shows '" + name + "' as element "
                        + current + "; choose another name");
            }
            elements.put(name, id);
            ZarrGroup.writeAttributes(dir, attrs);
        });
    }

    private static String checkId(String id) {
        if (id == null || id.isEmpty() || id.contains("/") || id.contains("\\") || id.startsWith(".")) {
            throw new IllegalArgumentException("'" + id + "' cannot be an id: non-empty, no '/' or '\\', not starting "
                    + "with '.'");
        }
        return id;
    }
}
