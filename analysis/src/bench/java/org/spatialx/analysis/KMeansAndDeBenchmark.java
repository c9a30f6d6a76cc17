package org.spatialx.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.spatialx.analysis.clustering.KMeansAnalysis;
import org.spatialx.analysis.de.DifferentialExpressionAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * The Java side of the k-means and DE benchmark (a main class, not a test): runs k-means or DE genes through
 * the analysis kinds on the files of {@code src/bench/scripts/generate_kmeans_de_data.py} and prints the
 * analysis's wall time (after loading), a check value and the peak resident set size
 * ({@code VmHWM}). {@code src/bench/scripts/run-kmeans-de-benchmark.sh} runs it next to the Python stack.
 *
 * <p>{@code RUNS} runs the analysis that many times in the same JVM: the first run is a fresh process's
 * (the JIT compiles as it goes), the later ones a long-running server's. The peak RSS printed after each
 * run is the process's so far.
 *
 * <pre>KMeansAndDeBenchmark kmeans|wilcoxon|t-test DIR [RUNS]   (-Dspatialx.bench.threads=N, default all cores)</pre>
 */
public final class KMeansAndDeBenchmark {

    private KMeansAndDeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path folder = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int threads = Integer.getInteger("spatialx.bench.threads", Runtime.getRuntime().availableProcessors());
        int[] shape = ints(folder.resolve("shape.i4"));
        int cells = shape[0];
        String output = "benchmark";
        RecordingContext context = new RecordingContext(0, threads, output);
        if (mode.equals("kmeans")) {
            DenseMatrix embedding = new DenseMatrix(cells, 50, doubles(folder.resolve("embedding.f64")));
            InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-1", embedding.rows())
                    .embedding("PCA", embedding).build();
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                AnalysisResult result = new KMeansAnalysis().run(new KMeansAnalysis.Params("PCA", 10, null), input,
                        context);
                report(mode, run, start, result.summary().get(1), threads);
            }
            return;
        }
        int genes = shape[1];
        ExpressionMatrix counts = new ExpressionMatrix(names("cell-", cells), names("gene-", genes),
                names("Gene", genes), ints(folder.resolve("indptr.i4")), ints(folder.resolve("indices.i4")),
                new MatrixValues.Ints(ints(folder.resolve("data.i4"))));
        List<Integer> group1 = boxed(ints(folder.resolve("group1.i4")));
        List<Integer> group2 = boxed(ints(folder.resolve("group2.i4")));
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-1", counts).build();
        DifferentialExpressionAnalysis.Params params = DifferentialExpressionAnalysis.Params.defaults()
                .withGroups("DA-1", group1, "DA-1", group2).withMethod(mode);
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            AnalysisResult result = new DifferentialExpressionAnalysis().run(params, input, context);
            Map<String, Column> table = result.tables().get(output);
            String top = ((Column.Text) table.get(DifferentialExpressionAnalysis.GENE)).values().get(0);
            report(mode, run, start, result.summary().get(1) + ", top gene " + top, threads);
        }
    }

    private static void report(String mode, int run, long start, String check, int threads) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("java %s run %d: %.3f s, %s, %d threads, peak RSS %s%n", mode, run, seconds, check, threads,
                peakRss());
    }

    private static List<String> names(String prefix, int count) {
        // the names of a generated data set: computed on demand, no million strings in memory
        return Collections.unmodifiableList(new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return prefix + index;
            }

            @Override
            public int size() {
                return count;
            }
        });
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int value : values) {
            list.add(value);
        }
        return list;
    }

    /** Reads through a small buffer: a mapped file would count in the resident set. */
    private static int[] ints(Path file) throws IOException {
        int[] values = new int[Math.toIntExact(Files.size(file) / 4)];
        read(file, (buffer, offset) -> buffer.asIntBuffer().get(values, offset / 4, buffer.remaining() / 4));
        return values;
    }

    static double[] doubles(Path file) throws IOException {
        double[] values = new double[Math.toIntExact(Files.size(file) / 8)];
        read(file, (buffer, offset) -> buffer.asDoubleBuffer().get(values, offset / 8, buffer.remaining() / 8));
        return values;
    }

    private interface Chunk {
        void accept(ByteBuffer buffer, int offset);
    }

    private static void read(Path file, Chunk chunk) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 23).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file)) {
            int offset = 0;
            while (true) {
                buffer.clear();
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill the buffer: its size is a multiple of 8, so no value is split
                }
                buffer.flip();
                if (!buffer.hasRemaining()) {
                    return;
                }
                int size = buffer.remaining();
                chunk.accept(buffer, offset);
                offset += size;
            }
        }
    }

    static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
    }
}
