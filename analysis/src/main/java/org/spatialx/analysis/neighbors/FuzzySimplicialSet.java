package org.spatialx.analysis.neighbors;

import java.util.Arrays;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/**
 * UMAP's fuzzy simplicial set of a kNN graph (McInnes, Healy and Melville 2018): the weighted,
 * symmetric neighbour graph that scanpy stores as {@code obsp["connectivities"]} and that Leiden,
 * Louvain and UMAP use, computed as umap-learn's {@code fuzzy_simplicial_set} does.
 *
 * <p>umap-learn's kNN lists include the cell itself at distance 0; a {@link KnnGraph} does not, so
 * {@code n_neighbors} of umap-learn corresponds to a graph of {@code k = n_neighbors - 1} and the
 * computation below puts the cell back where it matters: for each cell, {@code rho} is the distance
 * to its {@code local_connectivity}-th nearest neighbour at a non-zero distance (interpolated for a
 * fractional value), and {@code sigma} is found by bisection (64 steps) so that
 * {@code sum_j exp(-(d_j - rho) / sigma) = log2(k + 1)} over the {@code k} neighbours, with
 * umap-learn's floor of 1e-3 times the mean neighbour distance (the mean over k + 1 entries
 * including the zero to itself, as umap-learn's arrays have them). The membership of neighbour j is
 * {@code exp(-(d_j - rho) / sigma)} (1 at or below {@code rho}), and the union
 * {@code A + A^T - A o A^T} makes it symmetric.
 */
public final class FuzzySimplicialSet {

    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    private static final double MIN_K_DIST_SCALE = 1e-3;
    private static final int BISECTION_STEPS = 64;

    private FuzzySimplicialSet() {
    }

    /**
     * The connectivities of {@code knn}.
     *
     * @param localConnectivity how many nearest neighbours every cell is assumed connected to (umap-learn's 1 by default)
     */
    public static SparseGraph connectivities(KnnGraph knn, double localConnectivity, Workers workers) {
        int n = knn.cells();
        int k = knn.k();
        double[] d = knn.distances();
        double globalMean = 0;
        for (double value : d) {
            globalMean += value;
        }
        globalMean /= (double) n * (k + 1);
        double meanDistance = globalMean;
        double[] membership = new double[n * k];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                memberships(d, i * k, k, localConnectivity, meanDistance, knn.indices(), i, membership);
            }
        });
        return union(knn, membership, workers);
    }

    /** rho, sigma and the memberships of one cell's neighbours {@code d[base .. base + k)} (ascending). */
    private static void memberships(double[] d, int base, int k, double localConnectivity, double globalMean,
            int[] indices, int cell, double[] membership) {
        int firstNonZero = 0;
        while (firstNonZero < k && d[base + firstNonZero] <= 0) {
            firstNonZero++;
        }
        int nonZero = k - firstNonZero;
        double rho = 0;
        if (nonZero >= localConnectivity) {
            int index = (int) Math.floor(localConnectivity);
            double interpolation = localConnectivity - index;
            if (index > 0) {
                rho = d[base + firstNonZero + index - 1];
                if (interpolation > SMOOTH_K_TOLERANCE) {
                    rho += interpolation * (d[base + firstNonZero + index] - d[base + firstNonZero + index - 1]);
                }
            } else {
                rho = interpolation * d[base + firstNonZero];
            }
        } else if (nonZero > 0) {
            rho = d[base + k - 1];
        }
        double target = Math.log(k + 1) / Math.log(2);
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mid = 1;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double gap = d[base + j] - rho;
                sum += gap > 0 ? Math.exp(-(gap / mid)) : 1;
            }
            if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) {
                break;
            }
            if (sum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
            }
        }
        double sigma = mid;
        if (rho > 0) {
            double mean = 0;
            for (int j = 0; j < k; j++) {
                mean += d[base + j];
            }
            mean /= k + 1;
            sigma = Math.max(sigma, MIN_K_DIST_SCALE * mean);
        } else {
            sigma = Math.max(sigma, MIN_K_DIST_SCALE * globalMean);
        }
        for (int j = 0; j < k; j++) {
            double gap = d[base + j] - rho;
            membership[base + j] = indices[base + j] == cell ? 0 : gap <= 0 || sigma == 0 ? 1 : Math.exp(-(gap / sigma));
        }
    }

    /** {@code A + A^T - A o A^T} in compressed sparse rows, zero weights dropped. */
    private static SparseGraph union(KnnGraph knn, double[] membership, Workers workers) {
        int n = knn.cells();
        int k = knn.k();
        int[] neighbours = knn.indices();
        // A's rows sorted by column
        int[] rowColumns = new int[n * k];
        double[] rowWeights = new double[n * k];
        workers.forRange(n, (part, from, to) -> {
            long[] keys = new long[k];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < k; j++) {
                    keys[j] = (long) neighbours[i * k + j] << 32 | j;
                }
                Arrays.sort(keys);
                for (int j = 0; j < k; j++) {
                    int original = (int) (keys[j] & 0xFFFFFFFFL);
                    rowColumns[i * k + j] = (int) (keys[j] >>> 32);
                    rowWeights[i * k + j] = membership[i * k + original];
                }
            }
        });
        // A^T: the cells that have i among their neighbours, in ascending order (a counting sort by target)
        int[] transposePtr = new int[n + 1];
        for (int target : neighbours) {
            transposePtr[target + 1]++;
        }
        for (int i = 0; i < n; i++) {
            transposePtr[i + 1] += transposePtr[i];
        }
        int[] transposeColumns = new int[n * k];
        double[] transposeWeights = new double[n * k];
        int[] fill = Arrays.copyOf(transposePtr, n);
        for (int source = 0; source < n; source++) {
            for (int j = 0; j < k; j++) {
                int target = rowColumns[source * k + j];
                int at = fill[target]++;
                transposeColumns[at] = source;
                transposeWeights[at] = rowWeights[source * k + j];
            }
        }
        int[] counts = new int[n + 1];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                counts[i + 1] = mergeRow(i, k, rowColumns, rowWeights, transposePtr, transposeColumns, transposeWeights,
                        null, null, 0);
            }
        });
        for (int i = 0; i < n; i++) {
            counts[i + 1] += counts[i];
        }
        int[] indices = new int[counts[n]];
        double[] weights = new double[counts[n]];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                mergeRow(i, k, rowColumns, rowWeights, transposePtr, transposeColumns, transposeWeights, indices, weights,
                        counts[i]);
            }
        });
        return new SparseGraph(n, counts, indices, weights);
    }

    /**
     * Merges row {@code i} of A with row {@code i} of A^T; writes the non-zero unions from
     * {@code out} when {@code indices} is given; returns how many there are.
     */
    private static int mergeRow(int i, int k, int[] rowColumns, double[] rowWeights, int[] transposePtr,
            int[] transposeColumns, double[] transposeWeights, int[] indices, double[] weights, int out) {
        int a = i * k;
        int aEnd = a + k;
        int b = transposePtr[i];
        int bEnd = transposePtr[i + 1];
        int written = 0;
        while (a < aEnd || b < bEnd) {
            int column;
            double x = 0;
            double y = 0;
            if (b >= bEnd || a < aEnd && rowColumns[a] < transposeColumns[b]) {
                column = rowColumns[a];
                x = rowWeights[a++];
            } else if (a >= aEnd || transposeColumns[b] < rowColumns[a]) {
                column = transposeColumns[b];
                y = transposeWeights[b++];
            } else {
                column = rowColumns[a];
                x = rowWeights[a++];
                y = transposeWeights[b++];
            }
            double union = x + y - x * y;
            if (union != 0 && column != i) {
                if (indices != null) {
                    indices[out + written] = column;
                    weights[out + written] = union;
                }
                written++;
            }
        }
        return written;
    }
}
