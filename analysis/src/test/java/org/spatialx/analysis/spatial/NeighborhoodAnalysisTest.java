package org.spatialx.analysis.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SpatialDomains;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * neighborhood_analysis on the generated tissue: niches from the cell types around each cell recover the
 * domains (whose type mixtures differ), from an annotation or from deconvolution-like abundances; the
 * composition table describes each niche.
 */
class NeighborhoodAnalysisTest {

    private static final NeighborhoodAnalysis KIND = new NeighborhoodAnalysis();
    private static SpatialDomains tissue;
    private static InMemoryAnalysisInput input;

    @BeforeAll
    static void generate() {
        try (Workers workers = Workers.of(2)) {
            tissue = SpatialDomains.generate(12_000, 100, 8, workers);
        }
        List<String> names = java.util.stream.IntStream.range(0, SpatialDomains.TYPES).mapToObj(t -> "type " + t)
                .toList();
        // abundances as a deconvolution gives them: mostly the cell's own type, some of the others
        SplittableRandom random = new SplittableRandom(3);
        int n = tissue.types().length;
        double[] abundances = new double[n * SpatialDomains.TYPES];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < SpatialDomains.TYPES; t++) {
                abundances[i * SpatialDomains.TYPES + t] = (t == tissue.types()[i] ? 5 : 0) + random.nextDouble();
            }
        }
        input = InMemoryAnalysisInput.builder("DA-tissue", tissue.counts()).spatial(tissue.positions())
                .obs("cell type", new Column.Categorical(names, tissue.types()))
                .embedding("Deconvolution", new DenseMatrix(n, SpatialDomains.TYPES, abundances))
                .threads(2).build();
    }

    private static AnalysisResult run(NeighborhoodAnalysis.Params params) {
        return KIND.run(params, input, new RecordingContext(2, 2, "Niches"));
    }

    private static int[] niches(AnalysisResult result) {
        return ((Column.Categorical) result.obs().get("Niches")).codes();
    }

    @Test
    void nichesOfAnnotatedCellTypesAreTheDomains() {
        AnalysisResult result = run(new NeighborhoodAnalysis.Params(50.0, 0.2125, "cell type", "", null, 5, null));
        double ari = AdjustedRandIndex.of(niches(result), tissue.domains());
        System.out.printf("neighborhood_analysis (annotation) on %,d cells: ARI %.3f; %s%n", tissue.types().length,
                ari, result.summary());
        assertTrue(ari >= 0.8, "ARI " + ari);
        Map<String, Column> table = result.tables().get("Niches - composition");
        assertEquals(List.of("niche", "cells", "type 0", "type 1", "type 2", "type 3", "type 4", "type 5", "type 6",
                "type 7"), List.copyOf(table.keySet()));
        double[] cells = ((Column.Numeric) table.get("cells")).values();
        assertEquals(tissue.types().length, java.util.Arrays.stream(cells).sum(), 1e-9);
        for (int niche = 0; niche < 5; niche++) {
            double total = 0;
            for (int t = 0; t < SpatialDomains.TYPES; t++) {
                total += ((Column.Numeric) table.get("type " + t)).values()[niche];
            }
            assertEquals(1, total, 1e-9, "composition of niche " + niche + " sums to 1");
        }
    }

    @Test
    void nichesOfDeconvolutionAbundancesAreTheDomainsToo() {
        AnalysisResult result = run(new NeighborhoodAnalysis.Params(50.0, 0.2125, "", "Deconvolution", 25.0, 5, null));
        double ari = AdjustedRandIndex.of(niches(result), tissue.domains());
        System.out.printf("neighborhood_analysis (deconvolution, tau 25) ARI %.3f%n", ari);
        assertTrue(ari >= 0.7, "ARI " + ari);
        assertTrue(result.tables().get("Niches - composition").containsKey("Deconvolution 8"));
    }

    @Test
    void sameSeedSameNichesWithAnyThreadCount() {
        NeighborhoodAnalysis.Params params = new NeighborhoodAnalysis.Params(40.0, 1.0, "cell type", "", null, 6, null);
        int[] two = niches(KIND.run(params, input, new RecordingContext(9, 2, "Niches")));
        int[] one = niches(KIND.run(params, input, new RecordingContext(9, 1, "Niches")));
        assertArrayEquals(one, two);
    }
}
