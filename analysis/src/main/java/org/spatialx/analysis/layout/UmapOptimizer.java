package org.spatialx.analysis.layout;

import java.util.function.IntConsumer;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.SparseGraph;

/**
 * UMAP's layout optimisation (umap-learn's {@code optimize_layout_euclidean}): stochastic gradient
 * descent on the fuzzy set cross-entropy between the connectivities and the layout's
 * {@code 1 / (1 + a d^2b)} memberships. Every edge is sampled in proportion to its weight (every
 * {@code max / weight} epochs), pulling its two cells together; each sample is followed by
 * {@value #NEGATIVE_SAMPLE_RATE} negative samples pushing the cell away from uniformly drawn cells;
 * gradients are clipped to 4 per coordinate and the learning rate falls linearly from 1 to 0. Edges
 * with less than {@code max / epochs} of the largest weight are never sampled and dropped.
 *
 * <p>What differs from umap-learn, so that it runs on all threads and a seed gives the same layout
 * with any number of them: umap-learn samples a directed edge {@code (i, j)} and moves both ends;
 * here each cell is moved only by the edges of its own row, by twice the gradient (the graph is
 * symmetric: {@code (j, i)} is sampled on the same epochs, so each end moves as much as in
 * umap-learn), and the other ends are read from the layout as it was at the start of the epoch. Cells
 * are cut into fixed parts, and negative samples come from a random stream per cell and epoch.
 * umap-learn itself optimises single-threaded when a seed is given.
 */
final class UmapOptimizer {

    /** umap-learn's {@code find_ab_params(spread=1, min_dist=0.1)}, the defaults SpatialX and scanpy use. */
    static final double A = 1.5769434601962196;
    /** See {@link #A}. */
    static final double B = 0.8950608779914887;
    static final int NEGATIVE_SAMPLE_RATE = 5;
    static final double REPULSION_STRENGTH = 1;
    private static final double CLIP = 4;
    private static final int CELLS_PER_PART = 1024;

    private UmapOptimizer() {
    }

    /** umap-learn's default number of epochs: 500 up to 10,000 cells, 200 above. */
    static int defaultEpochs(int cells) {
        return cells <= 10_000 ? 500 : 200;
    }

    /**
     * Optimises {@code layout} ({@code n x dims}, row-major, modified in place) for {@code graph}.
     *
     * @param epochDone receives the number of each finished epoch
     */
    static void optimize(SparseGraph graph, float[] layout, int dims, int epochs, long seed, Workers workers,
            IntConsumer epochDone) {
        int n = graph.cells();
        int[] indptr = graph.indptr();
        int[] indices = graph.indices();
        double[] weights = graph.weights();
        double max = 0;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        int edges = indices.length;
        // epochs between samples of each edge (-1: never), and when each edge is sampled next
        float[] perSample = new float[edges];
        float[] nextSample = new float[edges];
        float[] nextNegative = new float[edges];
        double threshold = max / epochs;
        for (int e = 0; e < edges; e++) {
            if (weights[e] >= threshold && weights[e] > 0) {
                perSample[e] = (float) (max / weights[e]);
                nextSample[e] = perSample[e];
                nextNegative[e] = perSample[e] / NEGATIVE_SAMPLE_RATE;
            } else {
                perSample[e] = -1;
            }
        }
        float[] previous = new float[layout.length];
        int parts = Math.max(1, (n + CELLS_PER_PART - 1) / CELLS_PER_PART);
        for (int epoch = 0; epoch < epochs; epoch++) {
            System.arraycopy(layout, 0, previous, 0, layout.length);
            double alpha = 1.0 - (double) epoch / epochs;
            int current = epoch;
            workers.forParts(n, parts, (part, from, to) -> {
                double[] position = new double[dims];
                for (int cell = from; cell < to; cell++) {
                    for (int d = 0; d < dims; d++) {
                        position[d] = layout[cell * dims + d];
                    }
                    long random = seed ^ (current * 0xD1B54A32D192ED03L) ^ (cell * 0x9E3779B97F4A7C15L);
                    for (int e = indptr[cell]; e < indptr[cell + 1]; e++) {
                        if (perSample[e] < 0 || nextSample[e] > current) {
                            continue;
                        }
                        attract(position, previous, indices[e] * dims, dims, alpha);
                        nextSample[e] += perSample[e];
                        float perNegative = perSample[e] / NEGATIVE_SAMPLE_RATE;
                        int negatives = (int) ((current - nextNegative[e]) / perNegative);
                        for (int s = 0; s < negatives; s++) {
                            random += 0x9E3779B97F4A7C15L;
                            int other = (int) (((mix(random) >>> 33) * n) >>> 31);
                            if (other != cell) {
                                repel(position, previous, other * dims, dims, alpha);
                            }
                        }
                        nextNegative[e] += negatives * perNegative;
                    }
                    for (int d = 0; d < dims; d++) {
                        layout[cell * dims + d] = (float) position[d];
                    }
                }
            });
            epochDone.accept(epoch + 1);
        }
    }

    private static void attract(double[] position, float[] layout, int other, int dims, double alpha) {
        double squared = 0;
        for (int d = 0; d < dims; d++) {
            double diff = position[d] - layout[other + d];
            squared += diff * diff;
        }
        if (squared <= 0) {
            return;
        }
        double powB = Math.pow(squared, B);
        double coefficient = -2 * A * B * powB / squared / (A * powB + 1);
        for (int d = 0; d < dims; d++) {
            // twice: this cell's move for both directed copies of the edge (see the class comment)
            position[d] += 2 * clip(coefficient * (position[d] - layout[other + d])) * alpha;
        }
    }

    private static void repel(double[] position, float[] layout, int other, int dims, double alpha) {
        double squared = 0;
        for (int d = 0; d < dims; d++) {
            double diff = position[d] - layout[other + d];
            squared += diff * diff;
        }
        if (squared > 0) {
            double coefficient = 2 * REPULSION_STRENGTH * B / ((0.001 + squared) * (A * Math.pow(squared, B) + 1));
            for (int d = 0; d < dims; d++) {
                position[d] += clip(coefficient * (position[d] - layout[other + d])) * alpha;
            }
        } else {
            // two cells at the same place: umap-learn pushes by the largest step
            for (int d = 0; d < dims; d++) {
                position[d] += CLIP * alpha;
            }
        }
    }

    private static double clip(double value) {
        return value > CLIP ? CLIP : value < -CLIP ? -CLIP : value;
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
