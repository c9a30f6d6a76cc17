package org.spatialx.analysis.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/** The three normalize_method values on real counts, value by value, and the per-gene statistics. */
class NormalizationTest {

    @Test
    void eachMethodTransformsTheCellNormalisedCounts() {
        ExpressionMatrix counts = RealMatrices.xeniumToy();
        assertEquals(1e4, Normalization.TARGET_SUM);
        try (Workers workers = Workers.of(2)) {
            for (NormalizeMethod method : NormalizeMethod.values()) {
                Normalization normalization = Normalization.of(counts, method, workers);
                for (int cell = 0; cell < counts.cellCount(); cell++) {
                    double total = counts.cellTotal(cell);
                    for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                        double x = counts.values().get(i);
                        double expected = switch (method) {
                            case LOG1P_NORMALIZE -> Math.log1p(x / total * 1e4);
                            case SQRT_NORMALIZE -> Math.sqrt(x / total * 1e4);
                            case RAW -> x;
                        };
                        assertEquals(expected, normalization.transform(x * normalization.sizeFactor(cell)),
                                1e-12 * (1 + expected), method + " cell " + cell);
                    }
                }
            }
        }
    }

    @Test
    void aCellWithoutCountsStaysZero() {
        ExpressionMatrix counts = new ExpressionMatrix(List.of("a", "b"), List.of("g1", "g2"), List.of("g1", "g2"),
                new int[] {0, 0, 2}, new int[] {0, 1}, new MatrixValues.Ints(new int[] {3, 1}));
        try (Workers workers = Workers.of(1)) {
            Normalization normalization = Normalization.of(counts, NormalizeMethod.LOG1P_NORMALIZE, workers);
            assertEquals(1.0, normalization.sizeFactor(0));
            assertEquals(Math.log1p(7500), normalization.transform(3 * normalization.sizeFactor(1)), 1e-12);
            assertThrows(NullPointerException.class, () -> Normalization.of(counts, null, workers));
        }
    }

    @Test
    void geneStatisticsAreMeanAndUnbiasedVariance() {
        ExpressionMatrix counts = RealMatrices.xeniumToy();
        GeneStatistics statistics;
        Normalization normalization;
        try (Workers workers = Workers.of(3)) {
            normalization = Normalization.of(counts, NormalizeMethod.LOG1P_NORMALIZE, workers);
            statistics = GeneStatistics.ofNormalized(counts, normalization, workers);
        }
        int n = counts.cellCount();
        for (int gene = 0; gene < counts.geneCount(); gene++) {
            double[] column = new double[n];
            for (int cell = 0; cell < n; cell++) {
                column[cell] = counts.get(cell, gene) * normalization.sizeFactor(cell);
            }
            double mean = java.util.Arrays.stream(column).average().orElseThrow();
            double variance = java.util.Arrays.stream(column).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
            assertEquals(mean, statistics.mean()[gene], 1e-9 * (1 + mean));
            assertEquals(variance, statistics.variance()[gene], 1e-7 * (1 + variance));
        }
    }
}
