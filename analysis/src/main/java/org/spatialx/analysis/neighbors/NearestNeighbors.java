package org.spatialx.analysis.neighbors;

import java.util.function.DoubleConsumer;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * The k nearest neighbours of every cell in an embedding (Euclidean, the cell itself excluded):
 * exact by parallel brute force up to {@link #EXACT_LIMIT} cells, approximate above by
 * nearest-neighbour descent seeded from a random projection forest (what pynndescent, umap-learn and
 * scanpy use), with a recall of the exact neighbours well above 0.95 (BENCHMARKS.md, "Analyses").
 * This is what {@code AnalysisInput.neighbours(embedding, k)} computes and what neighbour-based
 * analyses (Leiden, Louvain, UMAP, t-SNE) build on.
 */
public final class NearestNeighbors {

    /** Up to this many cells the neighbours are exact: brute force costs cells^2 distances. */
    public static final int EXACT_LIMIT = 10_000;

    private NearestNeighbors() {
    }

    /**
     * The {@code k} nearest neighbours of every row of {@code points}, exact for small tables,
     * approximate above; the same seed gives the same graph with any number of threads.
     *
     * @throws IllegalArgumentException when {@code k} is not between 1 and rows - 1, or a value is not finite
     */
    public static KnnGraph of(DenseMatrix points, int k, long seed, Workers workers) {
        return of(points, k, seed, workers, fraction -> { });
    }

    /** As {@link #of(DenseMatrix, int, long, Workers)}, reporting the fraction done to {@code progress}. */
    public static KnnGraph of(DenseMatrix points, int k, long seed, Workers workers, DoubleConsumer progress) {
        check(points, k);
        if (points.rows() <= EXACT_LIMIT) {
            KnnGraph exact = ExactNeighbors.of(points, k, workers);
            progress.accept(1);
            return exact;
        }
        return approximate(points, k, seed, workers, progress);
    }

    /**
     * The approximate neighbours (nearest-neighbour descent), whatever the size. Small {@code k} are
     * searched as {@code min(2k, 30)} and cut: a longer list holds the true nearest far more often
     * (a recall of 0.95 becomes 0.99 for k = 14 on generated data), and costs little at that size.
     */
    public static KnnGraph approximate(DenseMatrix points, int k, long seed, Workers workers, DoubleConsumer progress) {
        check(points, k);
        int n = points.rows();
        double[] values = points.values();
        float[] single = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            single[i] = (float) values[i];
        }
        int searched = Math.min(n - 1, Math.max(k, Math.min(2 * k, 30)));
        KnnGraph graph = NeighborDescent.search(single, n, points.cols(), searched,
                NeighborDescent.Options.defaults(n, searched, seed), workers, progress);
        return searched == k ? graph : nearest(graph, k);
    }

    /** The first {@code k} neighbours of every cell of {@code graph}. */
    private static KnnGraph nearest(KnnGraph graph, int k) {
        int n = graph.cells();
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(graph.indices(), i * graph.k(), indices, i * k, k);
            System.arraycopy(graph.distances(), i * graph.k(), distances, i * k, k);
        }
        return new KnnGraph(n, k, indices, distances);
    }

    /**
     * The recall of {@code approximate} on a sample: the fraction of the exact neighbours of the cells
     * {@code queries} (row {@code q} of {@code exact} belongs to cell {@code queries[q]}, as
     * {@link ExactNeighbors#forQueries} returns them) that {@code approximate} found.
     */
    public static double recall(KnnGraph approximate, int[] queries, KnnGraph exact) {
        int k = exact.k();
        long found = 0;
        for (int q = 0; q < queries.length; q++) {
            int cell = queries[q];
            for (int j = 0; j < k; j++) {
                int wanted = exact.neighbour(q, j);
                for (int a = 0; a < approximate.k(); a++) {
                    if (approximate.neighbour(cell, a) == wanted) {
                        found++;
                        break;
                    }
                }
            }
        }
        return found / (double) ((long) queries.length * k);
    }

    private static void check(DenseMatrix points, int k) {
        if (k < 1 || k >= points.rows()) {
            throw new IllegalArgumentException("k = " + k + " neighbours need at least " + (k + 1) + " cells; the embedding has "
                    + points.rows());
        }
        double[] values = points.values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("The embedding has a non-finite value (" + values[i] + ") at cell "
                        + i / points.cols() + ", dimension " + i % points.cols());
            }
        }
    }
}
