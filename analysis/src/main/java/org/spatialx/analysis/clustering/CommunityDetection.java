package org.spatialx.analysis.clustering;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.SparseGraph;

/**
 * Leiden (Traag, Waltman and van Eck 2019) and Louvain (Blondel et al. 2008) community detection
 * maximising modularity with a resolution parameter, i.e. the RB configuration quality
 * {@code sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j)} that scanpy's {@code tl.leiden} and
 * {@code tl.louvain} optimise through leidenalg and louvain-igraph, with the connectivities as edge
 * weights. The algorithms follow networkanalysis (CWTS), the reference Java implementation by the
 * same authors: iterations of local moving, (Leiden:) refinement, and aggregation, repeated until an
 * iteration changes nothing, as leidenalg does with scanpy's {@code n_iterations=-1}.
 */
public final class CommunityDetection {

    /** Safety bound on iterations; each one that changes the partition strictly improves the quality. */
    static final int MAX_ITERATIONS = 100;

    /** The two algorithms. */
    public enum Algorithm {
        /** Fast local moving, refinement, aggregation of the refined partition. */
        LEIDEN,
        /** Standard local moving and aggregation. */
        LOUVAIN
    }

    private final Algorithm algorithm;
    private final double resolution;
    private final SplittableRandom random;
    private final Workers workers;

    private CommunityDetection(Algorithm algorithm, double resolution, long seed, Workers workers) {
        this.algorithm = algorithm;
        this.resolution = resolution;
        this.random = new SplittableRandom(seed);
        this.workers = workers;
    }

    /**
     * The communities of {@code graph} (symmetric, non-negative weights), one label per cell,
     * compact but not yet numbered by size ({@link ClusterLabels#bySize}).
     *
     * @param resolution the modularity resolution gamma, positive
     * @param seed       seed of the node orders and the refinement
     * @param iterations receives the number of each finished iteration
     */
    public static int[] cluster(SparseGraph graph, Algorithm algorithm, double resolution, long seed, Workers workers,
            IntConsumer iterations) {
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("The resolution must be a positive number, got " + resolution);
        }
        Network network = Network.ofGraph(graph);
        int[] clusters = new int[network.nodes];
        for (int i = 0; i < clusters.length; i++) {
            clusters[i] = i;
        }
        double total = network.totalNodeWeight();
        if (total == 0) {
            return clusters; // no edges: every cell is its own community
        }
        CommunityDetection detection = new CommunityDetection(algorithm, resolution / total, seed, workers);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            workers.checkCancelled();
            boolean changed = detection.improve(network, clusters);
            iterations.accept(iteration);
            if (!changed) {
                break;
            }
        }
        return clusters;
    }

    /** One iteration on {@code network}, recursively on its aggregates; true when the partition changed. */
    private boolean improve(Network network, int[] clusters) {
        boolean update = algorithm == Algorithm.LEIDEN
                ? LocalMoving.fast(network, clusters, resolution, random, workers)
                : LocalMoving.standard(network, clusters, resolution, random, workers);
        int count = max(clusters) + 1;
        if (count == network.nodes) {
            return update;
        }
        int[] aggregateOf;
        int[] aggregateClusters;
        Network aggregate;
        int[] refined = algorithm == Algorithm.LEIDEN
                ? Refinement.refine(network, clusters, count, resolution, random.nextLong(), workers)
                : null;
        if (refined != null && max(refined) + 1 < network.nodes) {
            // aggregate the refined partition; its nodes start in their unrefined cluster
            int refinedCount = max(refined) + 1;
            aggregate = network.aggregate(refined, refinedCount, workers);
            aggregateClusters = new int[refinedCount];
            for (int node = 0; node < network.nodes; node++) {
                aggregateClusters[refined[node]] = clusters[node];
            }
            aggregateOf = refined;
        } else {
            aggregate = network.aggregate(clusters, count, workers);
            aggregateClusters = new int[count];
            for (int c = 0; c < count; c++) {
                aggregateClusters[c] = c;
            }
            aggregateOf = clusters.clone();
        }
        update |= improve(aggregate, aggregateClusters);
        for (int node = 0; node < network.nodes; node++) {
            clusters[node] = aggregateClusters[aggregateOf[node]];
        }
        ClusterLabels.compact(clusters);
        return update;
    }

    private static int max(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    /**
     * The modularity of {@code labels} on {@code graph} with resolution {@code gamma}:
     * {@code (1 / 2m) sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j)}.
     */
    public static double modularity(SparseGraph graph, int[] labels, double resolution) {
        int clusters = max(labels) + 1;
        double[] clusterStrength = new double[clusters];
        double twiceM = 0;
        double inside = 0;
        for (int i = 0; i < graph.cells(); i++) {
            for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
                double w = graph.weights()[e];
                twiceM += w;
                clusterStrength[labels[i]] += w;
                if (labels[graph.indices()[e]] == labels[i]) {
                    inside += w;
                }
            }
        }
        if (twiceM == 0) {
            return 0;
        }
        double expected = 0;
        for (double strength : clusterStrength) {
            expected += strength * strength;
        }
        return (inside - resolution * expected / twiceM) / twiceM;
    }
}
