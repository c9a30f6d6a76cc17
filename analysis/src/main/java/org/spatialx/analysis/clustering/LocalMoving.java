package org.spatialx.analysis.clustering;

import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.random.RandomNumbers;

/**
 * Moving single nodes to the neighbouring cluster that increases the quality most (RB configuration
 * / modularity with resolution: moving node j to cluster C gains
 * {@code w(j, C) - k_j K_C gamma'}, where {@code gamma'} is the resolution over the total node
 * weight). Both variants of Traag, Waltman and van Eck's networkanalysis: the queue-based fast local
 * moving of Leiden and the sweeping standard local moving of Louvain. A node may also move to an
 * empty cluster; ties keep it where it is, which guarantees termination.
 */
final class LocalMoving {

    private LocalMoving() {
    }

    /**
     * Fast local moving: every node starts in a random queue; a node that moves puts its neighbours
     * outside its new cluster back in the queue. Leaves {@code clusters} compact; returns whether a
     * node moved.
     */
    static boolean fast(Network network, int[] clusters, double resolution, SplittableRandom random, Workers workers) {
        int n = network.nodes;
        if (n <= 1) {
            return false;
        }
        State state = new State(network, clusters);
        int[] queue = RandomNumbers.permutation(n, random);
        boolean[] stable = new boolean[n];
        int unstable = n;
        int i = 0;
        boolean update = false;
        long visits = 0;
        do {
            int j = queue[i];
            int current = clusters[j];
            int best = state.bestCluster(j, resolution);
            stable[j] = true;
            unstable--;
            if (best != current) {
                state.move(j, best);
                update = true;
                for (int e = network.indptr[j]; e < network.indptr[j + 1]; e++) {
                    int neighbour = network.neighbours[e];
                    if (stable[neighbour] && clusters[neighbour] != best) {
                        stable[neighbour] = false;
                        unstable++;
                        int at = i + unstable;
                        queue[at < n ? at : at - n] = neighbour;
                    }
                }
            }
            i = i < n - 1 ? i + 1 : 0;
            if ((++visits & 0xFFFF) == 0) {
                workers.checkCancelled();
            }
        } while (unstable > 0);
        ClusterLabels.compact(clusters);
        return update;
    }

    /**
     * Standard local moving: sweeps over the nodes in one random order until {@code n} consecutive
     * nodes stay where they are. Leaves {@code clusters} compact; returns whether a node moved.
     */
    static boolean standard(Network network, int[] clusters, double resolution, SplittableRandom random,
            Workers workers) {
        int n = network.nodes;
        if (n <= 1) {
            return false;
        }
        State state = new State(network, clusters);
        int[] order = RandomNumbers.permutation(n, random);
        int stableInARow = 0;
        int i = 0;
        boolean update = false;
        long visits = 0;
        do {
            int j = order[i];
            int best = state.bestCluster(j, resolution);
            if (best != clusters[j]) {
                state.move(j, best);
                update = true;
                stableInARow = 0;
            } else {
                stableInARow++;
            }
            i = i < n - 1 ? i + 1 : 0;
            if ((++visits & 0xFFFF) == 0) {
                workers.checkCancelled();
            }
        } while (stableInARow < n);
        ClusterLabels.compact(clusters);
        return update;
    }

    /** Cluster weights and sizes, the pool of empty clusters, and the scratch arrays of a move. */
    private static final class State {
        private final Network network;
        private final int[] clusters;
        private final double[] clusterWeights;
        private final int[] clusterSizes;
        private final int[] unused;
        private int unusedCount;
        private final double[] edgeWeightTo;
        private final int[] touched;

        State(Network network, int[] clusters) {
            int n = network.nodes;
            this.network = network;
            this.clusters = clusters;
            this.clusterWeights = new double[n];
            this.clusterSizes = new int[n];
            for (int i = 0; i < n; i++) {
                clusterWeights[clusters[i]] += network.nodeWeights[i];
                clusterSizes[clusters[i]]++;
            }
            this.unused = new int[n];
            for (int c = n - 1; c >= 0; c--) {
                if (clusterSizes[c] == 0) {
                    unused[unusedCount++] = c;
                }
            }
            this.edgeWeightTo = new double[n];
            this.touched = new int[n];
        }

        /** Takes {@code j} out of its cluster and returns the cluster that gains most for it (its own on ties). */
        int bestCluster(int j, double resolution) {
            int current = clusters[j];
            double nodeWeight = network.nodeWeights[j];
            clusterWeights[current] -= nodeWeight;
            clusterSizes[current]--;
            if (clusterSizes[current] == 0) {
                unused[unusedCount++] = current;
            }
            touched[0] = unused[unusedCount - 1];
            int count = 1;
            for (int e = network.indptr[j]; e < network.indptr[j + 1]; e++) {
                int c = clusters[network.neighbours[e]];
                if (edgeWeightTo[c] == 0) {
                    touched[count++] = c;
                }
                edgeWeightTo[c] += network.weights[e];
            }
            int best = current;
            double bestGain = edgeWeightTo[current] - nodeWeight * clusterWeights[current] * resolution;
            for (int t = 0; t < count; t++) {
                int c = touched[t];
                double gain = edgeWeightTo[c] - nodeWeight * clusterWeights[c] * resolution;
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
                edgeWeightTo[c] = 0;
            }
            edgeWeightTo[current] = 0;
            // put j (back) into best
            clusterWeights[best] += nodeWeight;
            clusterSizes[best]++;
            if (best == unused[unusedCount - 1]) {
                unusedCount--;
            }
            return best;
        }

        /** Records that {@code j} now belongs to {@code cluster} (its weights are already counted there). */
        void move(int j, int cluster) {
            clusters[j] = cluster;
        }
    }
}
