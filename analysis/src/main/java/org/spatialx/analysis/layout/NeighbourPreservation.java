package org.spatialx.analysis.layout;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spatialx.analysis.neighbors.ExactNeighbors;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * How well a layout keeps the neighbours of the embedding it was computed from: over a sample of
 * cells, the fraction of each cell's {@code k} nearest neighbours in the embedding that are also among
 * its {@code k} nearest in the layout (exact in the layout). Layouts report it in their log.
 */
public final class NeighbourPreservation {

    /** Cells sampled: enough for a figure to two decimals, cheap next to the layout itself. */
    public static final int SAMPLE = 1_000;

    private NeighbourPreservation() {
    }

    /**
     * The preservation of {@code inputNeighbours} (the embedding's neighbours, nearest first; the first
     * {@code k} are used) in {@code layout}, over {@link #SAMPLE} cells drawn with {@code seed}.
     */
    public static double of(KnnGraph inputNeighbours, DenseMatrix layout, int k, long seed, Workers workers) {
        int n = layout.rows();
        int used = Math.min(k, Math.min(inputNeighbours.k(), n - 1));
        int[] sample = sample(n, Math.min(SAMPLE, n), seed);
        KnnGraph inLayout = ExactNeighbors.forQueries(layout, sample, used, workers);
        long kept = 0;
        for (int q = 0; q < sample.length; q++) {
            int[] near = new int[used];
            for (int j = 0; j < used; j++) {
                near[j] = inLayout.neighbour(q, j);
            }
            Arrays.sort(near);
            for (int j = 0; j < used; j++) {
                if (Arrays.binarySearch(near, inputNeighbours.neighbour(sample[q], j)) >= 0) {
                    kept++;
                }
            }
        }
        return kept / (double) ((long) sample.length * used);
    }

    /** {@code size} distinct cells of {@code 0 .. n-1}, ascending (Floyd's algorithm). */
    static int[] sample(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        java.util.BitSet chosen = new java.util.BitSet(n);
        for (int j = n - size; j < n; j++) {
            int t = random.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }
}
