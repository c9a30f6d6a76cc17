package org.spatialx.formats.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.formats.spatialdata.PointsWriter;
import org.spatialx.formats.testing.Matrices;
import org.spatialx.formats.zarr.Compression;

/**
 * Writes one generated data set per JVM and prints one line: the write's wall time, heap peak and
 * peak resident set size ({@code VmHWM}). Driven by {@code formats/src/test/bench/run-storage-benchmark.sh},
 * which runs anndata's {@code write_zarr} and pyarrow on the same sizes in the same run.
 *
 * <p>Usage: {@code StorageBenchmark table CELLS GENES PER_CELL DIR [uncompressed]} (a random int32 count matrix with
 * PER_CELL values per cell, the two QC columns and spatial coordinates, written as an AnnData zarr table)
 * or {@code StorageBenchmark points TRANSCRIPTS GENES DIR} (random transcripts generated on the fly,
 * never held, written as points partitioned by gene).
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: StorageBenchmark table CELLS GENES PER_CELL DIR | points TRANSCRIPTS GENES DIR");
            System.exit(1);
        }
        if (args[0].equals("table")) {
            int cells = Integer.parseInt(args[1]);
            int genes = Integer.parseInt(args[2]);
            int perCell = Integer.parseInt(args[3]);
            Path out = Path.of(args[4]);
            long generate = System.nanoTime();
            ExpressionMatrix m = Matrices.random(cells, genes, perCell, 42);
            double[] x = new double[cells];
            double[] y = new double[cells];
            SplittableRandom random = new SplittableRandom(7);
            for (int c = 0; c < cells; c++) {
                x[c] = random.nextDouble(0, 10_000);
                y[c] = random.nextDouble(0, 10_000);
            }
            double generated = (System.nanoTime() - generate) / 1e9;
            long start = System.nanoTime();
            List<TableEntry> entries = new java.util.ArrayList<>(AnnDataWriter.cellQc(m));
            entries.add(AnnDataWriter.spatial(AnnDataWriter.SPATIAL_CELL_CENTERS, x, y));
            boolean raw = args.length > 5 && args[5].equals("uncompressed");
            new AnnDataWriter(raw ? Compression.NONE : Compression.ZLIB).create(out, m, entries);
            report(String.format(Locale.ROOT, "table %,d cells x %,d genes, %,d int32 values, X %s (generated in %.2f s)",
                    cells, genes, m.nonZeroCount(), raw ? "uncompressed" : "zlib", generated), start, out);
        } else {
            long transcripts = Long.parseLong(args[1]);
            int genes = Integer.parseInt(args[2]);
            Path out = Path.of(args[3]);
            long start = System.nanoTime();
            PointsWriter.Summary summary = new PointsWriter(PointsWriter.Options.defaults().withMpp(0.2125))
                    .write(out, generated(transcripts, genes));
            report(String.format(Locale.ROOT, "points %,d transcripts, %,d genes (generated while written)",
                    summary.transcripts(), summary.genes().size()), start, out);
        }
    }

    /** Xenium-like random transcripts: gene names GENE0.., coordinates in a 10 mm square, cell ids. */
    static Iterator<Transcript> generated(long count, int genes) {
        SplittableRandom random = new SplittableRandom(11);
        String[] names = new String[genes];
        for (int g = 0; g < genes; g++) {
            names[g] = "GENE" + g;
        }
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return n < count;
            }

            @Override
            public Transcript next() {
                n++;
                int cell = random.nextInt(200_000);
                return new Transcript(names[random.nextInt(genes)], random.nextDouble(0, 10_000),
                        random.nextDouble(0, 10_000), random.nextDouble(0, 30),
                        cell % 10 == 0 ? "UNASSIGNED" : "cell-" + cell);
            }
        };
    }

    private static void report(String what, long start, Path out) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long bytes;
        try (Stream<Path> files = Files.walk(out)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("VmHWM ?");
        System.out.printf(Locale.ROOT, "java %s: write %.2f s, %,d bytes on disk, heap peak %.0f MiB, peak RSS %s%n",
                what, seconds, bytes, heapPeak / 1048576.0, rss);
    }
}
