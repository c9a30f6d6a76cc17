package org.spatialx.server.ingestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.data.CellPositions;

/**
 * Mean positions per cell id gathered point by point (a cell's transcripts, its polygon's vertices):
 * where cells are placed when the data set has no cell positions of its own. Memory grows with cells.
 */
final class Centroids {

    private final Map<String, double[]> sums = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    /** Adds one point of {@code cell}. */
    void add(String cell, double x, double y) {
        double[] sum = sums.get(cell);
        if (sum == null) {
            sum = new double[3];
            sums.put(cell, sum);
            order.add(cell);
        }
        sum[0] += x;
        sum[1] += y;
        sum[2]++;
    }

    /** Adds the vertices of a polygon, its closing repeat of the first vertex left out. */
    void addPolygon(String cell, double[] x, double[] y) {
        int n = x.length;
        if (n > 1 && x[0] == x[n - 1] && y[0] == y[n - 1]) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            add(cell, x[i], y[i]);
        }
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /** The mean position of every cell, in order of first appearance. */
    CellPositions positions(String unit) {
        double[] x = new double[order.size()];
        double[] y = new double[order.size()];
        for (int i = 0; i < x.length; i++) {
            double[] sum = sums.get(order.get(i));
            x[i] = sum[0] / sum[2];
            y[i] = sum[1] / sum[2];
        }
        return new CellPositions(order, x, y, unit);
    }
}
