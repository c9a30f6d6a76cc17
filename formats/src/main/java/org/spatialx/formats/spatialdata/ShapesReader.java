package org.spatialx.formats.spatialdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * Reads a spatialdata shapes v0.1 element of polygons (one ring each, as {@link ShapesWriter} writes
 * cells) back per cell: the index and offsets are read once; a cell's vertices are read from the
 * chunks of {@code coords} that hold them. Circles (spots) read with {@link #radius()}.
 */
public final class ShapesReader {

    private final ZarrStore store;
    private final String path;
    private final ObjectNode attributes;
    private final List<String> index;
    private long[] ringStarts;
    private long[] polygonStarts;
    private Map<String, Integer> positions;
    private ZarrArray coords;

    private ShapesReader(ZarrStore store, String path) {
        this.store = store;
        this.path = path;
        this.attributes = ZarrGroup.readAttributes(store, path);
        this.index = ZarrArray.open(store, ZarrStore.join(path, "Index")).readAllStrings();
    }

    /** Opens the shapes element folder {@code element}. */
    public static ShapesReader open(Path element) {
        return open(new DirectoryStore(element), "");
    }

    /** Opens the shapes element at {@code path} of {@code store}. */
    public static ShapesReader open(ZarrStore store, String path) {
        if (!ZarrGroup.exists(store, path)) {
            throw new ZarrException("No shapes element at '" + path + "' of " + store + " (no .zgroup)");
        }
        return new ShapesReader(store, path);
    }

    /** The element's attributes. */
    public ObjectNode attributes() {
        return attributes;
    }

    /** {@code POLYGON}, {@code MULTIPOLYGON} or {@code POINT} (circles). */
    public String geometry() {
        return attributes.path("spatialdata_attrs").path("geos").path("geometry_name").asText();
    }

    /** The shape ids (cell or spot ids), in stored order. */
    public List<String> ids() {
        return index;
    }

    /** The outline of cell {@code id}, closed (its last vertex repeats the first). */
    public CellPolygon polygon(String id) {
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = index.size() - 1; i >= 0; i--) {
                positions.put(index.get(i), i);
            }
        }
        Integer position = positions.get(id);
        if (position == null) {
            throw new ZarrException("No shape '" + id + "' among the " + index.size() + " shapes at '" + path + "' of "
                    + store);
        }
        return polygon(position);
    }

    /** The outline of the shape at {@code position}. */
    public CellPolygon polygon(int position) {
        requirePolygons();
        int ring = Math.toIntExact(polygonStarts[position]);
        long from = ringStarts[ring];
        int n = Math.toIntExact(ringStarts[ring + 1] - from);
        double[] xy = coords.readRows(Math.toIntExact(from), n);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        return new CellPolygon(index.get(position), x, y);
    }

    /** Streams every polygon in stored order. */
    public void forEach(Consumer<CellPolygon> action) {
        for (int i = 0; i < index.size(); i++) {
            action.accept(polygon(i));
        }
    }

    /** The radii of a circles element. */
    public double[] radius() {
        if (!geometry().equals("POINT")) {
            throw new ZarrException("'" + path + "' of " + store + " holds " + geometry() + " shapes, not circles");
        }
        return ZarrArray.open(store, ZarrStore.join(path, "radius")).readAllDoubles();
    }

    /** The centres of a circles element, row-major {@code x, y} pairs. */
    public double[] centres() {
        ZarrArray array = ZarrArray.open(store, ZarrStore.join(path, "coords"));
        return array.readRows(0, Math.toIntExact(array.length()));
    }

    private void requirePolygons() {
        if (!geometry().equals("POLYGON")) {
            throw new ZarrException("'" + path + "' of " + store + " holds " + geometry()
                    + " shapes; only single-ring polygons are read per cell");
        }
        if (coords == null) {
            coords = ZarrArray.open(store, ZarrStore.join(path, "coords"));
            ZarrArray rings = ZarrArray.open(store, ZarrStore.join(path, "offset0"));
            ringStarts = rings.readLongs(0, Math.toIntExact(rings.length()));
            ZarrArray polygons = ZarrArray.open(store, ZarrStore.join(path, "offset1"));
            polygonStarts = polygons.readLongs(0, Math.toIntExact(polygons.length()));
        }
    }
}
