package org.spatialx.formats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.transcripts.TranscriptReader;

/**
 * Reads one file of a generated Xenium-layout data set and prints one line: wall time, peak heap
 * (sum of the heap pools' peaks) and peak resident set size ({@code VmHWM} of /proc/self/status).
 * One file per JVM so that every peak belongs to one reader. Driven by
 * {@code formats/src/bench/scripts/run-reader-benchmark.sh} (run by {@code ./mvnw -B verify -Pbench -DskipTests
 * -pl formats -am}), which also generates the data and runs the pandas/h5py/pyarrow side.
 *
 * <p>Usage: {@code ReaderBenchmark h5|transcripts FILE [READS]}: with READS &gt; 1 the file is read that many
 * times in the same JVM, one line per read: the first is a fresh process's read, the later ones what a
 * long-running process (the local server) sees.
 */
public final class ReaderBenchmark {

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ReaderBenchmark h5|transcripts FILE [READS]");
            System.exit(1);
        }
        Path file = Path.of(args[1]);
        int reads = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        for (int read = 1; read <= reads; read++) {
            readOnce(args[0], file, reads == 1 ? "" : " read " + read + "/" + reads);
        }
    }

    private static void readOnce(String kind, Path file, String label) throws IOException {
        long start = System.nanoTime();
        String what;
        if (kind.equals("h5")) {
            ExpressionMatrix m = TenxH5Matrix.read(file);
            what = String.format(Locale.ROOT, "%,d cells x %,d genes, %,d values (%s), total %.0f",
                    m.cellCount(), m.geneCount(), m.nonZeroCount(), m.values().getClass().getSimpleName(), m.total());
        } else {
            long rows = 0;
            double sumX = 0;
            long assigned = 0;
            try (TranscriptReader reader = TranscriptReader.open(file)) {
                while (reader.hasNext()) {
                    Transcript t = reader.next();
                    rows++;
                    sumX += t.x();
                    if (!t.cellId().equals("UNASSIGNED")) {
                        assigned++;
                    }
                }
            }
            what = String.format(Locale.ROOT, "%,d transcripts, %,d assigned, sum x %.1f", rows, assigned, sumX);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        String rss = status(status, "VmHWM") + " (at the end: anonymous " + status(status, "RssAnon") + ", file "
                + status(status, "RssFile") + ")";
        System.out.printf(Locale.ROOT, "java %s %s%s (%,d bytes): %s: %.2f s, heap peak %.0f MiB, peak RSS %s%n",
                kind, file.getFileName(), label, Files.size(file), what, seconds, heapPeak / 1048576.0, rss);
    }

    private static String status(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).trim())
                .findFirst().orElse("?");
    }
}
