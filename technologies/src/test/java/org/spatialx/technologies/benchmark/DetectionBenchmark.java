package org.spatialx.technologies.benchmark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.transcripts.TranscriptReader;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/**
 * Wall time of detection and transcript streaming at scale. Not part of the normal test run:
 * {@code ./mvnw -pl technologies -am verify -Dtest=DetectionBenchmark -Dspatialx.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints its results; asserts nothing about time.
 */
class DetectionBenchmark {

    @TempDir
    Path temp;

    private static final DefaultSampleDataDetector DETECTOR = new DefaultSampleDataDetector(TechnologyCatalog.builtIns());

    private static void requireEnabled() {
        assumeTrue(Boolean.getBoolean("spatialx.benchmark"), "benchmark: run with -Dspatialx.benchmark=true");
    }

    private static Path xeniumSample(Path dir) throws IOException {
        Path source = ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
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

    @Test
    void folderOf10000Files() throws IOException {
        requireEnabled();
        Path run = xeniumSample(temp.resolve("run"));
        for (int i = 0; i < 9_997; i++) {
            Files.createFile(run.resolve(String.format(Locale.ROOT, "fov_%05d_tile.tif", i)));
        }
        double known = millis(() -> DETECTOR.detect("run", "XENIUM", new LocalStorageView(), run.toString()), 5);
        double unknown = millis(() -> DETECTOR.detect("run", null, new LocalStorageView(), run.toString()), 5);
        System.out.printf(Locale.ROOT, "BENCHMARK detection, 10,000 files: --technology XENIUM %.1f ms, all technologies %.1f ms%n",
                known, unknown);
    }

    @Test
    void hundredSampleFolders() throws IOException {
        requireEnabled();
        Path parent = temp.resolve("samples");
        for (int i = 0; i < 100; i++) {
            xeniumSample(parent.resolve("sample_" + i));
        }
        double known = millis(() -> DETECTOR.detectSamples("XENIUM", new LocalStorageView(), parent.toString()), 3);
        double unknown = millis(() -> DETECTOR.detectSamples(null, new LocalStorageView(), parent.toString()), 3);
        System.out.printf(Locale.ROOT, "BENCHMARK detection, 100 sample folders: --technology XENIUM %.1f ms, all technologies %.1f ms%n",
                known, unknown);
    }

    @Test
    void streamTranscriptsCsvGz() throws IOException {
        requireEnabled();
        int rows = Integer.getInteger("spatialx.benchmark.rows", 5_000_000);
        Path file = temp.resolve("transcripts.csv.gz");
        Random random = new Random(42);
        String[] genes = new String[5000];
        for (int g = 0; g < genes.length; g++) {
            genes[g] = "GENE" + g;
        }
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            out.write("transcript_id,cell_id,overlaps_nucleus,feature_name,x_location,y_location,z_location,qv,fov_name,nucleus_distance\n");
            for (int i = 0; i < rows; i++) {
                out.write(String.format(Locale.ROOT, "%d,cell%07d-1,%d,%s,%.4f,%.4f,%.4f,%.2f,A%d,%.3f%n",
                        281_474_976_710_656L + i, random.nextInt(200_000), random.nextInt(2),
                        genes[random.nextInt(genes.length)], random.nextDouble() * 10_000, random.nextDouble() * 10_000,
                        random.nextDouble() * 30, 20 + random.nextDouble() * 20, random.nextInt(400),
                        random.nextDouble() * 10));
            }
        }
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        long[] count = {0};
        double[] sum = {0};
        try (TranscriptReader reader = TranscriptReader.open(file)) {
            reader.forEachRemaining(t -> {
                count[0]++;
                sum[0] += t.x();
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
                "BENCHMARK transcripts.csv.gz %,d rows (%,d bytes): %.2f s, %.0f rows/s, heap peak during read %.0f MiB (x sum %.1f)%n",
                count[0], Files.size(file), seconds, count[0] / seconds, peakHeapMiB(), sum[0]);
        if (Boolean.getBoolean("spatialx.benchmark.keep")) {
            Path kept = Path.of(System.getProperty("java.io.tmpdir"), "spatialx-benchmark-transcripts.csv.gz");
            Files.copy(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("BENCHMARK kept " + kept);
        }
    }

    /**
     * Reads a 10x .h5 given by {@code -Dspatialx.benchmark.h5=FILE} (e.g. 200k cells x 5k genes
     * written by h5py, see docs/technologies.md).
     */
    @Test
    void readTenxH5() {
        requireEnabled();
        String file = System.getProperty("spatialx.benchmark.h5");
        assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "no -Dspatialx.benchmark.h5 file");
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        ExpressionMatrix matrix = TenxH5Matrix.read(Path.of(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "BENCHMARK %s: %,d cells x %,d genes, %,d values (total %.0f): %.2f s, heap peak %.0f MiB%n",
                Path.of(file).getFileName(), matrix.cellCount(), matrix.geneCount(), matrix.nonZeroCount(),
                matrix.total(), seconds, peakHeapMiB());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static double peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

}
