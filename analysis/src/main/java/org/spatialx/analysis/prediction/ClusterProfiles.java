package org.spatialx.analysis.prediction;

import org.spatialx.analysis.expression.CellNormalizer;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * The mean log-normalised expression (scanpy's {@code normalize_total} to 1e4, then {@code log1p}) of
 * chosen genes in each group of cells: clusters of the data set, or cell types of a reference.
 *
 * @param groups number of groups
 * @param genes  number of genes kept
 * @param means  {@code groups x genes}, row-major
 * @param sizes  cells per group
 */
record ClusterProfiles(int groups, int genes, double[] means, int[] sizes) {

    /**
     * The profiles of {@code counts}' columns {@code genes} (a column index per kept gene) over the groups
     * {@code group} ({@code 0 .. groups-1} per cell, -1 for cells in no group).
     */
    static ClusterProfiles of(ExpressionMatrix counts, int[] group, int groups, int[] genes, Workers workers) {
        int[] position = new int[counts.geneCount()];
        java.util.Arrays.fill(position, -1);
        for (int k = 0; k < genes.length; k++) {
            position[genes[k]] = k;
        }
        Normalization normalization = Normalization.of(NormalizeMethod.LOG1P_NORMALIZE);
        int width = genes.length;
        int n = counts.cellCount();
        double[] sums = workers.sumOverParts(n, Math.min(64, workers.threads() * 4), groups * width + groups,
                (from, to, s) -> {
                    CellNormalizer normalizer = new CellNormalizer(normalization);
                    for (int cell = from; cell < to; cell++) {
                        int g = group[cell];
                        if (g < 0) {
                            continue;
                        }
                        s[groups * width + g]++;
                        double total = 0;
                        for (int e = counts.indptr()[cell]; e < counts.indptr()[cell + 1]; e++) {
                            total += counts.values().get(e);
                        }
                        normalizer.startCell(total);
                        for (int e = counts.indptr()[cell]; e < counts.indptr()[cell + 1]; e++) {
                            int k = position[counts.indices()[e]];
                            if (k >= 0) {
                                s[g * width + k] += normalizer.apply(counts.values().get(e));
                            }
                        }
                    }
                });
        double[] means = new double[groups * width];
        int[] sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            sizes[g] = (int) sums[groups * width + g];
            for (int k = 0; k < width; k++) {
                means[g * width + k] = sizes[g] == 0 ? 0 : sums[g * width + k] / sizes[g];
            }
        }
        return new ClusterProfiles(groups, width, means, sizes);
    }

    /** The mean of kept gene {@code k} in group {@code g}. */
    double mean(int g, int k) {
        return means[g * genes + k];
    }
}
