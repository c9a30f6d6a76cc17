package org.spatialx.analysis.clustering;

import java.util.Arrays;

/**
 * The nodes of each cluster, grouped by a counting sort: cluster {@code c} holds
 * {@code nodes[start[c] .. start[c+1])}, in increasing node order.
 *
 * @param start where each cluster's nodes begin, length clusters + 1
 * @param nodes the nodes, cluster by cluster
 */
record ClusterMembers(int[] start, int[] nodes) {

    /** The members of clusters {@code 0 .. count-1} of {@code clusters}. */
    static ClusterMembers of(int[] clusters, int count) {
        int[] start = new int[count + 1];
        for (int c : clusters) {
            start[c + 1]++;
        }
        for (int c = 0; c < count; c++) {
            start[c + 1] += start[c];
        }
        int[] nodes = new int[clusters.length];
        int[] fill = Arrays.copyOf(start, count);
        for (int node = 0; node < clusters.length; node++) {
            nodes[fill[clusters[node]]++] = node;
        }
        return new ClusterMembers(start, nodes);
    }

    /** The size of the largest cluster. */
    int largest() {
        int largest = 0;
        for (int c = 0; c + 1 < start.length; c++) {
            largest = Math.max(largest, start[c + 1] - start[c]);
        }
        return largest;
    }
}
