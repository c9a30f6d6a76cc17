package org.spatialx.analysis.clustering;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Relabelling of cluster memberships. */
public final class ClusterLabels {

    private ClusterLabels() {
    }

    /**
     * Renumbers the clusters of {@code membership} (any non-negative labels) to {@code 0 .. n-1} in
     * order of first label, keeping their relative order; returns {@code n}.
     */
    static int compact(int[] membership) {
        int max = -1;
        for (int label : membership) {
            max = Math.max(max, label);
        }
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        for (int label : membership) {
            map[label] = 0;
        }
        int count = 0;
        for (int label = 0; label <= max; label++) {
            if (map[label] == 0) {
                map[label] = count++;
            }
        }
        for (int i = 0; i < membership.length; i++) {
            membership[i] = map[membership[i]];
        }
        return count;
    }

    /**
     * Numbers clusters by size as scanpy shows them: the largest is 0; among equal sizes, the one whose
     * first cell comes first gets the lower number.
     */
    public static int[] bySize(int[] membership) {
        int[] labels = membership.clone();
        int count = compact(labels);
        int[] size = new int[count];
        int[] first = new int[count];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int cell = 0; cell < labels.length; cell++) {
            size[labels[cell]]++;
            first[labels[cell]] = Math.min(first[labels[cell]], cell);
        }
        Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(c -> -size[c]).thenComparingInt(c -> first[c]));
        int[] rank = new int[count];
        for (int r = 0; r < count; r++) {
            rank[order[r]] = r;
        }
        for (int cell = 0; cell < labels.length; cell++) {
            labels[cell] = rank[labels[cell]];
        }
        return labels;
    }

    /** Number of cells per cluster of labels {@code 0 .. n-1}. */
    public static int[] sizes(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        int[] sizes = new int[max + 1];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }
}
