package org.spatialx.analysis.clustering;

import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.random.RandomNumbers;

/**
 * Leiden's refinement (networkanalysis' local merging): within each cluster, starting from
 * singletons, every node still alone and well connected to the rest of its cluster joins a
 * well-connected sub-cluster chosen at random among those that do not decrease the quality, with
 * probability proportional to {@code exp(gain / randomness)}. Clusters are refined independently,
 * so they run in parallel, each from its own seed (the result does not depend on the threads).
 */
final class Refinement {

    /** networkanalysis' default randomness of the refinement. */
    static final double RANDOMNESS = 0.01;

    private Refinement() {
    }

    /** The refined clustering, compact (a sub-cluster never spans two clusters of {@code clusters}). */
    static int[] refine(Network network, int[] clusters, int count, double resolution, long seed, Workers workers) {
        int n = network.nodes;
        ClusterMembers clusterMembers = ClusterMembers.of(clusters, count);
        int[] memberPtr = clusterMembers.start();
        int[] members = clusterMembers.nodes();
        int[] refined = new int[n];
        double[] subWeights = new double[n];
        double[] external = new double[n];
        boolean[] merged = new boolean[n];
        double[] edgeWeightTo = new double[n];
        int scratch = clusterMembers.largest() + 1;
        workers.forRange(count, (part, from, to) -> {
            int[] neighbouring = new int[scratch];
            double[] cumulative = new double[scratch];
            for (int c = from; c < to; c++) {
                int start = memberPtr[c];
                int end = memberPtr[c + 1];
                double total = 0;
                for (int m = start; m < end; m++) {
                    int node = members[m];
                    refined[node] = node;
                    subWeights[node] = network.nodeWeights[node];
                    total += network.nodeWeights[node];
                    double inside = 0;
                    for (int e = network.indptr[node]; e < network.indptr[node + 1]; e++) {
                        if (clusters[network.neighbours[e]] == c) {
                            inside += network.weights[e];
                        }
                    }
                    external[node] = inside;
                }
                if (end - start > 1) {
                    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (c + 1)));
                    mergeWithin(network, clusters, c, members, start, end, total, resolution, random, refined,
                            subWeights, external, merged, edgeWeightTo, neighbouring, cumulative);
                }
                if ((c & 0x3FF) == 0) {
                    workers.checkCancelled();
                }
            }
        });
        ClusterLabels.compact(refined);
        return refined;
    }

    private static void mergeWithin(Network network, int[] clusters, int cluster, int[] members, int start, int end,
            double total, double resolution, SplittableRandom random, int[] refined, double[] subWeights,
            double[] external, boolean[] merged, double[] edgeWeightTo, int[] neighbouring, double[] cumulative) {
        int size = end - start;
        int[] order = RandomNumbers.permutation(size, random);
        for (int o = 0; o < size; o++) {
            int j = members[start + order[o]];
            if (merged[j] || external[j] < subWeights[j] * (total - subWeights[j]) * resolution) {
                continue;
            }
            subWeights[j] = 0;
            external[j] = 0;
            neighbouring[0] = j;
            int count = 1;
            for (int e = network.indptr[j]; e < network.indptr[j + 1]; e++) {
                int other = network.neighbours[e];
                if (clusters[other] != cluster) {
                    continue;
                }
                int sub = refined[other];
                if (edgeWeightTo[sub] == 0) {
                    neighbouring[count++] = sub;
                }
                edgeWeightTo[sub] += network.weights[e];
            }
            double nodeWeight = network.nodeWeights[j];
            int best = j;
            double bestGain = 0;
            double totalTransformed = 0;
            for (int t = 0; t < count; t++) {
                int sub = neighbouring[t];
                if (external[sub] >= subWeights[sub] * (total - subWeights[sub]) * resolution) {
                    double gain = edgeWeightTo[sub] - nodeWeight * subWeights[sub] * resolution;
                    if (gain > bestGain) {
                        best = sub;
                        bestGain = gain;
                    }
                    if (gain >= 0) {
                        totalTransformed += Math.exp(gain / RANDOMNESS);
                    }
                }
                cumulative[t] = totalTransformed;
                edgeWeightTo[sub] = 0;
            }
            int chosen = best;
            if (totalTransformed < Double.POSITIVE_INFINITY && totalTransformed > 0) {
                double r = totalTransformed * random.nextDouble();
                int lo = -1;
                int hi = count;
                while (lo < hi - 1) {
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] >= r) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                chosen = neighbouring[Math.min(hi, count - 1)];
            }
            subWeights[chosen] += nodeWeight;
            for (int e = network.indptr[j]; e < network.indptr[j + 1]; e++) {
                int other = network.neighbours[e];
                if (clusters[other] != cluster) {
                    continue;
                }
                if (refined[other] == chosen) {
                    external[chosen] -= network.weights[e];
                } else {
                    external[chosen] += network.weights[e];
                }
            }
            if (chosen != j) {
                refined[j] = chosen;
                merged[chosen] = true;
            }
        }
    }
}
