package org.spatialx.analysis.preprocess;

import org.spatialx.analysis.expression.CellNormalizer;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * The normalised, transformed expression of a subset of genes as a sparse matrix, scaled per gene
 * to zero mean and unit variance <em>implicitly</em>: the dense matrix {@code (x - mean) / std} that
 * PCA decomposes is never materialised, only its products with dense blocks are computed
 * ({@link #multiply}, {@link #transposeMultiply}). This is scanpy's {@code scale} (zero_center,
 * unit variance with Bessel's correction, no clipping) followed by PCA on a
 * {@code LinearOperator}, in the memory of the sparse values (4 bytes a value, as scanpy's float32).
 * A gene that does not vary is divided by 1, as scanpy does.
 */
public final class ScaledExpression {

    private final int cells;
    private final int[] genes;
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;
    private final double[] mean;
    private final double[] std;
    private final double[] variance;

    private ScaledExpression(int cells, int[] genes, int[] indptr, int[] indices, float[] values,
            GeneStatistics statistics) {
        this.cells = cells;
        this.genes = genes;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
        this.mean = statistics.mean();
        this.variance = statistics.variance();
        this.std = new double[genes.length];
        for (int j = 0; j < genes.length; j++) {
            double s = Math.sqrt(variance[j]);
            std[j] = s == 0 ? 1 : s;
        }
    }

    /**
     * Normalises and transforms {@code counts}' columns {@code genes} (ascending) with
     * {@code normalization}, in parallel, and computes the per-gene mean and variance the scaling uses.
     */
    public static ScaledExpression of(ExpressionMatrix counts, Normalization normalization, int[] genes,
            Workers workers) {
        int cells = counts.cellCount();
        int[] column = new int[counts.geneCount()];
        java.util.Arrays.fill(column, -1);
        for (int j = 0; j < genes.length; j++) {
            column[genes[j]] = j;
        }
        int[] sourcePtr = counts.indptr();
        int[] sourceIndices = counts.indices();
        int[] indptr = new int[cells + 1];
        workers.forRange(cells, (part, from, to) -> {
            for (int cell = from; cell < to; cell++) {
                int kept = 0;
                for (int i = sourcePtr[cell]; i < sourcePtr[cell + 1]; i++) {
                    if (column[sourceIndices[i]] >= 0) {
                        kept++;
                    }
                }
                indptr[cell + 1] = kept;
            }
        });
        for (int cell = 0; cell < cells; cell++) {
            indptr[cell + 1] += indptr[cell];
        }
        int[] indices = new int[indptr[cells]];
        float[] values = new float[indptr[cells]];
        int longest = StoredValues.longestRow(sourcePtr);
        int width = genes.length;
        double[] sums = workers.sumOverParts(cells, GeneStatistics.PARTS, 2 * width, (from, to, into) -> {
            double[] row = new double[longest];
            CellNormalizer normalizer = new CellNormalizer(normalization);
            for (int cell = from; cell < to; cell++) {
                int start = sourcePtr[cell];
                int end = sourcePtr[cell + 1];
                StoredValues.copy(counts.values(), start, end, row);
                normalizer.startCell(counts.cellTotal(cell));
                int out = indptr[cell];
                for (int i = start; i < end; i++) {
                    int j = column[sourceIndices[i]];
                    if (j >= 0) {
                        float value = (float) normalizer.apply(row[i - start]);
                        indices[out] = j;
                        values[out++] = value;
                        into[j] += value;
                        into[width + j] += (double) value * value;
                    }
                }
                if ((cell & 0xFFF) == 0) {
                    workers.checkCancelled();
                }
            }
        });
        return new ScaledExpression(cells, genes.clone(), indptr, indices, values,
                GeneStatistics.fromSums(cells, width, sums));
    }

    /** Number of cells (rows). */
    public int cells() {
        return cells;
    }

    /** Number of genes (columns). */
    public int genes() {
        return genes.length;
    }

    /** The column of the counts matrix that column {@code j} holds. */
    public int gene(int j) {
        return genes[j];
    }

    /** Number of stored (non-zero before centring) values. */
    public long nonZeroCount() {
        return values.length;
    }

    /** Mean of gene {@code j}'s transformed values. */
    public double mean(int j) {
        return mean[j];
    }

    /** What gene {@code j} is divided by: its standard deviation, or 1 when it does not vary. */
    public double std(int j) {
        return std[j];
    }

    /**
     * Total variance of the scaled matrix, the denominator of explained variance ratios: the number
     * of genes that vary (each has variance 1 after scaling).
     */
    public double totalVariance() {
        double total = 0;
        for (int j = 0; j < variance.length; j++) {
            total += variance[j] / (std[j] * std[j]);
        }
        return total;
    }

    /**
     * {@code out (cells x cols) = S right}, where S is the scaled matrix and {@code right} is
     * {@code genes x cols}, both row-major. Parallel over cells; eight columns at a time in
     * registers (the JIT does not vectorise these loops reliably, eight independent sums keep the
     * multipliers busy anyway).
     */
    public void multiply(double[] right, int cols, double[] out, Workers workers) {
        int width = genes.length;
        double[] scaled = new double[width * cols];
        double[] offset = new double[cols];
        for (int j = 0; j < width; j++) {
            double inverse = 1 / std[j];
            for (int c = 0; c < cols; c++) {
                double v = right[j * cols + c] * inverse;
                scaled[j * cols + c] = v;
                offset[c] += mean[j] * v;
            }
        }
        workers.forRange(cells, (part, from, to) -> {
            for (int cell = from; cell < to; cell++) {
                int o = cell * cols;
                int start = indptr[cell];
                int end = indptr[cell + 1];
                int c = 0;
                for (; c + 8 <= cols; c += 8) {
                    double a0 = -offset[c];
                    double a1 = -offset[c + 1];
                    double a2 = -offset[c + 2];
                    double a3 = -offset[c + 3];
                    double a4 = -offset[c + 4];
                    double a5 = -offset[c + 5];
                    double a6 = -offset[c + 6];
                    double a7 = -offset[c + 7];
                    for (int i = start; i < end; i++) {
                        double v = values[i];
                        int b = indices[i] * cols + c;
                        a0 += v * scaled[b];
                        a1 += v * scaled[b + 1];
                        a2 += v * scaled[b + 2];
                        a3 += v * scaled[b + 3];
                        a4 += v * scaled[b + 4];
                        a5 += v * scaled[b + 5];
                        a6 += v * scaled[b + 6];
                        a7 += v * scaled[b + 7];
                    }
                    out[o + c] = a0;
                    out[o + c + 1] = a1;
                    out[o + c + 2] = a2;
                    out[o + c + 3] = a3;
                    out[o + c + 4] = a4;
                    out[o + c + 5] = a5;
                    out[o + c + 6] = a6;
                    out[o + c + 7] = a7;
                }
                for (; c < cols; c++) {
                    double a = -offset[c];
                    for (int i = start; i < end; i++) {
                        a += values[i] * scaled[indices[i] * cols + c];
                    }
                    out[o + c] = a;
                }
                if ((cell & 0x3FFF) == 0) {
                    workers.checkCancelled();
                }
            }
        });
    }

    /**
     * {@code out (genes x cols) = S^T left}, where {@code left} is {@code cells x cols}, both
     * row-major. Parallel over blocks of eight columns, each summing over the cells in order (so the
     * result does not depend on the thread count) into a {@code genes x 8} block that stays in cache.
     */
    public void transposeMultiply(double[] left, int cols, double[] out, Workers workers) {
        int width = genes.length;
        int blocks = (cols + 7) / 8;
        workers.forParts(blocks, blocks, (block, first, last) -> {
            int c0 = block * 8;
            int w = Math.min(8, cols - c0);
            double[] sums = new double[width * 8];
            double[] columnSums = new double[8];
            for (int cell = 0; cell < cells; cell++) {
                int l = cell * cols + c0;
                int start = indptr[cell];
                int end = indptr[cell + 1];
                if (w == 8) {
                    double l0 = left[l];
                    double l1 = left[l + 1];
                    double l2 = left[l + 2];
                    double l3 = left[l + 3];
                    double l4 = left[l + 4];
                    double l5 = left[l + 5];
                    double l6 = left[l + 6];
                    double l7 = left[l + 7];
                    columnSums[0] += l0;
                    columnSums[1] += l1;
                    columnSums[2] += l2;
                    columnSums[3] += l3;
                    columnSums[4] += l4;
                    columnSums[5] += l5;
                    columnSums[6] += l6;
                    columnSums[7] += l7;
                    for (int i = start; i < end; i++) {
                        double v = values[i];
                        int b = indices[i] * 8;
                        sums[b] += v * l0;
                        sums[b + 1] += v * l1;
                        sums[b + 2] += v * l2;
                        sums[b + 3] += v * l3;
                        sums[b + 4] += v * l4;
                        sums[b + 5] += v * l5;
                        sums[b + 6] += v * l6;
                        sums[b + 7] += v * l7;
                    }
                } else {
                    for (int c = 0; c < w; c++) {
                        double lc = left[l + c];
                        columnSums[c] += lc;
                        for (int i = start; i < end; i++) {
                            sums[indices[i] * 8 + c] += values[i] * lc;
                        }
                    }
                }
                if ((cell & 0x3FFF) == 0) {
                    workers.checkCancelled();
                }
            }
            for (int j = 0; j < width; j++) {
                double inverse = 1 / std[j];
                for (int c = 0; c < w; c++) {
                    out[j * cols + c0 + c] = (sums[j * 8 + c] - mean[j] * columnSums[c]) * inverse;
                }
            }
        });
    }
}
