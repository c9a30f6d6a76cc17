package org.spatialx.analysis.neighbors;

import java.util.SplittableRandom;

/**
 * A random projection tree (Dasgupta and Freund 2008, in the form pynndescent uses to start
 * NN-descent): the points are split recursively by the hyperplane equidistant from two random
 * points of the node until at most {@code leafSize} remain. Points in the same leaf are likely
 * near each other; their pairs seed the neighbour heaps.
 *
 * @param order  the points, permuted so that every leaf is a contiguous range
 * @param leaves leaf boundaries: leaf {@code l} is {@code order[leaves[l] .. leaves[l+1])}
 */
record RandomProjectionTree(int[] order, int[] leaves) {

    private static final float EPSILON = 1e-8f;

    /** Number of leaves. */
    int leafCount() {
        return leaves.length - 1;
    }

    /** A tree over the {@code n} rows of {@code points} ({@code dims} columns), its splits drawn from {@code seed}. */
    static RandomProjectionTree build(float[] points, int n, int dims, int leafSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] stack = new int[128];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = n;
        java.util.ArrayList<int[]> ranges = new java.util.ArrayList<>();
        float[] normal = new float[dims];
        while (top > 0) {
            int end = stack[--top];
            int start = stack[--top];
            if (end - start <= leafSize) {
                ranges.add(new int[] {start, end});
                continue;
            }
            int mid = split(points, dims, order, start, end, normal, random);
            if (top + 4 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
            }
            // the right half is pushed first so that leaves come out left to right
            stack[top++] = mid;
            stack[top++] = end;
            stack[top++] = start;
            stack[top++] = mid;
        }
        int[] leaves = new int[ranges.size() + 1];
        for (int l = 0; l < ranges.size(); l++) {
            leaves[l] = ranges.get(l)[0];
        }
        leaves[ranges.size()] = n;
        return new RandomProjectionTree(order, leaves);
    }

    /** Partitions {@code order[start..end)} by a random hyperplane; returns the first index of the right side. */
    private static int split(float[] points, int dims, int[] order, int start, int end, float[] normal,
            SplittableRandom random) {
        int size = end - start;
        int leftAt = random.nextInt(size);
        int rightAt = random.nextInt(size - 1);
        if (rightAt >= leftAt) {
            rightAt++;
        }
        int left = order[start + leftAt];
        int right = order[start + rightAt];
        float offset = 0;
        for (int d = 0; d < dims; d++) {
            float l = points[left * dims + d];
            float r = points[right * dims + d];
            normal[d] = l - r;
            offset -= normal[d] * (l + r) / 2;
        }
        int lo = start;
        int hi = end - 1;
        while (lo <= hi) {
            int p = order[lo];
            float margin = offset;
            for (int d = 0; d < dims; d++) {
                margin += normal[d] * points[p * dims + d];
            }
            boolean goesLeft = Math.abs(margin) < EPSILON ? random.nextBoolean() : margin > 0;
            if (goesLeft) {
                lo++;
            } else {
                order[lo] = order[hi];
                order[hi--] = p;
            }
        }
        if (lo == start || lo == end) {
            // no useful hyperplane (duplicates): split in half, which still bounds the leaf size
            return start + size / 2;
        }
        return lo;
    }
}
