package org.spatialx.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.spatialx.analysis.embeddings.TsneAnalysis;
import org.spatialx.analysis.embeddings.UmapAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.DenseMatrix;

/**
 * The Java side of the UMAP and t-SNE benchmark (a main class, not a test): runs the umap or tsne kind with
 * the Python SDK's defaults (n_neighbors 15 and 90, perplexity 30, pca start) on the 50-column embedding of {@code src/bench/scripts/generate_layout_data.py},
 * writes the layout (raw little-endian float64, N x 2) for the trustworthiness comparison and prints the
 * analysis's wall time (after loading) and the peak resident set size ({@code VmHWM}).
 * {@code src/bench/scripts/run-layout-benchmark.sh} runs it next to umap-learn and scikit-learn's TSNE.
 *
 * <pre>LayoutBenchmark umap|tsne DIR OUT   (-Dspatialx.bench.threads=N, default all cores)</pre>
 */
public final class LayoutBenchmark {

    private LayoutBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String method = args[0];
        Path folder = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int threads = Integer.getInteger("spatialx.bench.threads", Runtime.getRuntime().availableProcessors());
        double[] values = KMeansAndDeBenchmark.doubles(folder.resolve("embedding.f64"));
        DenseMatrix embedding = new DenseMatrix(values.length / 50, 50, values);
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-1", embedding.rows())
                .embedding("PCA", embedding).threads(threads).build();
        RecordingContext context = new RecordingContext(0, threads, "layout");
        long start = System.nanoTime();
        AnalysisResult result = switch (method) {
            case "umap" -> new UmapAnalysis().run(new UmapAnalysis.Params("PCA", 15, 1, "pca", true, null), input, context);
            case "tsne" -> new TsneAnalysis().run(new TsneAnalysis.Params("PCA", 90, 1, "pca", 30.0, null), input, context);
            default -> throw new IllegalArgumentException("method must be umap or tsne, not " + method);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        DenseMatrix layout = result.embeddings().get("layout");
        ByteBuffer buffer = ByteBuffer.allocate(layout.values().length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(layout.values());
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        System.out.printf("java %s: %.3f s, %d threads, peak RSS %s%n", method, seconds, threads,
                KMeansAndDeBenchmark.peakRss());
    }
}
