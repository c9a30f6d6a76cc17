package org.spatialx.analysis.neighbors;

import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * Exact k nearest neighbours by brute force, parallel over the query points. Candidates are ranked
 * by distances computed from single-precision coordinates, a tile of 256 points at a time
 * ({@link CandidateBlock}: vectorised), as sklearn's and pynndescent's float32 searches do; the
 * reported distances of the chosen neighbours are then computed in double precision, and they are
 * ordered by (distance, index).
 */
public final class ExactNeighbors {

    private static final int TILE = 256;

    private ExactNeighbors() {
    }

    /** The exact {@code k} nearest neighbours of every point of {@code points} among the others. */
    public static KnnGraph of(DenseMatrix points, int k, Workers workers) {
        int[] all = new int[points.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return forQueries(points, all, k, workers);
    }

    /**
     * The exact {@code k} nearest neighbours of the points {@code queries} (row numbers of
     * {@code points}) among all other points: row {@code q} of the result belongs to
     * {@code queries[q]}. Used to measure the recall of approximate neighbours on a sample.
     */
    public static KnnGraph forQueries(DenseMatrix points, int[] queries, int k, Workers workers) {
        int n = points.rows();
        int dims = points.cols();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k = " + k + " neighbours need more than k points; there are " + n);
        }
        double[] x = points.values();
        float[] single = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            single[i] = (float) x[i];
        }
        CandidateBlock[] tiles = new CandidateBlock[(n + TILE - 1) / TILE];
        workers.forRange(tiles.length, (part, from, to) -> {
            for (int t = from; t < to; t++) {
                tiles[t] = new CandidateBlock(single, dims, TILE);
                for (int i = t * TILE; i < Math.min(n, (t + 1) * TILE); i++) {
                    tiles[t].add(i);
                }
            }
        });
        int[] indices = new int[queries.length * k];
        double[] distances = new double[queries.length * k];
        workers.forRange(queries.length, (part, from, to) -> {
            int[] heapIndex = new int[k];
            double[] heapDistance = new double[k];
            double[] d = new double[TILE];
            for (int q = from; q < to; q++) {
                int query = queries[q];
                int size = 0;
                for (int t = 0; t < tiles.length; t++) {
                    CandidateBlock tile = tiles[t];
                    tile.distancesTo(single, query, d);
                    for (int m = 0; m < tile.size(); m++) {
                        int j = t * TILE + m;
                        if (j == query) {
                            continue;
                        }
                        if (size < k) {
                            heapIndex[size] = j;
                            heapDistance[size] = d[m];
                            siftUp(heapIndex, heapDistance, size++);
                        } else if (d[m] < heapDistance[0]) {
                            heapIndex[0] = j;
                            heapDistance[0] = d[m];
                            siftDown(heapIndex, heapDistance, 0, k);
                        }
                    }
                }
                for (int j = 0; j < k; j++) {
                    heapDistance[j] = Distances.squared(x, query, x, heapIndex[j], dims);
                }
                // heap order by the recomputed distances, then a heap sort into ascending order
                for (int j = 1; j < k; j++) {
                    siftUp(heapIndex, heapDistance, j);
                }
                sortAscending(heapIndex, heapDistance, k);
                for (int j = 0; j < k; j++) {
                    indices[q * k + j] = heapIndex[j];
                    distances[q * k + j] = Math.sqrt(heapDistance[j]);
                }
                if ((q & 0xFF) == 0) {
                    workers.checkCancelled();
                }
            }
        });
        return new KnnGraph(queries.length, k, indices, distances);
    }

    /** Whether (d1, i1) comes after (d2, i2) in the order of (distance, index). */
    private static boolean after(double d1, int i1, double d2, int i2) {
        return d1 > d2 || d1 == d2 && i1 > i2;
    }

    private static void siftUp(int[] index, double[] distance, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!after(distance[at], index[at], distance[parent], index[parent])) {
                return;
            }
            swap(index, distance, at, parent);
            at = parent;
        }
    }

    private static void siftDown(int[] index, double[] distance, int at, int size) {
        while (true) {
            int left = 2 * at + 1;
            int largest = at;
            if (left < size && after(distance[left], index[left], distance[largest], index[largest])) {
                largest = left;
            }
            if (left + 1 < size && after(distance[left + 1], index[left + 1], distance[largest], index[largest])) {
                largest = left + 1;
            }
            if (largest == at) {
                return;
            }
            swap(index, distance, at, largest);
            at = largest;
        }
    }

    /** Heap sort of a max-heap into ascending (distance, index) order. */
    private static void sortAscending(int[] index, double[] distance, int size) {
        for (int end = size - 1; end > 0; end--) {
            swap(index, distance, 0, end);
            siftDown(index, distance, 0, end);
        }
    }

    private static void swap(int[] index, double[] distance, int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        double d = distance[a];
        distance[a] = distance[b];
        distance[b] = d;
    }
}
