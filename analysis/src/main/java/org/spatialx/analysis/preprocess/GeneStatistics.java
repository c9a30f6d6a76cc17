package org.spatialx.analysis.preprocess;

import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * Per-gene mean and variance over the cells, the variance with Bessel's correction (n - 1), as
 * scanpy's {@code _get_mean_var} computes them.
 *
 * @param cells    number of cells
 * @param mean     one mean per gene
 * @param variance one unbiased variance per gene
 */
public record GeneStatistics(int cells, double[] mean, double[] variance) {

    /**
     * Number of parts the cells are summed in: fixed, so that the sums (added in part order) do not
     * depend on the thread count.
     */
    static final int PARTS = 16;

    /**
     * The statistics of the size-normalised values before the transform (counts divided by the cell's
     * {@link Normalization#divisor}): what the dispersion of highly variable genes is measured on.
     */
    public static GeneStatistics ofNormalized(ExpressionMatrix counts, Normalization normalization, Workers workers) {
        int genes = counts.geneCount();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        int longest = StoredValues.longestRow(indptr);
        double[] sums = workers.sumOverParts(counts.cellCount(), PARTS, 2 * genes, (from, to, into) -> {
            double[] row = new double[longest];
            for (int cell = from; cell < to; cell++) {
                int start = indptr[cell];
                int end = indptr[cell + 1];
                StoredValues.copy(counts.values(), start, end, row);
                double divisor = normalization.divisor(counts.cellTotal(cell));
                for (int i = start; i < end; i++) {
                    double value = row[i - start] / divisor;
                    int gene = indices[i];
                    into[gene] += value;
                    into[genes + gene] += value * value;
                }
                if ((cell & 0xFFF) == 0) {
                    workers.checkCancelled();
                }
            }
        });
        return fromSums(counts.cellCount(), genes, sums);
    }

    /** Statistics from per-gene sums ({@code sums[0..genes)}) and sums of squares ({@code sums[genes..2 genes)}). */
    static GeneStatistics fromSums(int cells, int genes, double[] sums) {
        double[] mean = new double[genes];
        double[] variance = new double[genes];
        for (int gene = 0; gene < genes; gene++) {
            double m = sums[gene] / cells;
            mean[gene] = m;
            double v = sums[genes + gene] / cells - m * m;
            variance[gene] = cells > 1 ? Math.max(0, v) * cells / (cells - 1) : 0;
        }
        return new GeneStatistics(cells, mean, variance);
    }
}
