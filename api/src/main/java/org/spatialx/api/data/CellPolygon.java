package org.spatialx.api.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One cell's (or nucleus') boundary: its vertices in file order and in the file's unit. A Xenium
 * polygon is closed (its last vertex repeats the first); a CosMx one is not.
 *
 * @param cellId the cell id as the other readers of the same technology name it (CosMx:
 *               {@code <fov>_<cellID>})
 * @param x      vertex x coordinates
 * @param y      vertex y coordinates, one per x
 */
public record CellPolygon(String cellId, double[] x, double[] y) {

    /** Checks that x and y pair up. */
    public CellPolygon {
        Objects.requireNonNull(cellId, "cellId");
        if (x.length != y.length) {
            throw new IllegalArgumentException("polygon of " + cellId + ": " + x.length + " x but " + y.length
                    + " y coordinates");
        }
    }

    /** The number of vertices (a closing repeat of the first vertex included). */
    public int size() {
        return x.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CellPolygon that && cellId.equals(that.cellId) && Arrays.equals(x, that.x)
                && Arrays.equals(y, that.y);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * cellId.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "CellPolygon[" + cellId + ", " + x.length + " vertices"
                + (x.length == 0 ? "" : ", first (" + x[0] + ", " + y[0] + ")") + "]";
    }
}
