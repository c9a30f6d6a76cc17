package org.spatialx.analysis.de;

import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.analysis.testing.SyntheticCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * DE genes against scipy 1.10 on the same counts and groups (the tests on our normalised values, the
 * means and fold changes from numpy's own normalisation): Wilcoxon p-values within 1e-6 (relative)
 * of {@code mannwhitneyu(use_continuity=False, method="asymptotic")} (tie-corrected; no continuity
 * correction, as scanpy), Welch t and p within 1e-9 of {@code ttest_ind(equal_var=False)}, fold changes
 * and means within 1e-9, Benjamini-Hochberg as statsmodels' {@code fdr_bh} within 1e-9.
 */
class DifferentialExpressionVersusScipyTest {

    @TempDir
    Path temp;

    private void assertMatchesScipy(String what, ExpressionMatrix counts, List<Integer> group1, List<Integer> group2,
            String normalize) throws IOException {
        PythonReference.assumeAvailable();
        Npy.write(temp.resolve("indptr.npy"), counts.indptr());
        Npy.write(temp.resolve("indices.npy"), counts.indices());
        double[] values = new double[counts.nonZeroCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.values().get(i);
        }
        Npy.write(temp.resolve("data.npy"), values);
        Normalization normalization = Normalization.of(NormalizeMethod.fromValue(normalize));
        double[] normalized = new double[values.length];
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            double divisor = normalization.divisor(counts.cellTotal(cell));
            for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                normalized[i] = normalization.apply(values[i], divisor);
            }
        }
        Npy.write(temp.resolve("normalized.npy"), normalized);
        Npy.write(temp.resolve("shape.npy"), new int[] {counts.cellCount(), counts.geneCount()});
        Npy.write(temp.resolve("group1.npy"), group1.stream().mapToInt(Integer::intValue).toArray());
        Npy.write(temp.resolve("group2.npy"), group2.stream().mapToInt(Integer::intValue).toArray());
        List<String> scipy = PythonReference.script("de_reference.py", temp, normalize);
        int genes = counts.geneCount();
        assertEquals(genes + 2, scipy.size());
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-1", counts).build();
        DifferentialExpressionAnalysis.Params params = DifferentialExpressionAnalysis.Params.defaults()
                .withGroups("DA-1", group1, "DA-1", group2).withNormalizeMethod(normalize);
        DeTable wilcoxon = DeTable.run(params.withMethod("wilcoxon"), input, 2);
        DeTable tTest = DeTable.run(params.withMethod("t-test"), input, 2);
        double[] bhWilcoxon = numbers(scipy.get(genes));
        double[] bhT = numbers(scipy.get(genes + 1));
        double worstWilcoxon = 0;
        double worstT = 0;
        for (int gene = 0; gene < genes; gene++) {
            String name = counts.geneNames().get(gene);
            String context = what + " " + normalize + " " + name;
            double[] reference = numbers(scipy.get(gene));
            // scanpy sets undefined scores to 0 and p-values to 1 (scipy answers NaN)
            double wilcoxonP = Double.isNaN(reference[0]) ? 1 : reference[0];
            worstWilcoxon = Math.max(worstWilcoxon, relative(wilcoxonP, wilcoxon.get(name, DifferentialExpressionAnalysis.P_VALUE)));
            assertClose(wilcoxonP, wilcoxon.get(name, DifferentialExpressionAnalysis.P_VALUE), 1e-6, context + " wilcoxon p");
            double t = Double.isNaN(reference[1]) ? 0 : reference[1];
            double tP = Double.isNaN(reference[2]) ? 1 : reference[2];
            worstT = Math.max(worstT, Math.max(relative(t, tTest.get(name, DifferentialExpressionAnalysis.SCORE)),
                    relative(tP, tTest.get(name, DifferentialExpressionAnalysis.P_VALUE))));
            assertClose(t, tTest.get(name, DifferentialExpressionAnalysis.SCORE), 1e-9, context + " t");
            assertClose(tP, tTest.get(name, DifferentialExpressionAnalysis.P_VALUE), 1e-9, context + " t-test p");
            for (DeTable table : List.of(wilcoxon, tTest)) {
                assertClose(reference[3], table.get(name, DifferentialExpressionAnalysis.LOG2_FOLD_CHANGE), 1e-9,
                        context + " log2 fold change");
                assertClose(reference[4], table.get(name, DifferentialExpressionAnalysis.MEAN_1), 1e-9, context + " mean 1");
                assertClose(reference[5], table.get(name, DifferentialExpressionAnalysis.MEAN_2), 1e-9, context + " mean 2");
                assertClose(100 * reference[6], table.get(name, DifferentialExpressionAnalysis.PERCENT_1), 1e-9, context);
                assertClose(100 * reference[7], table.get(name, DifferentialExpressionAnalysis.PERCENT_2), 1e-9, context);
            }
            assertClose(bhWilcoxon[gene], wilcoxon.get(name, DifferentialExpressionAnalysis.ADJUSTED_P_VALUE), 1e-6,
                    context + " wilcoxon adjusted p");
            assertClose(bhT[gene], tTest.get(name, DifferentialExpressionAnalysis.ADJUSTED_P_VALUE), 1e-9,
                    context + " t-test adjusted p");
        }
        System.out.printf("DE %s %s (%d cells x %d genes, groups %d / %d): largest relative difference to scipy:"
                        + " Wilcoxon p %.2e, Welch t and p %.2e%n", what, normalize, counts.cellCount(), genes,
                group1.size(), group2.size(), worstWilcoxon, worstT);
    }

    private static double[] numbers(String line) {
        // Python writes nan for scipy's undefined statistics
        return java.util.Arrays.stream(line.trim().split(" ")).mapToDouble(
                v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray();
    }

    private static double relative(double expected, double actual) {
        if (expected == actual) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    }

    /** Within {@code tolerance} relative, or absolutely for values below 1e-3 in magnitude (t near 0). */
    private static void assertClose(double expected, double actual, double tolerance, String what) {
        double allowed = tolerance * Math.max(Math.abs(expected), Math.abs(expected) < 1e-3 && !isPValue(what) ? 1e-3 : 0);
        assertTrue(Math.abs(actual - expected) <= allowed || expected == actual,
                what + ": expected " + expected + ", got " + actual);
    }

    private static boolean isPValue(String what) {
        return what.endsWith(" p");
    }

    @Test
    void generatedCountsLogNormalized() throws IOException {
        ExpressionMatrix counts = SyntheticCounts.twoPopulations(3000, 300, 41);
        assertMatchesScipy("generated", counts, SyntheticCounts.every(0, 2400, 2), SyntheticCounts.every(1, 3000, 2),
                "log1p-normalized");
    }

    @Test
    void generatedCountsRawAndSqrt() throws IOException {
        ExpressionMatrix counts = SyntheticCounts.twoPopulations(2000, 120, 43);
        assertMatchesScipy("generated", counts, SyntheticCounts.every(0, 2000, 2), SyntheticCounts.every(1, 900, 2), "raw");
        assertMatchesScipy("generated", counts, SyntheticCounts.every(0, 2000, 2), SyntheticCounts.every(1, 900, 2),
                "sqrt-normalized");
    }

    @Test
    void xeniumCells() throws IOException {
        // the first 200 cells against the last 250
        assertMatchesScipy("xenium", RealMatrices.xeniumToy(), SyntheticCounts.every(0, 200, 1), SyntheticCounts.every(276, 526, 1),
                "log1p-normalized");
    }

    @Test
    void cosmxCells() throws IOException {
        // every third cell against the cells after them
        assertMatchesScipy("cosmx", RealMatrices.cosmxBreast(), SyntheticCounts.every(0, 905, 3), SyntheticCounts.every(1, 905, 3),
                "log1p-normalized");
    }
}
