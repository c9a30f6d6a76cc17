package org.spatialx.api.data;

import java.util.List;

/**
 * Positions of cells, spots or beads.
 *
 * @param ids  one id per position (barcode, cell id)
 * @param x    x coordinates
 * @param y    y coordinates
 * @param unit {@code um} (microns) or {@code px} (pixels of the full-resolution image)
 */
public record CellPositions(List<String> ids, double[] x, double[] y, String unit) {

    /** Copies the ids and checks that the arrays have one value per id. */
    public CellPositions {
        ids = List.copyOf(ids);
        if (x.length != ids.size() || y.length != ids.size()) {
            throw new IllegalArgumentException("positions: " + ids.size() + " ids but " + x.length + " x and "
                    + y.length + " y values");
        }
    }

    /** Number of positions. */
    public int size() {
        return ids.size();
    }

    /** A copy in microns, given the microns per pixel of the image the pixels refer to. */
    public CellPositions toMicrons(double micronsPerPixel) {
        if (unit.equals("um")) {
            return this;
        }
        double[] mx = new double[x.length];
        double[] my = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            mx[i] = x[i] * micronsPerPixel;
            my[i] = y[i] * micronsPerPixel;
        }
        return new CellPositions(ids, mx, my, "um");
    }
}
