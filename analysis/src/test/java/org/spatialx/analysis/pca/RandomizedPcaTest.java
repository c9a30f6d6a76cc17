package org.spatialx.analysis.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.linalg.SymmetricEigen;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;

/** Randomized PCA against the exact decomposition: Java's own dense eigen-decomposition and sklearn's PCA. */
class RandomizedPcaTest {

    @TempDir
    Path folder;

    private static int[] allGenes(ExpressionMatrix counts) {
        int[] genes = new int[counts.geneCount()];
        Arrays.setAll(genes, i -> i);
        return genes;
    }

    private static PcaResult pca(ExpressionMatrix counts, NormalizeMethod method, int components, int threads) {
        try (Workers workers = Workers.of(threads)) {
            ScaledExpression scaled = ScaledExpression.of(counts, Normalization.of(method),
                    allGenes(counts), workers);
            return RandomizedPca.fit(scaled, RandomizedPca.Options.of(components, 7), workers, f -> { });
        }
    }

    /** The dense log-normalised, scaled matrix, computed here from the definitions (not with the module's code). */
    private static double[] denseScaled(ExpressionMatrix counts) {
        int n = counts.cellCount();
        int g = counts.geneCount();
        double[] x = new double[n * g];
        for (int c = 0; c < n; c++) {
            double total = counts.cellTotal(c);
            for (int i = counts.indptr()[c]; i < counts.indptr()[c + 1]; i++) {
                x[c * g + counts.indices()[i]] = Math.log1p(counts.values().get(i) / (total / 1e4));
            }
        }
        for (int j = 0; j < g; j++) {
            double mean = 0;
            for (int c = 0; c < n; c++) {
                mean += x[c * g + j];
            }
            mean /= n;
            double variance = 0;
            for (int c = 0; c < n; c++) {
                variance += (x[c * g + j] - mean) * (x[c * g + j] - mean);
            }
            double std = Math.sqrt(variance / (n - 1));
            for (int c = 0; c < n; c++) {
                x[c * g + j] = (x[c * g + j] - mean) / (std == 0 ? 1 : std);
            }
        }
        return x;
    }

    @Test
    void matchesTheExactEigenDecompositionOfTheCovariance() {
        SyntheticCounts data;
        try (Workers workers = Workers.of(2)) {
            data = SyntheticCounts.generate(700, 120, 6, 11, workers);
        }
        ExpressionMatrix counts = data.counts();
        int n = counts.cellCount();
        int g = counts.geneCount();
        double[] x = denseScaled(counts);
        double[] covariance = new double[g * g];
        for (int a = 0; a < g; a++) {
            for (int b = a; b < g; b++) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    sum += x[c * g + a] * x[c * g + b];
                }
                covariance[a * g + b] = sum / (n - 1);
                covariance[b * g + a] = sum / (n - 1);
            }
        }
        SymmetricEigen exact = SymmetricEigen.of(covariance, g);
        double total = Arrays.stream(exact.values()).sum();

        PcaResult pca = pca(counts, NormalizeMethod.LOG1P_NORMALIZE, 50, 2);
        assertEquals(50, pca.components());
        for (int c = 0; c < 50; c++) {
            assertEquals(exact.values()[c] / total, pca.explainedVarianceRatio()[c], 1e-6, "ratio of PC" + (c + 1));
            assertEquals(exact.values()[c], pca.explainedVariance()[c], 1e-6 * exact.values()[0], "variance of PC" + (c + 1));
        }
        double cosine = Subspaces.smallestCosine(pca.loadings().values(), 50, exact.vectors(), g, g, 10);
        assertTrue(cosine > 0.9999, "top-10 subspace, smallest principal cosine " + cosine);
        // the scores are the data projected on the loadings (the module keeps the transformed values as float)
        for (int c = 0; c < n; c += 97) {
            for (int k = 0; k < 5; k++) {
                double projection = 0;
                for (int j = 0; j < g; j++) {
                    projection += x[c * g + j] * pca.loadings().get(j, k);
                }
                assertEquals(projection, pca.scores().get(c, k), 1e-6 * Math.sqrt(exact.values()[0] * n));
            }
        }
    }

    @Test
    void sameSeedSameComponentsWhateverTheThreadCount() {
        ExpressionMatrix counts;
        try (Workers workers = Workers.of(2)) {
            counts = SyntheticCounts.generate(2_000, 300, 8, 3, workers).counts();
        }
        PcaResult one = pca(counts, NormalizeMethod.LOG1P_NORMALIZE, 30, 1);
        PcaResult three = pca(counts, NormalizeMethod.LOG1P_NORMALIZE, 30, 3);
        assertArrayEquals(one.scores().values(), three.scores().values());
        assertArrayEquals(one.explainedVarianceRatio(), three.explainedVarianceRatio());
        // svd_flip: the largest-magnitude score of every component is positive
        for (int k = 0; k < 30; k++) {
            double[] column = one.scores().column(k);
            double largest = 0;
            for (double v : column) {
                largest = Math.abs(v) > Math.abs(largest) ? v : largest;
            }
            assertTrue(largest > 0, "sign of PC" + (k + 1));
        }
    }

    @Test
    void fewerComponentsForSmallTables() {
        assertEquals(50, RandomizedPca.defaultComponents(10_000, 2_000));
        assertEquals(29, RandomizedPca.defaultComponents(526, 30));
        assertEquals(48, RandomizedPca.defaultComponents(49, 1_999));
    }

    /** Our PCA of {@code counts} against sklearn's PCA (full SVD) of the same dense scaled matrix. */
    private void compareWithSklearn(String name, ExpressionMatrix counts, NormalizeMethod method) throws IOException {
        PythonReference.assumeAvailable();
        SyntheticCounts.writeCounts(counts, folder);
        int components = RandomizedPca.defaultComponents(counts.cellCount(), counts.geneCount());
        PythonReference.run(600, "pca", folder.toString(), method.value(), "None", Integer.toString(components));
        double[] ratios = Npy.read(folder.resolve("pca_ratios.npy")).values();
        double[] loadings = Npy.read(folder.resolve("pca_loadings.npy")).values();

        PcaResult pca = pca(counts, method, components, 2);
        double worst = 0;
        for (int c = 0; c < components; c++) {
            worst = Math.max(worst, Math.abs(ratios[c] - pca.explainedVarianceRatio()[c]));
        }
        assertTrue(worst < 1e-3, name + ": largest difference of explained variance ratios " + worst);
        int g = counts.geneCount();
        double cosine = Subspaces.smallestCosine(pca.loadings().values(), components,
                Subspaces.unitColumns(loadings, g, components), components, g, Math.min(10, components));
        assertTrue(cosine > 0.999, name + ": top-10 subspace, smallest principal cosine " + cosine);
        System.out.printf("PCA %s (%d x %d, %d components): max |ratio - sklearn| %.2e, top-10 subspace cosine %.6f%n",
                name, counts.cellCount(), g, components, worst, cosine);
    }

    @Test
    void matchesSklearnOnGeneratedCounts() throws IOException {
        ExpressionMatrix counts;
        try (Workers workers = Workers.of(2)) {
            counts = SyntheticCounts.generate(3_000, 500, 10, 5, workers).counts();
        }
        compareWithSklearn("generated", counts, NormalizeMethod.LOG1P_NORMALIZE);
    }

    @Test
    void matchesSklearnOnRealMatrices() throws IOException {
        compareWithSklearn("Xenium toy, log1p", RealMatrices.xeniumToy(), NormalizeMethod.LOG1P_NORMALIZE);
        compareWithSklearn("CosMx lung, sqrt", RealMatrices.cosmxLung(), NormalizeMethod.SQRT_NORMALIZE);
        compareWithSklearn("squidpy Visium, raw", RealMatrices.squidpyVisium(), NormalizeMethod.RAW);
    }

    @Test
    void matchesSklearnOnTheCosmxBreastCancerMatrix() throws IOException {
        compareWithSklearn("CosMx breast, log1p", RealMatrices.cosmxBreast(), NormalizeMethod.LOG1P_NORMALIZE);
    }
}
