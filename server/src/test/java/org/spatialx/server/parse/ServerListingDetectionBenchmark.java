package org.spatialx.server.parse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.SampleSubmission;
import org.spatialx.core.ParseMultipleOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * Benchmark (skipped unless {@code -Dspatialx.benchmark=true}): detection of a folder of 10,000 files
 * and of 100 sample folders through the local server's {@code directory/entities} listing, the path
 * {@code connector.parse_data_information} takes. The local-disk figures are in
 * {@code technologies}' {@code DetectionBenchmark}. Run with
 * {@code ./mvnw -pl server -am verify -Dtest=ServerListingDetectionBenchmark -Dspatialx.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints its results; asserts nothing about time.
 */
class ServerListingDetectionBenchmark {

    private static final Path XENIUM = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/data/xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");

    @TempDir
    Path temp;

    private static Path xeniumSample(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {"experiment.xenium", "transcripts.parquet", "cells.parquet"}) {
            Files.copy(XENIUM.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private static double millis(Runnable run, int repeats) {
        run.run(); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            run.run();
        }
        return (System.nanoTime() - start) / 1e6 / repeats;
    }

    @Test
    void detectionThroughTheServersListing() throws IOException {
        assumeTrue(Boolean.getBoolean("spatialx.benchmark"), "benchmark: run with -Dspatialx.benchmark=true");
        Path data = temp.resolve("data");
        Path run = xeniumSample(data.resolve("run"));
        for (int i = 0; i < 9_997; i++) {
            Files.createFile(run.resolve(String.format(Locale.ROOT, "fov_%05d_tile.tif", i)));
        }
        for (int i = 0; i < 100; i++) {
            xeniumSample(data.resolve("samples").resolve("sample_" + i));
        }
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home"))
                .withMount("data", data));
             SpatialXConnector connector = server.connector()) {
            double files = millis(() -> connector.parseDataInformation("run", "XENIUM", run.toString()), 5);
            double samples = millis(() -> {
                List<SampleSubmission> parsed = connector.parseMultipleSamplesInformation("XENIUM",
                        data.resolve("samples").toString(),
                        new ParseMultipleOptions(Map.of(), Map.of(), null, 1, 1, 0.25, false));
                if (parsed.size() != 100) {
                    throw new AssertionError("expected 100 samples, got " + parsed.size());
                }
            }, 3);
            double onServer = millis(() -> connector.parseDataInformation("run", "XENIUM", run.toString(),
                    new org.spatialx.core.ParseOptions(null, 1, 1, 0.25, true)), 5);
            System.out.printf(Locale.ROOT, "BENCHMARK server listing: 10,000 files %.1f ms (server's own parser %.1f ms);"
                    + " 100 sample folders %.1f ms%n", files, onServer, samples);
        }
    }
}
