package org.spatialx.analysis.layout;

import java.util.function.DoubleConsumer;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * A two-dimensional t-SNE of an embedding (van der Maaten and Hinton 2008) as scikit-learn 1.2's
 * {@code TSNE} computes it with its defaults: affinities of the nearest neighbours at the given
 * perplexity ({@link TsneAffinities}); Student-t similarities in the layout; Barnes-Hut repulsion
 * ({@link BarnesHutTree}, {@code angle=0.5}); 1,000 iterations of gradient descent with
 * delta-bar-delta gains (+0.2 / x0.8, at least 0.01), the first 250 with the affinities exaggerated
 * 12-fold and momentum 0.5, the rest with momentum 0.8; learning rate {@code max(n / 48, 50)}
 * (scikit-learn's {@code "auto"}).
 */
public final class Tsne {

    /** The output has two dimensions, as SpatialX's t-SNE. */
    public static final int DIMENSIONS = 2;
    static final int ITERATIONS = 1_000;
    static final int EXAGGERATION_ITERATIONS = 250;
    static final double EXAGGERATION = 12;
    private static final double MIN_GAIN = 0.01;
    private static final int CELLS_PER_PART = 4096;

    /** The starting layout. */
    public enum Init {
        /** The first two principal components of the embedding (scikit-learn's default). */
        PCA,
        /** Gaussian noise (scikit-learn's {@code "random"}). */
        GAUSSIAN,
        /** The embedding's first two dimensions. */
        INPUT
    }

    /**
     * How the layout is computed.
     *
     * @param perplexity the effective number of neighbours of each cell's affinities
     * @param init       the starting layout
     * @param iterations gradient steps, 0 for scikit-learn's 1,000
     * @param seed       seed of a Gaussian start
     */
    public record Options(double perplexity, Init init, int iterations, long seed) {
    }

    /** The layout and its Kullback-Leibler divergence from the affinities. */
    public record Result(DenseMatrix layout, int iterations, int affinities, double divergence) {
    }

    private Tsne() {
    }

    /**
     * The t-SNE of {@code points} from their neighbours ({@code knn.k()} must exceed the perplexity).
     *
     * @param progress receives the fraction done, 0 to 1
     */
    public static Result layout(DenseMatrix points, KnnGraph knn, Options options, Workers workers,
            DoubleConsumer progress) {
        if (!(options.perplexity() < knn.k())) {
            throw new IllegalArgumentException("perplexity " + options.perplexity() + " needs more than "
                    + knn.k() + " neighbours per cell");
        }
        int n = points.rows();
        TsneAffinities p = TsneAffinities.of(knn, options.perplexity(), workers);
        progress.accept(0.05);
        double[] y = start(points, options, workers);
        int iterations = options.iterations() > 0 ? options.iterations() : ITERATIONS;
        double learningRate = Math.max(n / EXAGGERATION / 4, 50);
        double[] gradient = new double[n * DIMENSIONS];
        double[] repulsion = new double[n * DIMENSIONS];
        double[] update = new double[n * DIMENSIONS];
        double[] gains = new double[n * DIMENSIONS];
        java.util.Arrays.fill(gains, 1);
        BarnesHutTree tree = new BarnesHutTree(n);
        int parts = Math.max(1, (n + CELLS_PER_PART - 1) / CELLS_PER_PART);
        double z = 0;
        for (int iteration = 0; iteration < iterations; iteration++) {
            boolean early = iteration < EXAGGERATION_ITERATIONS;
            double exaggeration = early ? EXAGGERATION : 1;
            double momentum = early ? 0.5 : 0.8;
            z = Math.max(tree.repulsion(y, repulsion, workers), Double.MIN_NORMAL);
            double inverseZ = 1 / z;
            workers.forParts(n, parts, (part, from, to) -> {
                for (int i = from; i < to; i++) {
                    double yx = y[2 * i];
                    double yy = y[2 * i + 1];
                    double ax = 0;
                    double ay = 0;
                    for (int e = p.indptr()[i]; e < p.indptr()[i + 1]; e++) {
                        int j = p.indices()[e];
                        double dx = yx - y[2 * j];
                        double dy = yy - y[2 * j + 1];
                        double weighted = p.values()[e] / (1 + dx * dx + dy * dy);
                        ax += weighted * dx;
                        ay += weighted * dy;
                    }
                    gradient[2 * i] = 4 * (exaggeration * ax - repulsion[2 * i] * inverseZ);
                    gradient[2 * i + 1] = 4 * (exaggeration * ay - repulsion[2 * i + 1] * inverseZ);
                }
            });
            workers.forParts(n, parts, (part, from, to) -> {
                for (int c = DIMENSIONS * from; c < DIMENSIONS * to; c++) {
                    double g = gradient[c];
                    gains[c] = update[c] * g < 0 ? gains[c] + 0.2 : Math.max(MIN_GAIN, gains[c] * 0.8);
                    update[c] = momentum * update[c] - learningRate * gains[c] * g;
                    y[c] += update[c];
                }
            });
            progress.accept(0.05 + 0.95 * (iteration + 1) / iterations);
        }
        double divergence = divergence(p, y, tree.repulsion(y, repulsion, workers), workers);
        return new Result(new DenseMatrix(n, DIMENSIONS, y), iterations, p.entries(), divergence);
    }

    /** The start: scaled so that the first axis has a standard deviation of 1e-4 (scikit-learn's PCA start). */
    private static double[] start(DenseMatrix points, Options options, Workers workers) {
        int n = points.rows();
        double[] y = switch (options.init()) {
            case GAUSSIAN -> InitialLayouts.gaussian(n, DIMENSIONS, 1e-4, options.seed());
            case PCA -> InitialLayouts.principalComponents(points, DIMENSIONS, workers);
            case INPUT -> {
                double[] first = new double[n * DIMENSIONS];
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < Math.min(DIMENSIONS, points.cols()); d++) {
                        first[i * DIMENSIONS + d] = points.get(i, d);
                    }
                }
                yield first;
            }
        };
        if (options.init() != Init.GAUSSIAN) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * DIMENSIONS];
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += (y[i * DIMENSIONS] - mean) * (y[i * DIMENSIONS] - mean);
            }
            double sd = Math.sqrt(variance / n);
            double factor = sd > 0 ? 1e-4 / sd : 1;
            for (int i = 0; i < y.length; i++) {
                y[i] *= factor;
            }
        }
        return y;
    }

    /** {@code KL(P || Q) = sum p_ij log(p_ij / q_ij)} over the stored affinities, with {@code q_ij = w_ij / Z}. */
    private static double divergence(TsneAffinities p, double[] y, double z, Workers workers) {
        int n = p.cells();
        return workers.sumOverParts(n, Math.max(1, (n + CELLS_PER_PART - 1) / CELLS_PER_PART), 1, (from, to, sum) -> {
            for (int i = from; i < to; i++) {
                for (int e = p.indptr()[i]; e < p.indptr()[i + 1]; e++) {
                    double pij = p.values()[e];
                    if (pij > 0) {
                        int j = p.indices()[e];
                        double dx = y[2 * i] - y[2 * j];
                        double dy = y[2 * i + 1] - y[2 * j + 1];
                        double q = Math.max(1 / (1 + dx * dx + dy * dy) / z, Double.MIN_NORMAL);
                        sum[0] += pij * Math.log(pij / q);
                    }
                }
            }
        })[0];
    }
}
