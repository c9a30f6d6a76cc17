package org.spatialx.core.spatialdata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.NotebookName;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.formats.spatialdata.ShapesReader;
import org.spatialx.formats.zarr.ZarrStore;

/** A shapes element (cell or nucleus boundaries, spots: protocol 7.4 {@code shapes/{id}}), read per cell. */
public final class SpatialShapes {

    private final String name;
    private final String id;
    private final ShapesReader shapes;

    SpatialShapes(String name, String id, ZarrStore store, String path) {
        this.name = name;
        this.id = id;
        this.shapes = ShapesReader.open(store, path);
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

    /** {@code POLYGON} (boundaries) or {@code POINT} (spots drawn as circles). */
    @NotebookName(value = "geometry", property = true)
    public String geometry() {
        return shapes.geometry();
    }

    /** The cell (or spot) ids, in order. */
    @NotebookName("ids")
    public List<String> ids() {
        return shapes.ids();
    }

    /** One cell's outline: {@code x} and {@code y} vertex lists (closed ring). */
    @NotebookName("polygon")
    public Map<String, Object> polygon(String cellId) {
        CellPolygon polygon = shapes.polygon(cellId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cell_id", polygon.cellId());
        out.put("x", polygon.x());
        out.put("y", polygon.y());
        return out;
    }

    /** The reader (Java callers: {@code forEach}, radii and centres of spots). */
    public ShapesReader reader() {
        return shapes;
    }

    @Override
    public String toString() {
        return "SpatialShapes[" + name + " (" + id + ")]";
    }
}
