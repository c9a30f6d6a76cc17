package org.spatialx.analysis.layout;

import java.util.function.DoubleConsumer;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/**
 * A two-dimensional UMAP of an embedding (McInnes, Healy and Melville 2018), as umap-learn 0.5 computes
 * it with its defaults ({@code min_dist=0.1}, {@code spread=1}, {@code negative_sample_rate=5},
 * 500 epochs up to 10,000 cells and 200 above): the fuzzy simplicial set of the neighbour graph
 * ({@link FuzzySimplicialSet}), edges below {@code 1/epochs} of the strongest dropped, a starting
 * layout (spectral, PCA of the embedding, or uniform), scaled into {@code [0, 10]} per axis, then
 * {@link UmapOptimizer}'s SGD with negative sampling.
 */
public final class Umap {

    /** The output has two dimensions, as SpatialX's UMAP. */
    public static final int DIMENSIONS = 2;

    /** The starting layout. */
    public enum Init {
        /** The first two principal components of the embedding, scaled to at most 10 (umap-learn 0.5.4's "pca"). */
        PCA,
        /** The normalised Laplacian's eigenvectors ({@link SpectralLayout}), umap-learn's default. */
        SPECTRAL,
        /** Uniform in {@code [-10, 10)}. */
        RANDOM
    }

    /**
     * How the layout is computed.
     *
     * @param localConnectivity neighbours every cell is assumed connected to
     * @param init              the starting layout
     * @param epochs            SGD epochs, or 0 for umap-learn's default
     * @param seed              seed of the start and the negative samples
     */
    public record Options(double localConnectivity, Init init, int epochs, long seed) {
    }

    /** What the layout is and how it was reached. */
    public record Result(DenseMatrix layout, int epochs, int edgeCount, int components) {
    }

    private Umap() {
    }

    /**
     * The UMAP of {@code points} given their neighbours (a {@code KnnGraph} without the cells themselves:
     * umap-learn's {@code n_neighbors} is {@code knn.k() + 1}).
     *
     * @param progress receives the fraction done, 0 to 1
     */
    public static Result layout(DenseMatrix points, KnnGraph knn, Options options, Workers workers,
            DoubleConsumer progress) {
        int n = points.rows();
        int epochs = options.epochs() > 0 ? options.epochs() : UmapOptimizer.defaultEpochs(n);
        SparseGraph graph = strongEdges(FuzzySimplicialSet.connectivities(knn, options.localConnectivity(), workers),
                epochs);
        progress.accept(0.05);
        workers.checkCancelled();
        double[] start = switch (options.init()) {
            case SPECTRAL -> noisyScaled(SpectralLayout.of(graph, points, DIMENSIONS, options.seed(), workers),
                    options.seed());
            case PCA -> noisyScaled(InitialLayouts.principalComponents(points, DIMENSIONS, workers), options.seed());
            case RANDOM -> InitialLayouts.uniform(n, DIMENSIONS, 10, options.seed());
        };
        progress.accept(0.15);
        float[] layout = boxed(start, n);
        UmapOptimizer.optimize(graph, layout, DIMENSIONS, epochs, options.seed() * 31 + 7, workers,
                epoch -> progress.accept(0.15 + 0.85 * epoch / epochs));
        double[] values = new double[layout.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = layout[i];
        }
        int components = SpectralLayout.components(graph, new int[n]);
        return new Result(new DenseMatrix(n, DIMENSIONS, values), epochs, graph.edgeCount(), components);
    }

    /** The graph without the edges UMAP never samples (umap-learn zeroes them before the start layout). */
    private static SparseGraph strongEdges(SparseGraph graph, int epochs) {
        double max = 0;
        for (double w : graph.weights()) {
            max = Math.max(max, w);
        }
        double threshold = max / epochs;
        int n = graph.cells();
        int[] indptr = new int[n + 1];
        int kept = 0;
        for (double w : graph.weights()) {
            kept += w >= threshold ? 1 : 0;
        }
        int[] indices = new int[kept];
        double[] weights = new double[kept];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
                if (graph.weights()[e] >= threshold) {
                    indices[at] = graph.indices()[e];
                    weights[at++] = graph.weights()[e];
                }
            }
            indptr[i + 1] = at;
        }
        return new SparseGraph(n, indptr, indices, weights);
    }

    /** umap-learn's scaling of a spectral or PCA start: largest magnitude 10, plus noise of 1e-4. */
    private static double[] noisyScaled(double[] layout, long seed) {
        InitialLayouts.scaleToMaxAbs(layout, 10);
        InitialLayouts.addNoise(layout, 1e-4, seed ^ 0x5DEECE66DL);
        return layout;
    }

    /** Each axis scaled into {@code [0, 10]}, as umap-learn does before optimising. */
    private static float[] boxed(double[] layout, int n) {
        float[] boxed = new float[layout.length];
        for (int d = 0; d < DIMENSIONS; d++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, layout[i * DIMENSIONS + d]);
                max = Math.max(max, layout[i * DIMENSIONS + d]);
            }
            double range = max > min ? max - min : 1;
            for (int i = 0; i < n; i++) {
                boxed[i * DIMENSIONS + d] = (float) (10 * (layout[i * DIMENSIONS + d] - min) / range);
            }
        }
        return boxed;
    }
}
