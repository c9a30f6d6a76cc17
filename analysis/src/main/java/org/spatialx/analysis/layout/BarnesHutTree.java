package org.spatialx.analysis.layout;

import java.util.Arrays;
import org.spatialx.analysis.parallel.Workers;

/**
 * The repulsive forces of t-SNE by the Barnes-Hut approximation (van der Maaten 2014), as scikit-learn's
 * {@code method="barnes_hut"} computes them with {@code angle=0.5}: a quadtree over the layout, and for
 * each cell, a depth-first walk that takes a node's centre of mass in place of its cells when the
 * node's side is less than {@code angle} times its distance; leaves hold up to {@value #LEAF_SIZE} cells,
 * summarised by the same test or else taken one by one.
 *
 * <p>The tree is built from the cells sorted along a Z-order (Morton) curve of 15 bits per axis: a
 * node is a run of that order, its children the sub-runs that share two more bits. Nodes are stored
 * in depth-first order with the index just past their subtree, so the walk is a loop over arrays. The
 * previous iteration's order is the next one's starting point: the layout moves little between
 * iterations, and a nearly sorted array sorts in nearly linear time. Cells are walked in tree order,
 * in fixed parts: neighbouring cells walk nearly the same nodes, and the sums do not depend on the
 * number of threads.
 */
final class BarnesHutTree {

    static final double ANGLE = 0.5;
    static final int LEAF_SIZE = 8;
    private static final int LEVELS = 15;
    private static final int CELLS_PER_PART = 2048;

    private final int n;
    private long[] keys;
    private final int[] order;
    private final double[] sortedX;
    private final double[] sortedY;
    private int nodes;
    private double[] massX = new double[64];
    private double[] massY = new double[64];
    private double[] size = new double[64];
    private int[] count = new int[64];
    private int[] skip = new int[64];
    private int[] first = new int[64];
    private boolean[] leaf = new boolean[64];
    private double side;

    BarnesHutTree(int cells) {
        this.n = cells;
        this.keys = new long[cells];
        this.order = new int[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
        }
        this.sortedX = new double[cells];
        this.sortedY = new double[cells];
    }

    /**
     * The repulsion of {@code layout} ({@code n x 2}): writes {@code sum_j q_ij^2 (y_i - y_j)} into
     * {@code forces} and returns {@code Z = sum_{i != j} q_ij}, where {@code q_ij = 1 / (1 + |y_i - y_j|^2)}.
     */
    double repulsion(double[] layout, double[] forces, Workers workers) {
        build(layout);
        int parts = Math.max(1, (n + CELLS_PER_PART - 1) / CELLS_PER_PART);
        double[] partial = new double[parts];
        double angleSquared = ANGLE * ANGLE;
        workers.forParts(n, parts, (part, from, to) -> {
            double z = 0;
            for (int s = from; s < to; s++) {
                double px = sortedX[s];
                double py = sortedY[s];
                double fx = 0;
                double fy = 0;
                int node = 0;
                while (node < nodes) {
                    double dx = px - massX[node];
                    double dy = py - massY[node];
                    double d2 = dx * dx + dy * dy;
                    double width = size[node];
                    if (width * width < angleSquared * d2) {
                        double q = 1 / (1 + d2);
                        double weighted = count[node] * q;
                        z += weighted;
                        fx += weighted * q * dx;
                        fy += weighted * q * dy;
                        node = skip[node];
                    } else if (leaf[node]) {
                        for (int t = first[node], end = first[node] + count[node]; t < end; t++) {
                            if (t != s) {
                                double ex = px - sortedX[t];
                                double ey = py - sortedY[t];
                                double q = 1 / (1 + ex * ex + ey * ey);
                                z += q;
                                fx += q * q * ex;
                                fy += q * q * ey;
                            }
                        }
                        node = skip[node];
                    } else {
                        node++;
                    }
                }
                int cell = order[s];
                forces[2 * cell] = fx;
                forces[2 * cell + 1] = fy;
            }
            partial[part] = z;
        });
        double z = 0;
        for (double value : partial) {
            z += value;
        }
        return z;
    }

    private void build(double[] layout) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, layout[2 * i]);
            maxX = Math.max(maxX, layout[2 * i]);
            minY = Math.min(minY, layout[2 * i + 1]);
            maxY = Math.max(maxY, layout[2 * i + 1]);
        }
        side = Math.max(maxX - minX, maxY - minY);
        if (!(side > 0)) {
            side = 1;
        }
        double scale = (1 << LEVELS) / (side * (1 + 1e-9));
        int limit = (1 << LEVELS) - 1;
        for (int s = 0; s < n; s++) {
            int cell = order[s];
            int qx = Math.min(limit, (int) ((layout[2 * cell] - minX) * scale));
            int qy = Math.min(limit, (int) ((layout[2 * cell + 1] - minY) * scale));
            keys[s] = (interleave(qx) | interleave(qy) << 1) << 32 | cell;
        }
        Arrays.sort(keys);
        for (int s = 0; s < n; s++) {
            int cell = (int) keys[s];
            order[s] = cell;
            sortedX[s] = layout[2 * cell];
            sortedY[s] = layout[2 * cell + 1];
        }
        nodes = 0;
        node(0, n, 0);
    }

    /** Adds the node of sorted cells {@code lo .. hi-1} at {@code level} and its subtree; returns its index. */
    private int node(int lo, int hi, int level) {
        int id = nodes++;
        ensureCapacity(nodes);
        size[id] = side / (1 << level);
        count[id] = hi - lo;
        first[id] = lo;
        double sx = 0;
        double sy = 0;
        if (hi - lo <= LEAF_SIZE || level == LEVELS) {
            leaf[id] = true;
            for (int s = lo; s < hi; s++) {
                sx += sortedX[s];
                sy += sortedY[s];
            }
        } else {
            leaf[id] = false;
            int shift = 32 + 2 * (LEVELS - 1 - level);
            int start = lo;
            while (start < hi) {
                long quadrant = keys[start] >>> shift & 3;
                int end = start + 1;
                // the run of this quadrant: exponential then binary search (the keys are sorted)
                int step = 1;
                while (end < hi && (keys[Math.min(hi - 1, end + step - 1)] >>> shift & 3) == quadrant) {
                    end = Math.min(hi, end + step);
                    step *= 2;
                }
                int low = end;
                int high = Math.min(hi, end + step);
                while (low < high) {
                    int mid = (low + high) >>> 1;
                    if ((keys[mid] >>> shift & 3) == quadrant) {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
                end = low;
                int child = node(start, end, level + 1);
                sx += massX[child] * count[child];
                sy += massY[child] * count[child];
                start = end;
            }
        }
        massX[id] = sx / (hi - lo);
        massY[id] = sy / (hi - lo);
        skip[id] = nodes;
        return id;
    }

    private void ensureCapacity(int wanted) {
        if (wanted <= massX.length) {
            return;
        }
        int capacity = Math.max(wanted, massX.length * 2);
        massX = Arrays.copyOf(massX, capacity);
        massY = Arrays.copyOf(massY, capacity);
        size = Arrays.copyOf(size, capacity);
        count = Arrays.copyOf(count, capacity);
        skip = Arrays.copyOf(skip, capacity);
        first = Arrays.copyOf(first, capacity);
        leaf = Arrays.copyOf(leaf, capacity);
    }

    /** The low bits of {@code v} (15 used) spread to the even bits. */
    private static long interleave(int v) {
        long x = v & 0xFFFFL;
        x = (x | x << 8) & 0x00FF00FFL;
        x = (x | x << 4) & 0x0F0F0F0FL;
        x = (x | x << 2) & 0x33333333L;
        x = (x | x << 1) & 0x55555555L;
        return x;
    }
}
