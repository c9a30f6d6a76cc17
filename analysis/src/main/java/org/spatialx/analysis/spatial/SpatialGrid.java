package org.spatialx.analysis.spatial;

import org.spatialx.api.data.DenseMatrix;

/**
 * The cells within a radius of each cell, found through a grid of square bins at least as wide as the
 * radius: a cell's neighbours are in its own bin or the eight around it. Cells are stored bin by bin,
 * so a bin's cells are contiguous; nothing per pair is stored, the pairs are visited.
 */
final class SpatialGrid {

    /** Receives one neighbour of a cell: its index and squared distance. */
    @FunctionalInterface
    interface Visitor {
        void neighbour(int cell, double squaredDistance);
    }

    /** Bins per axis at most: beyond, bins grow wider than the radius (more pairs tested, none missed). */
    private static final int MAX_BINS_PER_AXIS = 4096;

    private final double[] x;
    private final double[] y;
    private final double radius;
    private final double minX;
    private final double minY;
    private final double width;
    private final int columns;
    private final int rows;
    private final int[] binStart;
    private final int[] cellsByBin;

    private SpatialGrid(DenseMatrix positions, double radius) {
        int n = positions.rows();
        this.radius = radius;
        x = new double[n];
        y = new double[n];
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = positions.get(i, 0);
            y[i] = positions.get(i, 1);
            loX = Math.min(loX, x[i]);
            hiX = Math.max(hiX, x[i]);
            loY = Math.min(loY, y[i]);
            hiY = Math.max(hiY, y[i]);
        }
        minX = n == 0 ? 0 : loX;
        minY = n == 0 ? 0 : loY;
        double extent = n == 0 ? 0 : Math.max(hiX - loX, hiY - loY);
        width = Math.max(radius, extent / MAX_BINS_PER_AXIS);
        columns = n == 0 ? 1 : (int) ((hiX - loX) / width) + 1;
        rows = n == 0 ? 1 : (int) ((hiY - loY) / width) + 1;
        binStart = new int[columns * rows + 1];
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = binOf(i);
            binStart[bin[i] + 1]++;
        }
        for (int b = 0; b < columns * rows; b++) {
            binStart[b + 1] += binStart[b];
        }
        cellsByBin = new int[n];
        int[] fill = java.util.Arrays.copyOf(binStart, columns * rows);
        for (int i = 0; i < n; i++) {
            cellsByBin[fill[bin[i]]++] = i;
        }
    }

    /** The grid of {@code positions} ({@code n x 2}, microns) for neighbours within {@code radius}. */
    static SpatialGrid of(DenseMatrix positions, double radius) {
        if (positions.cols() < 2) {
            throw new IllegalArgumentException("positions need x and y, got " + positions.cols() + " columns");
        }
        return new SpatialGrid(positions, radius);
    }

    private int binOf(int cell) {
        int column = Math.min(columns - 1, (int) ((x[cell] - minX) / width));
        int row = Math.min(rows - 1, (int) ((y[cell] - minY) / width));
        return row * columns + column;
    }

    /** Visits every cell within the radius of {@code cell} (itself included, at distance 0), bin by bin. */
    void forEachWithin(int cell, Visitor visitor) {
        double squaredRadius = radius * radius;
        int column = Math.min(columns - 1, (int) ((x[cell] - minX) / width));
        int row = Math.min(rows - 1, (int) ((y[cell] - minY) / width));
        for (int r = Math.max(0, row - 1); r <= Math.min(rows - 1, row + 1); r++) {
            for (int c = Math.max(0, column - 1); c <= Math.min(columns - 1, column + 1); c++) {
                int b = r * columns + c;
                for (int at = binStart[b]; at < binStart[b + 1]; at++) {
                    int other = cellsByBin[at];
                    double dx = x[other] - x[cell];
                    double dy = y[other] - y[cell];
                    double squared = dx * dx + dy * dy;
                    if (squared <= squaredRadius) {
                        visitor.neighbour(other, squared);
                    }
                }
            }
        }
    }

    /** Number of cells. */
    int cells() {
        return x.length;
    }

    /** The cells in bin order: cells near each other in space are near each other in this order. */
    int[] cellsInBinOrder() {
        return cellsByBin.clone();
    }
}
