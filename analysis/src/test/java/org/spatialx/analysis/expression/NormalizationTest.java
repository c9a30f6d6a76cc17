package org.spatialx.analysis.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.preprocess.GeneStatistics;
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
        for (NormalizeMethod method : NormalizeMethod.values()) {
            Normalization normalization = Normalization.of(method);
            for (int cell = 0; cell < counts.cellCount(); cell++) {
                double total = counts.cellTotal(cell);
                double divisor = normalization.divisor(total);
                CellNormalizer cached = new CellNormalizer(normalization);
                cached.startCell(total);
                for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                    double x = counts.values().get(i);
                    double expected = switch (method) {
                        case LOG1P_NORMALIZE -> Math.log1p(x / total * 1e4);
                        case SQRT_NORMALIZE -> Math.sqrt(x / total * 1e4);
                        case RAW -> x;
                    };
                    assertEquals(expected, normalization.apply(x, divisor), 1e-12 * (1 + expected),
                            method + " cell " + cell);
                    assertEquals(normalization.apply(x, divisor), cached.apply(x), method + " cell " + cell);
                }
            }
        }
    }

    @Test
    void aCellWithoutCountsStaysZero() {
        ExpressionMatrix counts = new ExpressionMatrix(List.of("a", "b"), List.of("g1", "g2"), List.of("g1", "g2"),
                new int[] {0, 0, 2}, new int[] {0, 1}, new MatrixValues.Ints(new int[] {3, 1}));
        Normalization normalization = Normalization.LOG1P;
        assertEquals(1.0, normalization.divisor(counts.cellTotal(0)));
        assertEquals(0.0, normalization.apply(0, normalization.divisor(counts.cellTotal(0))));
        assertEquals(Math.log1p(7500), normalization.apply(3, normalization.divisor(counts.cellTotal(1))), 1e-12);
        assertThrows(NullPointerException.class, () -> Normalization.of(null));
    }

    @Test
    void geneStatisticsAreMeanAndUnbiasedVariance() {
        ExpressionMatrix counts = RealMatrices.xeniumToy();
        GeneStatistics statistics;
        try (Workers workers = Workers.of(3)) {
            statistics = GeneStatistics.ofNormalized(counts, Normalization.LOG1P, workers);
        }
        int n = counts.cellCount();
        for (int gene = 0; gene < counts.geneCount(); gene++) {
            double[] column = new double[n];
            for (int cell = 0; cell < n; cell++) {
                column[cell] = counts.get(cell, gene) / (counts.cellTotal(cell) / 1e4);
            }
            double mean = java.util.Arrays.stream(column).average().orElseThrow();
            double variance = java.util.Arrays.stream(column).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
            assertEquals(mean, statistics.mean()[gene], 1e-9 * (1 + mean));
            assertEquals(variance, statistics.variance()[gene], 1e-7 * (1 + variance));
        }
    }
}
