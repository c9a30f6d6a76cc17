package org.spatialx.analysis.de;

/** Stable orderings of indices by a {@code double} key, without boxing (a merge sort of {@code int}s). */
final class IndexOrder {

    private IndexOrder() {
    }

    /**
     * The indices {@code 0 .. keys.length-1} ordered by their key, increasing or decreasing; equal keys
     * keep index order. Keys must not be NaN.
     */
    static int[] of(double[] keys, boolean decreasing) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] scratch = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int left = 0; left < n - width; left += 2 * width) {
                merge(keys, decreasing, order, scratch, left, left + width, Math.min(left + 2 * width, n));
            }
        }
        return order;
    }

    private static void merge(double[] keys, boolean decreasing, int[] order, int[] scratch, int left, int middle,
            int right) {
        System.arraycopy(order, left, scratch, left, right - left);
        int i = left;
        int j = middle;
        for (int out = left; out < right; out++) {
            boolean takeRight = i >= middle
                    || j < right && (decreasing ? keys[scratch[j]] > keys[scratch[i]]
                            : keys[scratch[j]] < keys[scratch[i]]);
            order[out] = takeRight ? scratch[j++] : scratch[i++];
        }
    }
}
