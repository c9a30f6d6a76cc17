package org.spatialx.core.spatialdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.api.NotebookName;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * The SDK's {@code SpatialData(data_id=...)} / {@code (sample_id=...)} (protocol 7.4): the elements of
 * a sample store by the names users see, read over the {@code ucc.go/} gateway. Opened for a data
 * set, only the elements of its {@code map_submit_result} are listed. Elements are read when asked
 * for: {@link #getTable}, {@link #getPoints}, {@link #getShapes}, {@link #getImage}.
 */
public final class SpatialData {

    private final GatewayStore store;
    private final String sampleId;
    private final Set<String> visible;
    private final Map<SampleStore.Group, Map<String, String>> elements = new LinkedHashMap<>();

    SpatialData(GatewayStore store, String sampleId, Set<String> visible) {
        this.store = store;
        this.sampleId = sampleId;
        this.visible = visible;
    }

    /** The sample whose store this is. */
    @NotebookName(value = "sample_id", property = true)
    public String sampleId() {
        return sampleId;
    }

    /** The store's server path ({@code {data_path}/spatial/{sample_id}}). */
    @NotebookName(value = "path", property = true)
    public String path() {
        return store.root();
    }

    /** The names of the tables. */
    @NotebookName(value = "tables", property = true)
    public List<String> tables() {
        return new ArrayList<>(elements(SampleStore.Group.TABLES).keySet());
    }

    /** The names of the points elements (transcripts, cell centres). */
    @NotebookName(value = "points", property = true)
    public List<String> points() {
        return new ArrayList<>(elements(SampleStore.Group.POINTS).keySet());
    }

    /** The names of the shapes elements (boundaries, spots). */
    @NotebookName(value = "shapes", property = true)
    public List<String> shapes() {
        return new ArrayList<>(elements(SampleStore.Group.SHAPES).keySet());
    }

    /** The names of the images. */
    @NotebookName(value = "images", property = true)
    public List<String> images() {
        return new ArrayList<>(elements(SampleStore.Group.IMAGES).keySet());
    }

    /** Element name to id of one group, as listed for this data set or sample. */
    public Map<String, String> elements(SampleStore.Group group) {
        return elements.computeIfAbsent(group, g -> {
            Map<String, String> all = ZarrGroup.exists(store, g.folder()) ? SampleStore.elements(store, g) : Map.of();
            Map<String, String> shown = new LinkedHashMap<>();
            all.forEach((name, id) -> {
                if (visible == null || visible.contains(id)) {
                    shown.put(name, id);
                }
            });
            return shown;
        });
    }

    /** A table by name or id; with no name, the only table (an error names them when there are several). */
    @NotebookName("get_table")
    public SpatialTable getTable(ElementOptions options) {
        String name = pick(SampleStore.Group.TABLES, options.name());
        String id = elements(SampleStore.Group.TABLES).get(name);
        return new SpatialTable(name, id, AnnDataTable.open(store, SampleStore.Group.TABLES.folder() + "/" + id));
    }

    /** A points element by name or id (the only one when not named). */
    @NotebookName("get_points")
    public SpatialPoints getPoints(ElementOptions options) {
        String name = pick(SampleStore.Group.POINTS, options.name());
        String id = elements(SampleStore.Group.POINTS).get(name);
        return new SpatialPoints(name, id, store, SampleStore.Group.POINTS.folder() + "/" + id);
    }

    /** A shapes element by name or id (the only one when not named). */
    @NotebookName("get_shapes")
    public SpatialShapes getShapes(ElementOptions options) {
        String name = pick(SampleStore.Group.SHAPES, options.name());
        String id = elements(SampleStore.Group.SHAPES).get(name);
        return new SpatialShapes(name, id, store, SampleStore.Group.SHAPES.folder() + "/" + id);
    }

    /** An image's metadata by name or id: channels, size, pixel size, format and source. */
    @NotebookName("get_image")
    public Map<String, Object> getImage(ElementOptions options) {
        String name = pick(SampleStore.Group.IMAGES, options.name());
        String id = elements(SampleStore.Group.IMAGES).get(name);
        ObjectNode attrs = ZarrGroup.readAttributes(store, SampleStore.Group.IMAGES.folder() + "/" + id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("id", id);
        List<String> channels = new ArrayList<>();
        attrs.path("channels").forEach(c -> channels.add(c.path("label").asText()));
        out.put("channels", channels);
        attrs.path("spatialx_image").properties().forEach(e -> out.put(e.getKey(),
                e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
        return out;
    }

    /** The name of {@code nameOrId} in the group, or the only element when null. */
    private String pick(SampleStore.Group group, String nameOrId) {
        Map<String, String> shown = elements(group);
        if (nameOrId == null || nameOrId.isEmpty()) {
            if (shown.size() == 1) {
                return shown.keySet().iterator().next();
            }
            throw new IllegalArgumentException((shown.isEmpty() ? "No " + group.folder() + " element" : "Several "
                    + group.folder() + " elements " + shown.keySet() + ": name one") + " in sample " + sampleId);
        }
        if (shown.containsKey(nameOrId)) {
            return nameOrId;
        }
        for (Map.Entry<String, String> e : shown.entrySet()) {
            if (e.getValue().equals(nameOrId)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("No " + group.folder() + " element '" + nameOrId + "' in sample " + sampleId
                + "; it has " + shown.keySet());
    }

    @Override
    public String toString() {
        return "SpatialData[" + sampleId + ": tables " + tables() + ", points " + points() + ", shapes " + shapes()
                + ", images " + images() + "]";
    }
}
