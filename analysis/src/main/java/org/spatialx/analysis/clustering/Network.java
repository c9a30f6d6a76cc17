package org.spatialx.analysis.clustering;

import java.util.Arrays;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.SparseGraph;

/**
 * An undirected weighted network as the community algorithms see it: every edge stored in both
 * directions (compressed sparse rows), no self-loops, and node weights that enter the quality
 * function's null model. For modularity (RB configuration) a node's weight is its strength, the sum
 * of its edge weights, and aggregated nodes carry the sum of their members' weights.
 */
final class Network {

    final int nodes;
    final int[] indptr;
    final int[] neighbours;
    final double[] weights;
    final double[] nodeWeights;

    private Network(int nodes, int[] indptr, int[] neighbours, double[] weights, double[] nodeWeights) {
        this.nodes = nodes;
        this.indptr = indptr;
        this.neighbours = neighbours;
        this.weights = weights;
        this.nodeWeights = nodeWeights;
    }

    /**
     * The network of a symmetric graph (e.g. connectivities) with strengths as node weights. A
     * self-loop counts in its node's strength but is not an edge (moving the node carries it along).
     *
     * @throws IllegalArgumentException for a negative or non-finite weight
     */
    static Network ofGraph(SparseGraph graph) {
        int n = graph.cells();
        int[] indptr = new int[n + 1];
        double[] strength = new double[n];
        for (int i = 0; i < n; i++) {
            int kept = 0;
            for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
                double w = graph.weights()[e];
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("Edge weights must be finite and non-negative; cell " + i
                            + " has " + w);
                }
                strength[i] += w;
                if (graph.indices()[e] != i && w > 0) {
                    kept++;
                }
            }
            indptr[i + 1] = indptr[i] + kept;
        }
        int[] neighbours = new int[indptr[n]];
        double[] weights = new double[indptr[n]];
        for (int i = 0; i < n; i++) {
            int at = indptr[i];
            for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
                if (graph.indices()[e] != i && graph.weights()[e] > 0) {
                    neighbours[at] = graph.indices()[e];
                    weights[at++] = graph.weights()[e];
                }
            }
        }
        return new Network(n, indptr, neighbours, weights, strength);
    }

    /** Sum of the node weights (for modularity: twice the total edge weight). */
    double totalNodeWeight() {
        double total = 0;
        for (double w : nodeWeights) {
            total += w;
        }
        return total;
    }

    /**
     * The aggregate network whose nodes are the clusters {@code 0 .. count-1} of {@code clusters}:
     * node weights summed, edge weights between clusters summed, edges within a cluster dropped.
     * Parallel over clusters; each cluster's neighbours are listed in the order first met.
     */
    Network aggregate(int[] clusters, int count, Workers workers) {
        ClusterMembers members = ClusterMembers.of(clusters, count);
        double[] reducedNodeWeights = new double[count];
        for (int node = 0; node < nodes; node++) {
            reducedNodeWeights[clusters[node]] += nodeWeights[node];
        }
        int parts = workers.balancedParts(count);
        int[][] partNeighbours = new int[parts][];
        double[][] partWeights = new double[parts][];
        int[] rowLengths = new int[count];
        workers.forParts(count, parts, (part, from, to) -> {
            double[] weightTo = new double[count];
            int[] touched = new int[count];
            int[] outNeighbours = new int[64];
            double[] outWeights = new double[64];
            int size = 0;
            for (int c = from; c < to; c++) {
                int touchedCount = 0;
                for (int m = members.start()[c]; m < members.start()[c + 1]; m++) {
                    int node = members.nodes()[m];
                    for (int e = indptr[node]; e < indptr[node + 1]; e++) {
                        int other = clusters[neighbours[e]];
                        if (other != c) {
                            if (weightTo[other] == 0) {
                                touched[touchedCount++] = other;
                            }
                            weightTo[other] += weights[e];
                        }
                    }
                }
                if (size + touchedCount > outNeighbours.length) {
                    int capacity = Math.max(outNeighbours.length * 2, size + touchedCount);
                    outNeighbours = Arrays.copyOf(outNeighbours, capacity);
                    outWeights = Arrays.copyOf(outWeights, capacity);
                }
                for (int t = 0; t < touchedCount; t++) {
                    outNeighbours[size] = touched[t];
                    outWeights[size++] = weightTo[touched[t]];
                    weightTo[touched[t]] = 0;
                }
                rowLengths[c] = touchedCount;
                if ((c & 0xFFF) == 0) {
                    workers.checkCancelled();
                }
            }
            partNeighbours[part] = Arrays.copyOf(outNeighbours, size);
            partWeights[part] = Arrays.copyOf(outWeights, size);
        });
        int[] reducedPtr = new int[count + 1];
        for (int c = 0; c < count; c++) {
            reducedPtr[c + 1] = reducedPtr[c] + rowLengths[c];
        }
        int[] reducedNeighbours = new int[reducedPtr[count]];
        double[] reducedWeights = new double[reducedPtr[count]];
        for (int part = 0; part < parts; part++) {
            int start = reducedPtr[Workers.partStart(count, parts, part)];
            System.arraycopy(partNeighbours[part], 0, reducedNeighbours, start, partNeighbours[part].length);
            System.arraycopy(partWeights[part], 0, reducedWeights, start, partWeights[part].length);
        }
        return new Network(count, reducedPtr, reducedNeighbours, reducedWeights, reducedNodeWeights);
    }
}
