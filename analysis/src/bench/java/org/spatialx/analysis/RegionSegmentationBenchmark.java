package org.spatialx.analysis;

import java.io.IOException;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.spatial.RegionSegmentationAnalysis;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SpatialDomains;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;

/**
 * Region segmentation at scale (a main class, not a test; there is no Python counterpart to run beside it):
 * generates a tissue of CELLS cells in 5 spatial domains (the tests' {@link SpatialDomains}, 300 genes), runs
 * {@code region_segmentation} (radius 50 microns, resolution 0.5) and prints its wall time, the ARI of the
 * regions against the domains and the peak resident set size.
 *
 * <pre>RegionSegmentationBenchmark CELLS   (-Dspatialx.bench.threads=N, default all cores)</pre>
 */
public final class RegionSegmentationBenchmark {

    private RegionSegmentationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int cells = Integer.parseInt(args[0]);
        int threads = Integer.getInteger("spatialx.bench.threads", Runtime.getRuntime().availableProcessors());
        SpatialDomains tissue;
        try (Workers workers = Workers.of(threads)) {
            tissue = SpatialDomains.generate(cells, 300, 4, workers);
        }
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-1", tissue.counts())
                .spatial(tissue.positions()).threads(threads).build();
        RegionSegmentationAnalysis.Params params = new RegionSegmentationAnalysis.Params(50.0, 0.2125, 0.5, "human",
                null, null, null);
        long start = System.nanoTime();
        AnalysisResult result = new RegionSegmentationAnalysis().run(params, input,
                new RecordingContext(1, threads, "regions"));
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] regions = ((Column.Categorical) result.obs().get("regions")).codes();
        System.out.printf("java region_segmentation, %,d cells: %.3f s, ARI %.3f against the 5 domains, %d threads,"
                + " peak RSS %s%n", cells, seconds, AdjustedRandIndex.of(regions, tissue.domains()), threads,
                KMeansAndDeBenchmark.peakRss());
    }
}
