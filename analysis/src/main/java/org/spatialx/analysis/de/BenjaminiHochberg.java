package org.spatialx.analysis.de;

/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate), as statsmodels' {@code fdr_bh} gives them
 * to scanpy: the p-values in increasing order times {@code m / rank}, made monotone from the largest
 * down, capped at 1.
 */
final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /** The adjusted p-values, in the order of {@code pValues} (which are in [0, 1], none NaN). */
    static double[] adjust(double[] pValues) {
        int m = pValues.length;
        int[] order = IndexOrder.of(pValues, false);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }
        return adjusted;
    }
}
