package org.spatialx.analysis.de;

import org.spatialx.analysis.testing.SyntheticCounts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * DE genes against straightforward dense computations (ranks by counting, Welch from dense means and
 * variances), across data sets and storage layouts, and its errors.
 */
class DifferentialExpressionTest {

    private static final ExpressionMatrix COUNTS = SyntheticCounts.twoPopulations(600, 40, 5);
    private static final List<Integer> EVEN = SyntheticCounts.every(0, 600, 2);
    private static final List<Integer> ODD = SyntheticCounts.every(1, 600, 2);

    private static DifferentialExpressionAnalysis.Params params(String method, List<Integer> group1, List<Integer> group2) {
        return DifferentialExpressionAnalysis.Params.defaults().withMethod(method)
                .withGroups("DA-1", group1, "DA-1", group2);
    }

    /** A gene's normalised values in the given rows, zeros included. */
    private static double[] dense(ExpressionMatrix counts, List<Integer> rows, int gene, Normalization normalization) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            int row = rows.get(r);
            double divisor = normalization.divisor(counts.cellTotal(row));
            values[r] = normalization.apply(counts.get(row, gene), divisor);
        }
        return values;
    }

    /** Rank-sum z-score from ranks counted pair by pair (O(n^2)): independent of the sorted merge. */
    private static double bruteForceZ(double[] x, double[] y) {
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        double rankSum = 0;
        for (double value : x) {
            rankSum += java.util.Arrays.stream(all).filter(other -> other < value).count()
                    + (java.util.Arrays.stream(all).filter(other -> other == value).count() + 1) / 2.0;
        }
        double ties = 0;
        List<Double> seen = new ArrayList<>();
        for (double value : all) {
            if (!seen.contains(value)) {
                seen.add(value);
                double tied = java.util.Arrays.stream(all).filter(other -> other == value).count();
                ties += tied * tied * tied - tied;
            }
        }
        double n = all.length;
        double sigma = Math.sqrt((1 - ties / (n * n * n - n)) * x.length * y.length * (n + 1) / 12);
        return (rankSum - x.length * (n + 1) / 2) / sigma;
    }

    @Test
    void wilcoxonMatchesRanksCountedByHand() {
        List<Integer> group1 = SyntheticCounts.every(0, 240, 2);
        List<Integer> group2 = SyntheticCounts.every(1, 400, 3);
        for (String normalize : List.of("log1p-normalized", "raw", "sqrt-normalized")) {
            Normalization normalization = Normalization.of(org.spatialx.api.NormalizeMethod.fromValue(normalize));
            DeTable table = DeTable.run(params("wilcoxon", group1, group2).withNormalizeMethod(normalize),
                    InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 2);
            for (int gene = 0; gene < COUNTS.geneCount(); gene++) {
                String name = COUNTS.geneNames().get(gene);
                double expected = bruteForceZ(dense(COUNTS, group1, gene, normalization),
                        dense(COUNTS, group2, gene, normalization));
                if (Double.isNaN(expected)) { // every value equal (gene 1 is never expressed): scanpy's 0 and 1
                    assertEquals(0, table.get(name, DifferentialExpressionAnalysis.SCORE), name);
                    assertEquals(1, table.get(name, DifferentialExpressionAnalysis.P_VALUE), name);
                } else {
                    assertEquals(expected, table.get(name, DifferentialExpressionAnalysis.SCORE),
                            1e-12 * Math.max(1, Math.abs(expected)), normalize + " " + name);
                }
            }
        }
    }

    @Test
    void tTestMatchesWelchOnDenseValues() {
        DeTable table = DeTable.run(params("t-test", EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 2);
        TTest welch = new TTest();
        for (int gene = 0; gene < COUNTS.geneCount(); gene++) {
            if (gene == 1) {
                continue; // never expressed: t undefined
            }
            String name = COUNTS.geneNames().get(gene);
            double[] x = dense(COUNTS, EVEN, gene, Normalization.LOG1P);
            double[] y = dense(COUNTS, ODD, gene, Normalization.LOG1P);
            assertEquals(welch.t(x, y), table.get(name, DifferentialExpressionAnalysis.SCORE), 1e-10, name);
            double p = welch.tTest(x, y);
            assertEquals(p, table.get(name, DifferentialExpressionAnalysis.P_VALUE), 1e-9 * p + 1e-15, name);
        }
        assertEquals(0, table.get("Gene1", DifferentialExpressionAnalysis.SCORE));
        assertEquals(1, table.get("Gene1", DifferentialExpressionAnalysis.P_VALUE));
    }

    @Test
    void tableIsSortedByScoreWithMeansFoldChangesAndAdjustedPValues() {
        DeTable table = DeTable.run(params("wilcoxon", EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 2);
        double[] scores = table.columns().get(DifferentialExpressionAnalysis.SCORE);
        for (int row = 1; row < scores.length; row++) {
            assertTrue(scores[row - 1] >= scores[row], "row " + row);
        }
        // every fifth gene is 3x higher in the even cells: they lead the table, the down-regulated ones end it
        for (String gene : table.genes().subList(0, 8)) {
            assertEquals(0, Integer.parseInt(gene.substring(4)) % 5, "top genes are the up-regulated ones: " + table.genes());
        }
        assertTrue(table.get("Gene5", DifferentialExpressionAnalysis.LOG2_FOLD_CHANGE) > 1);
        assertTrue(table.get("Gene7", DifferentialExpressionAnalysis.LOG2_FOLD_CHANGE) < -1);
        for (String gene : table.genes()) {
            int g = Integer.parseInt(gene.substring(4));
            double mean1 = table.get(gene, DifferentialExpressionAnalysis.MEAN_1);
            double mean2 = table.get(gene, DifferentialExpressionAnalysis.MEAN_2);
            double[] x = dense(COUNTS, EVEN, g, Normalization.LOG1P);
            assertEquals(java.util.Arrays.stream(x).average().orElseThrow(), mean1, 1e-12);
            assertEquals(100.0 * java.util.Arrays.stream(x).filter(v -> v != 0).count() / x.length,
                    table.get(gene, DifferentialExpressionAnalysis.PERCENT_1), 1e-9);
            assertEquals(Math.log((Math.expm1(mean1) + 1e-9) / (Math.expm1(mean2) + 1e-9)) / Math.log(2),
                    table.get(gene, DifferentialExpressionAnalysis.LOG2_FOLD_CHANGE), 1e-12);
            double p = table.get(gene, DifferentialExpressionAnalysis.P_VALUE);
            double adjusted = table.get(gene, DifferentialExpressionAnalysis.ADJUSTED_P_VALUE);
            assertTrue(adjusted >= p && adjusted <= 1, gene);
        }
        // the smallest p-value is adjusted by m / 1, the largest stays
        double[] p = table.columns().get(DifferentialExpressionAnalysis.P_VALUE);
        double[] adjusted = table.columns().get(DifferentialExpressionAnalysis.ADJUSTED_P_VALUE);
        int smallest = 0;
        int largest = 0;
        for (int row = 0; row < p.length; row++) {
            smallest = p[row] < p[smallest] ? row : smallest;
            largest = p[row] > p[largest] ? row : largest;
        }
        assertEquals(Math.min(1, p[smallest] * p.length), adjusted[smallest], 1e-15);
        assertEquals(p[largest], adjusted[largest]);
    }

    @Test
    void twoDataSetsWithGenesInAnotherOrder() {
        // data set 2 holds the odd cells with its genes in reverse order: the same test as within one data set
        int genes = COUNTS.geneCount();
        ExpressionMatrix reversed = reorderGenes(rows(COUNTS, ODD), genes);
        InMemoryAnalysisInput second = InMemoryAnalysisInput.builder("DA-2", reversed).build();
        InMemoryAnalysisInput first = InMemoryAnalysisInput.builder("DA-1", COUNTS).dataSet(second).build();
        List<Integer> all = SyntheticCounts.every(0, ODD.size(), 1);
        for (String method : List.of("wilcoxon", "t-test")) {
            DeTable across = DeTable.run(DifferentialExpressionAnalysis.Params.defaults().withMethod(method)
                    .withGroups("DA-1", EVEN, "DA-2", all), first, 2);
            DeTable within = DeTable.run(params(method, EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 2);
            assertEquals(within.genes(), across.genes(), method);
            for (String column : within.columns().keySet()) {
                assertArrayEquals(within.columns().get(column), across.columns().get(column), 1e-12, method + " " + column);
            }
        }
    }

    @Test
    void onlyGenesOfBothDataSetsAreTested() {
        ExpressionMatrix fewer = dropLastGene(rows(COUNTS, ODD));
        InMemoryAnalysisInput first = InMemoryAnalysisInput.builder("DA-1", COUNTS).dataSet(InMemoryAnalysisInput.builder("DA-2", fewer).build()).build();
        DeTable table = DeTable.run(DifferentialExpressionAnalysis.Params.defaults().withMethod("wilcoxon")
                .withGroups("DA-1", EVEN, "DA-2", SyntheticCounts.every(0, 300, 1)), first, 2);
        assertEquals(COUNTS.geneCount() - 1, table.genes().size());
        assertTrue(!table.genes().contains(COUNTS.geneNames().getLast()));
    }

    @Test
    void unsortedRowsAndAnyThreadCountGiveTheSameTable() {
        ExpressionMatrix unsorted = reverseRows(COUNTS);
        for (String method : List.of("wilcoxon", "t-test")) {
            DeTable reference = DeTable.run(params(method, EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 1);
            DeTable shuffled = DeTable.run(params(method, EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", unsorted).build(), 2);
            DeTable threads = DeTable.run(params(method, EVEN, ODD), InMemoryAnalysisInput.builder("DA-1", COUNTS).build(), 3);
            assertEquals(reference.genes(), shuffled.genes());
            assertEquals(reference.genes(), threads.genes());
            for (String column : reference.columns().keySet()) {
                assertArrayEquals(reference.columns().get(column), threads.columns().get(column), method + " " + column);
                assertArrayEquals(reference.columns().get(column), shuffled.columns().get(column), 1e-12, column);
            }
        }
    }

    @Test
    void badGroupsAndMethodsAreRejectedClearly() {
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-1", COUNTS).build();
        String venice = assertThrows(AnalysisException.class,
                () -> DeTable.run(params("venice", EVEN, ODD), input, 1)).getMessage();
        assertTrue(venice.contains("runs on SpatialX only") && venice.contains("method=\"wilcoxon\"")
                && venice.contains("method=\"t-test\""), venice);
        String range = assertThrows(AnalysisException.class,
                () -> DeTable.run(params("wilcoxon", List.of(0, 600), ODD), input, 1)).getMessage();
        assertEquals("`group_1_indices` has index 600 but data DA-1 has 600 cells (indices 0 to 599).", range);
        String single = assertThrows(AnalysisException.class,
                () -> DeTable.run(params("t-test", List.of(4), ODD), input, 1)).getMessage();
        assertTrue(single.startsWith("The t-test needs at least 2 cells in each group (group 1 has 1"), single);
        DeTable.run(params("wilcoxon", List.of(4), ODD), input, 1); // a single cell is enough for ranks
        String empty = assertThrows(AnalysisException.class,
                () -> DeTable.run(params("wilcoxon", List.of(), ODD), input, 1)).getMessage();
        assertTrue(empty.startsWith("`group_1_indices` is empty"), empty);
        String same = assertThrows(AnalysisException.class,
                () -> DeTable.run(params("wilcoxon", ODD, ODD), input, 1)).getMessage();
        assertTrue(same.startsWith("group_1_indices and group_2_indices are the same 300 cells of DA-1"), same);
        String missing = assertThrows(AnalysisException.class, () -> DeTable.run(DifferentialExpressionAnalysis.Params
                .defaults().withMethod("wilcoxon").withGroups("DA-1", EVEN, "DA-9", ODD), input, 1)).getMessage();
        assertTrue(missing.contains("DA-9"), missing);
        ExpressionMatrix negative = new ExpressionMatrix(List.of("a", "b"), List.of("g"), List.of("G"),
                new int[] {0, 1, 2}, new int[] {0, 0}, new MatrixValues.Doubles(new double[] {1, -2}));
        String minus = assertThrows(AnalysisException.class, () -> DeTable.run(params("wilcoxon", List.of(0),
                List.of(1)), InMemoryAnalysisInput.builder("DA-1", negative).build(), 1)).getMessage();
        assertEquals("Cell b has the value -2.0 for gene G: normalisation needs non-negative counts (use"
                + " normalize_method=\"raw\").", minus);
        DeTable.run(params("wilcoxon", List.of(0), List.of(1)).withNormalizeMethod("raw"),
                InMemoryAnalysisInput.builder("DA-1", negative).build(), 1);
    }

    @Test
    void cancellationStopsTheGenes() {
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-1", COUNTS).build();
        RecordingContext context = new RecordingContext(0, 2, "DE").cancelAfter(1);
        assertThrows(CancellationException.class, () -> new DifferentialExpressionAnalysis()
                .run(params("wilcoxon", EVEN, ODD), input, context));
    }

    /** The given rows of a matrix, as a new matrix. */
    static ExpressionMatrix rows(ExpressionMatrix counts, List<Integer> rows) {
        int[] indptr = new int[rows.size() + 1];
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            int row = rows.get(r);
            cells.add(counts.cellIds().get(row));
            for (int i = counts.indptr()[row]; i < counts.indptr()[row + 1]; i++) {
                indices.add(counts.indices()[i]);
                values.add(counts.values().get(i));
            }
            indptr[r + 1] = indices.size();
        }
        return new ExpressionMatrix(cells, counts.geneIds(), counts.geneNames(), indptr,
                indices.stream().mapToInt(Integer::intValue).toArray(),
                MatrixValues.narrowest(values.stream().mapToDouble(Double::doubleValue).toArray(), values.size()));
    }

    /** The same matrix with its gene columns in reverse order (rows re-sorted by the new columns). */
    private static ExpressionMatrix reorderGenes(ExpressionMatrix counts, int genes) {
        ExpressionMatrix reversed = reverseRows(counts);
        int[] indices = reversed.indices().clone();
        for (int i = 0; i < indices.length; i++) {
            indices[i] = genes - 1 - indices[i];
        }
        return new ExpressionMatrix(counts.cellIds(), counts.geneIds().reversed(), counts.geneNames().reversed(),
                counts.indptr(), indices, reversed.values());
    }

    /** The same matrix with every row's entries stored in reverse column order. */
    private static ExpressionMatrix reverseRows(ExpressionMatrix counts) {
        int[] indices = new int[counts.nonZeroCount()];
        double[] values = new double[counts.nonZeroCount()];
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            int from = counts.indptr()[cell];
            int to = counts.indptr()[cell + 1];
            for (int i = from; i < to; i++) {
                indices[to - 1 - (i - from)] = counts.indices()[i];
                values[to - 1 - (i - from)] = counts.values().get(i);
            }
        }
        return new ExpressionMatrix(counts.cellIds(), counts.geneIds(), counts.geneNames(), counts.indptr(), indices,
                MatrixValues.narrowest(values, values.length));
    }

    private static ExpressionMatrix dropLastGene(ExpressionMatrix counts) {
        int last = counts.geneCount() - 1;
        int[] indptr = new int[counts.cellCount() + 1];
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                if (counts.indices()[i] != last) {
                    indices.add(counts.indices()[i]);
                    values.add(counts.values().get(i));
                }
            }
            indptr[cell + 1] = indices.size();
        }
        return new ExpressionMatrix(counts.cellIds(), counts.geneIds().subList(0, last),
                counts.geneNames().subList(0, last), indptr, indices.stream().mapToInt(Integer::intValue).toArray(),
                MatrixValues.narrowest(values.stream().mapToDouble(Double::doubleValue).toArray(), values.size()));
    }
}
