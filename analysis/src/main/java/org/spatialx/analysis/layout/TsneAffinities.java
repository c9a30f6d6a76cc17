package org.spatialx.analysis.layout;

import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.KnnGraph;

/**
 * t-SNE's input affinities from each cell's nearest neighbours, as scikit-learn's
 * {@code _joint_probabilities_nn}: per cell, a Gaussian over the squared distances to its neighbours
 * whose precision is found by bisection so that the distribution's perplexity ({@code exp} of its
 * entropy) is the one asked for (100 steps at most, entropy within 1e-5); then {@code P + P^T},
 * normalised to sum to 1. Stored as compressed sparse rows with single-precision values (as
 * scikit-learn does): the affinities are the largest array of a t-SNE.
 *
 * @param cells   number of cells
 * @param indptr  row pointers
 * @param indices the neighbour of each entry
 * @param values  the joint probability of each entry
 */
record TsneAffinities(int cells, int[] indptr, int[] indices, float[] values) {

    private static final int STEPS = 100;
    private static final double TOLERANCE = 1e-5;

    /** The joint probabilities of {@code knn} for {@code perplexity} (below {@code knn.k()}). */
    static TsneAffinities of(KnnGraph knn, double perplexity, Workers workers) {
        int n = knn.cells();
        int k = knn.k();
        float[] conditional = new float[n * k];
        double target = Math.log(perplexity);
        workers.forRange(n, (part, from, to) -> {
            double[] squared = new double[k];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < k; j++) {
                    double d = knn.distance(i, j);
                    squared[j] = d * d;
                }
                conditional(squared, target, conditional, i * k);
            }
        });
        return symmetrised(knn, conditional, workers);
    }

    /** One cell's conditional probabilities over its neighbours, written from {@code out[at]}. */
    private static void conditional(double[] squared, double targetEntropy, float[] out, int at) {
        int k = squared.length;
        double[] p = new double[k];
        double beta = 1;
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        for (int step = 0; step < STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < k; j++) {
                p[j] = Math.exp(-squared[j] * beta);
                sum += p[j];
            }
            if (sum == 0) {
                sum = 1e-8;
            }
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
                weighted += squared[j] * p[j];
            }
            double entropy = Math.log(sum) + beta * weighted;
            double difference = entropy - targetEntropy;
            if (Math.abs(difference) <= TOLERANCE || step == STEPS - 1) {
                break;
            }
            if (difference > 0) {
                low = beta;
                beta = high == Double.POSITIVE_INFINITY ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = low == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + low) / 2;
            }
        }
        for (int j = 0; j < k; j++) {
            out[at + j] = (float) p[j];
        }
    }

    /** {@code (P + P^T) / sum}, rows sorted by neighbour. */
    private static TsneAffinities symmetrised(KnnGraph knn, float[] conditional, Workers workers) {
        int n = knn.cells();
        int k = knn.k();
        int[] neighbours = knn.indices();
        // incoming entries of every cell (the transpose), by a counting sort on the target
        int[] incomingPtr = new int[n + 1];
        for (int target : neighbours) {
            incomingPtr[target + 1]++;
        }
        for (int i = 0; i < n; i++) {
            incomingPtr[i + 1] += incomingPtr[i];
        }
        int[] incomingFrom = new int[n * k];
        float[] incomingValue = new float[n * k];
        int[] fill = java.util.Arrays.copyOf(incomingPtr, n);
        for (int source = 0; source < n; source++) {
            for (int j = 0; j < k; j++) {
                int at = fill[neighbours[source * k + j]]++;
                incomingFrom[at] = source;
                incomingValue[at] = conditional[source * k + j];
            }
        }
        // each row: its own k entries merged with its incoming ones (already ascending by source)
        int[] rowLength = new int[n];
        workers.forRange(n, (part, from, to) -> {
            long[] sorted = new long[k];
            for (int i = from; i < to; i++) {
                rowLength[i] = merge(i, k, neighbours, conditional, incomingPtr, incomingFrom, incomingValue, sorted,
                        null, null, 0);
            }
        });
        int[] indptr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            indptr[i + 1] = Math.addExact(indptr[i], rowLength[i]);
        }
        int[] indices = new int[indptr[n]];
        float[] values = new float[indptr[n]];
        workers.forRange(n, (part, from, to) -> {
            long[] sorted = new long[k];
            for (int i = from; i < to; i++) {
                merge(i, k, neighbours, conditional, incomingPtr, incomingFrom, incomingValue, sorted, indices, values,
                        indptr[i]);
            }
        });
        double total = workers.sumOverParts(n, 64, 1, (from, to, sums) -> {
            for (int e = indptr[from]; e < indptr[to]; e++) {
                sums[0] += values[e];
            }
        })[0];
        double scale = 1 / Math.max(total, Math.ulp(1.0));
        workers.forRange(values.length, (part, from, to) -> {
            for (int e = from; e < to; e++) {
                values[e] = (float) (values[e] * scale);
            }
        });
        return new TsneAffinities(n, indptr, indices, values);
    }

    /** Merges row {@code i}'s own entries (sorted into {@code sorted}) with its incoming ones; returns the length. */
    private static int merge(int i, int k, int[] neighbours, float[] conditional, int[] incomingPtr,
            int[] incomingFrom, float[] incomingValue, long[] sorted, int[] indices, float[] values, int out) {
        for (int j = 0; j < k; j++) {
            sorted[j] = (long) neighbours[i * k + j] << 32 | j;
        }
        java.util.Arrays.sort(sorted);
        int a = 0;
        int b = incomingPtr[i];
        int end = incomingPtr[i + 1];
        int written = 0;
        while (a < k || b < end) {
            int own = a < k ? (int) (sorted[a] >>> 32) : Integer.MAX_VALUE;
            int incoming = b < end ? incomingFrom[b] : Integer.MAX_VALUE;
            int column = Math.min(own, incoming);
            double value = 0;
            if (own == column) {
                value += conditional[i * k + (int) sorted[a++]];
            }
            if (incoming == column) {
                value += incomingValue[b++];
            }
            if (indices != null) {
                indices[out + written] = column;
                values[out + written] = (float) value;
            }
            written++;
        }
        return written;
    }

    /** Number of stored entries. */
    int entries() {
        return indices.length;
    }
}
