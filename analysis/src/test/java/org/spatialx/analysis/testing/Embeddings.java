package org.spatialx.analysis.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.pca.PcaResult;
import org.spatialx.analysis.pca.RandomizedPca;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;

/** Embeddings to search neighbours and clusters in: principal components of generated or real counts, Gaussian blobs. */
public final class Embeddings {

    private Embeddings() {
    }

    /** The default PCA (log1p, every gene, the default number of components) of {@code counts}. */
    public static PcaResult pca(ExpressionMatrix counts, long seed) {
        try (Workers workers = Workers.of(2)) {
            int[] genes = new int[counts.geneCount()];
            Arrays.setAll(genes, i -> i);
            ScaledExpression scaled = ScaledExpression.of(counts,
                    Normalization.of(NormalizeMethod.LOG1P_NORMALIZE), genes, workers);
            int components = RandomizedPca.defaultComponents(counts.cellCount(), genes.length);
            return RandomizedPca.fit(scaled, RandomizedPca.Options.of(components, seed), workers, f -> { });
        }
    }

    /** The first {@code dims} principal components of generated counts with {@code types} cell types. */
    public static DenseMatrix generated(int cells, int genes, int types, int dims, long seed) {
        ExpressionMatrix counts;
        try (Workers workers = Workers.of(2)) {
            counts = SyntheticCounts.generate(cells, genes, types, seed, workers).counts();
        }
        DenseMatrix scores = pca(counts, seed).scores();
        double[] values = new double[cells * dims];
        for (int c = 0; c < cells; c++) {
            System.arraycopy(scores.values(), c * scores.cols(), values, c * dims, dims);
        }
        return new DenseMatrix(cells, dims, values);
    }

    /**
     * {@code n} points in {@code d} dimensions around {@code k} centres drawn in a cube of side 10, with
     * Gaussian noise of standard deviation {@code spread}; the true cluster of point i is {@code i % k}.
     */
    public static DenseMatrix blobs(int n, int d, int k, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextDouble(-5, 5);
        }
        DenseMatrix points = DenseMatrix.zeros(n, d);
        java.util.Random gaussian = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                points.set(i, j, centres[(i % k) * d + j] + spread * gaussian.nextGaussian());
            }
        }
        return points;
    }
}
