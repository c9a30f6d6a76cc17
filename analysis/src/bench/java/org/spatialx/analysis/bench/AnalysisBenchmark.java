package org.spatialx.analysis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.spatialx.analysis.clustering.ClusterLabels;
import org.spatialx.analysis.clustering.CommunityDetection;
import org.spatialx.analysis.neighbors.ExactNeighbors;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.neighbors.NearestNeighbors;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.pca.PcaResult;
import org.spatialx.analysis.pca.RandomizedPca;
import org.spatialx.analysis.preprocess.GeneStatistics;
import org.spatialx.analysis.preprocess.HighlyVariableGenes;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.api.data.SparseGraph;

/**
 * The analysis pipeline timed step by step (not a test): normalisation, highly variable genes,
 * the scaled gene subset, PCA, neighbours with their connectivities, Leiden (normalisation is computed as
 * the HVG and PCA steps read the counts, so its own step only picks the method); one JSON line per step
 * with its wall time and its own peak resident set size (the peak is reset before each step through
 * {@code /proc/self/clear_refs}, as the Python side does). Driven by
 * {@code analysis/src/bench/scripts/run-analysis-benchmark.sh}, which also generates the data and runs
 * the Python stack on the same files.
 *
 * <p>Usage: {@code AnalysisBenchmark generate DIR CELLS GENES} writes generated counts with known
 * cell types; {@code AnalysisBenchmark run DIR [THREADS] [warm]} runs the pipeline on them with the
 * kinds' parameters: log1p-normalized, n_top_genes 1,000, 50 components, n_neighbors 90,
 * local_connectivity 1, resolution 1, seed 0. With {@code warm} the pipeline first runs once, untimed,
 * on 3,000 generated cells: what a long-running server's JVM has compiled already.
 */
public final class AnalysisBenchmark {

    private static final int N_TOP_GENES = 1_000;
    private static final int N_NEIGHBORS = 90;
    private static final double RESOLUTION = 1.0;

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("generate")) {
            Path folder = Files.createDirectories(Path.of(args[1]));
            try (Workers workers = Workers.of(Runtime.getRuntime().availableProcessors())) {
                SyntheticCounts data = SyntheticCounts.generate(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        SyntheticCounts.Design.of(15).withMarkers(2, 6), 2026, workers);
                data.write(folder);
                System.out.printf(Locale.ROOT, "generated %,d cells x %,d genes, %,d values%n", data.counts().cellCount(),
                        data.counts().geneCount(), data.counts().nonZeroCount());
            }
        } else if (args.length >= 2 && args[0].equals("run")) {
            int threads = args.length >= 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
            if (args.length >= 4 && args[3].equals("warm")) {
                Path warm = Files.createTempDirectory("analysis-warm-up");
                try (Workers workers = Workers.of(threads)) {
                    SyntheticCounts.generate(3_000, 2_000, SyntheticCounts.Design.of(15), 1, workers).write(warm);
                }
                quiet = true;
                run(warm, threads);
                quiet = false;
                STEPS.clear();
                try (var files = Files.list(warm)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.delete(file);
                    }
                }
                Files.delete(warm);
            }
            run(Path.of(args[1]), threads);
        } else {
            System.err.println("usage: AnalysisBenchmark generate DIR CELLS GENES | run DIR [THREADS]");
            System.exit(2);
        }
    }

    private record Step(String name, double seconds, double peakRssMib) {
    }

    private static final List<Step> STEPS = new ArrayList<>();
    private static boolean quiet;

    private static <T> T step(String name, Supplier<T> work) {
        resetPeakRss();
        long start = System.nanoTime();
        T value = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        Step step = new Step(name, seconds, peakRssMib());
        STEPS.add(step);
        if (!quiet) {
            System.out.printf(Locale.ROOT, "{\"side\": \"java\", \"step\": \"%s\", \"seconds\": %.3f,"
                    + " \"peak_rss_mib\": %.1f}%n", name, seconds, step.peakRssMib());
        }
        return value;
    }

    private static void run(Path folder, int threads) throws IOException {
        ExpressionMatrix[] counts = {load(folder)};
        int cells = counts[0].cellCount();
        int[] truth = Npy.readInts(folder.resolve("truth.npy"));
        System.gc(); // the loading's garbage is not part of any step
        try (Workers workers = Workers.of(threads)) {
            Normalization normalization = step("normalize",
                    () -> Normalization.of(NormalizeMethod.LOG1P_NORMALIZE));
            int[] genes = step("hvg", () -> HighlyVariableGenes.select(
                    GeneStatistics.ofNormalized(counts[0], normalization, workers), N_TOP_GENES).selected());
            // the gene subset, its transform and its scaling statistics, then the decomposition
            PcaResult pca = step("pca", () -> {
                ScaledExpression scaled = ScaledExpression.of(counts[0], normalization, genes, workers);
                return RandomizedPca.fit(scaled, RandomizedPca.Options.of(
                        RandomizedPca.defaultComponents(scaled.cells(), scaled.genes()), 0), workers, f -> { });
            });
            // the steps after PCA read only its scores: the counts go, as the Python side's `del X` and the
            // local server's clustering jobs (which read the embedding from the table) do
            counts[0] = null;
            System.gc();
            KnnGraph[] knn = new KnnGraph[1];
            SparseGraph connectivities = step("neighbours", () -> {
                knn[0] = NearestNeighbors.of(pca.scores(), N_NEIGHBORS - 1, 0, workers);
                return FuzzySimplicialSet.connectivities(knn[0], 1, workers);
            });
            int[] labels = step("leiden", () -> ClusterLabels.bySize(CommunityDetection.cluster(connectivities,
                    CommunityDetection.Algorithm.LEIDEN, RESOLUTION, 0, workers, i -> { })));
            double total = STEPS.stream().mapToDouble(Step::seconds).sum();
            double peak = STEPS.stream().mapToDouble(Step::peakRssMib).max().orElse(0);
            int[] queries = new java.util.Random(1).ints(1_000, 0, cells).toArray();
            double recall = cells <= NearestNeighbors.EXACT_LIMIT ? 1.0
                    : NearestNeighbors.recall(knn[0], queries, ExactNeighbors.forQueries(pca.scores(), queries,
                            N_NEIGHBORS - 1, workers));
            if (quiet) {
                return;
            }
            System.out.printf(Locale.ROOT, "{\"side\": \"java\", \"step\": \"total\", \"seconds\": %.3f, \"peak_rss_mib\":"
                    + " %.1f, \"clusters\": %d, \"ari_truth\": %.4f, \"knn_recall\": %.4f, \"threads\": %d,"
                    + " \"explained_variance\": %.4f}%n", total, peak, ClusterLabels.sizes(labels).length,
                    AdjustedRandIndex.of(labels, truth), recall, threads,
                    java.util.Arrays.stream(pca.explainedVarianceRatio()).sum());
            Npy.write(folder.resolve("java_labels.npy"), labels);
        }
    }

    /** The counts written by {@code generate}: int32 CSR arrays. */
    private static ExpressionMatrix load(Path folder) throws IOException {
        long[] shape = java.util.Arrays.stream(Npy.read(folder.resolve("counts_shape.npy")).values())
                .mapToLong(v -> (long) v).toArray();
        int cells = (int) shape[0];
        int genes = (int) shape[1];
        int[] indptr = Npy.readInts(folder.resolve("counts_indptr.npy"));
        int[] indices = Npy.readInts(folder.resolve("counts_indices.npy"));
        int[] values = Npy.readInts(folder.resolve("counts_data.npy"));
        List<String> cellIds = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            cellIds.add("cell" + c);
        }
        List<String> geneIds = new ArrayList<>(genes);
        for (int g = 0; g < genes; g++) {
            geneIds.add("gene" + g);
        }
        return new ExpressionMatrix(cellIds, geneIds, geneIds, indptr, indices, new MatrixValues.Ints(values));
    }

    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // not Linux, or not allowed: the peaks are then cumulative
        }
    }

    private static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Double.NaN;
    }
}
