package org.spatialx.analysis.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.spatialx.analysis.expression.Normalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;

/** Highly variable genes against scanpy's seurat flavour (written with pandas, as scanpy does it). */
class HighlyVariableGenesTest {

    @TempDir
    Path folder;

    private static HighlyVariableGenes select(ExpressionMatrix counts, NormalizeMethod method, Integer nTop) {
        try (Workers workers = Workers.of(2)) {
            Normalization normalization = Normalization.of(method);
            return HighlyVariableGenes.select(GeneStatistics.ofNormalized(counts, normalization, workers), nTop);
        }
    }

    @Test
    void everyGeneWithoutNTopGenes() {
        ExpressionMatrix counts = RealMatrices.xeniumToy();
        assertEquals(counts.geneCount(), select(counts, NormalizeMethod.LOG1P_NORMALIZE, null).selected().length);
        assertEquals(counts.geneCount(), select(counts, NormalizeMethod.LOG1P_NORMALIZE, 1_000).selected().length);
        HighlyVariableGenes hvg = select(counts, NormalizeMethod.LOG1P_NORMALIZE, 10);
        int[] top = hvg.selected();
        // at least 10: genes tied at the cut-off are all kept (single-gene bins all score exactly 1), as in scanpy
        assertTrue(top.length >= 10, "selected " + top.length);
        double lowestKept = Double.POSITIVE_INFINITY;
        for (int i = 0; i < top.length; i++) {
            assertTrue(i == 0 || top[i - 1] < top[i], "ascending columns");
            lowestKept = Math.min(lowestKept, hvg.normalizedDispersions()[top[i]]);
        }
        for (int gene = 0; gene < counts.geneCount(); gene++) {
            if (java.util.Arrays.binarySearch(top, gene) < 0) {
                double d = hvg.normalizedDispersions()[gene];
                assertTrue(Double.isNaN(d) || d < lowestKept, "gene " + gene + " left out with " + d);
            }
        }
    }

    @Test
    void binsAreEqualWidthAndClosedOnTheRightAsPandasCut() {
        // 0 .. 2 in 20 bins of 0.1: a value on an edge belongs to the bin on its left
        int[] bins = HighlyVariableGenes.bins(new double[] {0, 0.1, 0.1000001, 1.0, 2.0});
        assertArrayEquals(new int[] {0, 0, 1, 9, 19}, bins);
        int[] constant = HighlyVariableGenes.bins(new double[] {3, 3});
        assertEquals(constant[0], constant[1]);
    }

    private void compareWithScanpy(String name, ExpressionMatrix counts, NormalizeMethod method, int nTop)
            throws IOException {
        PythonReference.assumeAvailable();
        SyntheticCounts.writeCounts(counts, folder);
        PythonReference.run(600, "hvg", folder.toString(), method.value(), Integer.toString(nTop));
        HighlyVariableGenes ours = select(counts, method, nTop);
        int[] selected = Npy.read(folder.resolve("hvg_selected.npy")).ints();
        double[] means = Npy.read(folder.resolve("hvg_means.npy")).values();
        double[] norm = Npy.read(folder.resolve("hvg_norm.npy")).values();
        double worst = 0;
        for (int gene = 0; gene < counts.geneCount(); gene++) {
            assertEquals(means[gene], ours.means()[gene], 1e-5 * (1 + Math.abs(means[gene])), name + " mean of " + gene);
            assertEquals(Double.isNaN(norm[gene]), Double.isNaN(ours.normalizedDispersions()[gene]), name + " NaN " + gene);
            if (!Double.isNaN(norm[gene])) {
                worst = Math.max(worst, Math.abs(norm[gene] - ours.normalizedDispersions()[gene]));
            }
        }
        System.out.printf("HVG %s (%s, n_top_genes=%d): same %d genes as scanpy's seurat flavour; largest difference"
                + " of normalised dispersions %.2e%n", name, method.value(), nTop, selected.length, worst);
        assertTrue(worst < 1e-4, name + ": normalised dispersions differ by " + worst);
        assertArrayEquals(selected, ours.selected(), name + ": selected genes");
    }

    @Test
    void matchesScanpyOnGeneratedCounts() throws IOException {
        ExpressionMatrix counts;
        try (Workers workers = Workers.of(2)) {
            counts = SyntheticCounts.generate(3_000, 800, 8, 2, workers).counts();
        }
        compareWithScanpy("generated", counts, NormalizeMethod.LOG1P_NORMALIZE, 300);
    }

    @Test
    void matchesScanpyOnRealCounts() throws IOException {
        compareWithScanpy("CosMx lung", RealMatrices.cosmxLung(), NormalizeMethod.LOG1P_NORMALIZE, 200);
        compareWithScanpy("CosMx lung", RealMatrices.cosmxLung(), NormalizeMethod.SQRT_NORMALIZE, 200);
        compareWithScanpy("Xenium toy", RealMatrices.xeniumToy(), NormalizeMethod.RAW, 12);
    }

    @Test
    void matchesScanpyOnTheCosmxBreastCancerMatrix() throws IOException {
        compareWithScanpy("CosMx breast", RealMatrices.cosmxBreast(), NormalizeMethod.LOG1P_NORMALIZE, 300);
    }
}
