package org.spatialx.server.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialx.api.SampleSubmission;
import org.spatialx.core.ParseMultipleOptions;
import org.spatialx.core.ParseOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.server.BenchmarkFolder;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/**
 * Wall time of detection ({@code parse_data_information}, BENCHMARKS.md "Detection") on a Xenium folder of
 * 10,000 files and on 100 Xenium sample folders, the same data measured two ways in one run: on the local
 * disk (the built-in detector over a {@link LocalStorageView}) and through the local server's
 * {@code directory/entities} listing ({@code connector.parse_data_information(..., detect_locally=True)}),
 * and by the server's own parser, the path it takes by default. Each figure is the mean of 3-5 runs after
 * one warm-up. Run with the server's other benchmarks: {@code ./mvnw -B verify -Pbench -DskipTests -pl server -am}.
 */
public final class DetectionBenchmark {

    private static final String XENIUM = "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset";

    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(System.getProperty("spatialx.examples.dir", "../examples/data"), XENIUM);
        try (BenchmarkFolder folder = BenchmarkFolder.create("spatialx-detection-bench")) {
            Path data = folder.path().resolve("data");
            Path run = xeniumSample(source, data.resolve("run"));
            for (int i = 0; i < 9_997; i++) {
                Files.createFile(run.resolve(String.format(Locale.ROOT, "fov_%05d_tile.tif", i)));
            }
            Path samples = data.resolve("samples");
            for (int i = 0; i < 100; i++) {
                xeniumSample(source, samples.resolve("sample_" + i));
            }
            onLocalDisk(run, samples);
            throughTheServer(folder.path().resolve("home"), data, run, samples);
        }
    }

    private static void onLocalDisk(Path run, Path samples) {
        DefaultSampleDataDetector detector = new DefaultSampleDataDetector(TechnologyCatalog.builtIns());
        double known = millis(() -> detector.detect("run", "XENIUM", new LocalStorageView(), run.toString()), 5);
        double unknown = millis(() -> detector.detect("run", null, new LocalStorageView(), run.toString()), 5);
        System.out.printf(Locale.ROOT, "BENCHMARK local disk, 10,000 files: technology=XENIUM %.1f ms,"
                + " every technology %.1f ms%n", known, unknown);
        known = millis(() -> detector.detectSamples("XENIUM", new LocalStorageView(), samples.toString()), 3);
        unknown = millis(() -> detector.detectSamples(null, new LocalStorageView(), samples.toString()), 3);
        System.out.printf(Locale.ROOT, "BENCHMARK local disk, 100 sample folders: technology=XENIUM %.1f ms,"
                + " every technology %.1f ms%n", known, unknown);
    }

    private static void throughTheServer(Path home, Path data, Path run, Path samples) {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withMount("data", data));
             SpatialXConnector connector = server.connector()) {
            double files = millis(() -> connector.parseDataInformation("run", "XENIUM", run.toString(),
                    ParseOptions.defaults().locally()), 5);
            double folders = millis(() -> {
                List<SampleSubmission> parsed = connector.parseMultipleSamplesInformation("XENIUM", samples.toString(),
                        new ParseMultipleOptions(Map.of(), Map.of(), null, 1, 1, 0.25, true));
                if (parsed.size() != 100) {
                    throw new IllegalStateException("expected 100 samples, got " + parsed.size());
                }
            }, 3);
            double onServer = millis(() -> connector.parseDataInformation("run", "XENIUM", run.toString()), 5);
            System.out.printf(Locale.ROOT, "BENCHMARK server listing: 10,000 files %.1f ms (server's own parser %.1f ms);"
                    + " 100 sample folders %.1f ms%n", files, onServer, folders);
        }
    }

    private static Path xeniumSample(Path source, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {"experiment.xenium", "transcripts.parquet", "cells.parquet"}) {
            Files.copy(source.resolve(name), dir.resolve(name));
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
}
