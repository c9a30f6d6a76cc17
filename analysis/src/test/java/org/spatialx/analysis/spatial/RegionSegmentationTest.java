package org.spatialx.analysis.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SpatialDomains;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;

/** region_segmentation finds the generated tissue's domains: ARI against the truth at least 0.8. */
class RegionSegmentationTest {

    private static SpatialDomains tissue;

    @BeforeAll
    static void generate() {
        try (Workers workers = Workers.of(2)) {
            tissue = SpatialDomains.generate(20_000, 300, 4, workers);
        }
    }

    private static InMemoryAnalysisInput input(SpatialDomains data) {
        return InMemoryAnalysisInput.builder("DA-tissue", data.counts()).spatial(data.positions()).threads(2).build();
    }

    private static int[] regions(AnalysisResult result, String name) {
        return ((Column.Categorical) result.obs().get(name)).codes();
    }

    @Test
    void regionsAreTheGeneratedDomains() {
        RegionSegmentationAnalysis kind = new RegionSegmentationAnalysis();
        RegionSegmentationAnalysis.Params params = new RegionSegmentationAnalysis.Params(50.0, 0.2125, 0.5, "human",
                null, null, null);
        RecordingContext context = new RecordingContext(1, 2, "Regions");
        AnalysisResult result = kind.run(params, input(tissue), context);
        int[] found = regions(result, "Regions");
        double ari = AdjustedRandIndex.of(found, tissue.domains());
        System.out.printf("region_segmentation on %,d generated cells: %d regions, ARI %.3f; %s%n",
                found.length, Arrays.stream(found).max().getAsInt() + 1, ari, result.summary());
        assertTrue(ari >= 0.8, "ARI " + ari + " against the generated domains");
    }
}
