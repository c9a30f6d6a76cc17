package org.spatialx.analysis.spatial;

import org.spatialx.analysis.parallel.Workers;

/** Per-cell means of a per-cell profile over the cells within a radius, optionally weighted by distance. */
final class NeighbourhoodMeans {

    private NeighbourhoodMeans() {
    }

    /**
     * Writes into {@code out} ({@code n x d}) each cell's mean of {@code values} ({@code n x d}) over the
     * cells within the grid's radius, itself included; with a {@code tau}, a cell at distance {@code r}
     * weighs {@code exp(-r^2 / (2 tau^2))} (the cell itself 1), without, every cell weighs 1.
     *
     * @return the total number of (cell, neighbour) pairs, the cells themselves included
     */
    static long average(SpatialGrid grid, double[] values, int d, Double tau, double[] out, Workers workers) {
        int n = grid.cells();
        long[] pairs = new long[n];
        double inverseTwoTauSquared = tau == null ? 0 : 1 / (2 * tau * tau);
        workers.forRange(n, (part, from, to) -> {
            double[] sum = new double[d];
            double[] weightSum = new double[1];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(sum, 0);
                weightSum[0] = 0;
                int[] count = new int[1];
                grid.forEachWithin(i, (other, squared) -> {
                    double weight = tau == null ? 1 : Math.exp(-squared * inverseTwoTauSquared);
                    weightSum[0] += weight;
                    count[0]++;
                    for (int c = 0; c < d; c++) {
                        sum[c] += weight * values[other * d + c];
                    }
                });
                for (int c = 0; c < d; c++) {
                    out[i * d + c] = sum[c] / weightSum[0];
                }
                pairs[i] = count[0];
            }
        });
        long total = 0;
        for (long p : pairs) {
            total += p;
        }
        return total;
    }
}
