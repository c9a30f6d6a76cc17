package org.spatialx.analysis.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.clustering.CommunityDetection.Algorithm;
import org.spatialx.analysis.neighbors.ExactNeighbors;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.SparseGraph;

/**
 * Leiden and Louvain against planted partitions, against networkanalysis (CWTS' Java implementation by
 * the algorithms' authors) and against leidenalg (what scanpy calls) on the same connectivities.
 */
class CommunityDetectionTest {

    @TempDir
    Path folder;

    private static int[] cluster(SparseGraph graph, Algorithm algorithm, double resolution, long seed, int threads) {
        try (Workers workers = Workers.of(threads)) {
            return ClusterLabels.bySize(CommunityDetection.cluster(graph, algorithm, resolution, seed, workers, i -> { }));
        }
    }

    /** The UMAP connectivities (n_neighbors = 30) of generated principal components. */
    private static SparseGraph generatedConnectivities(int cells, int types, long seed) {
        DenseMatrix pcs = Embeddings.generated(cells, 300, types, 20, seed);
        try (Workers workers = Workers.of(2)) {
            return FuzzySimplicialSet.connectivities(ExactNeighbors.of(pcs, 29, workers), 1, workers);
        }
    }

    private static SparseGraph realConnectivities(ExpressionMatrix counts) {
        DenseMatrix pcs = Embeddings.pca(counts, 0).scores();
        try (Workers workers = Workers.of(2)) {
            int k = Math.min(29, counts.cellCount() - 2);
            return FuzzySimplicialSet.connectivities(ExactNeighbors.of(pcs, k, workers), 1, workers);
        }
    }

    /** A planted partition: {@code groups} groups of {@code size} nodes, dense inside, sparse between. */
    private static SparseGraph plantedPartition(int groups, int size, double inside, double between, long seed) {
        Random random = new Random(seed);
        int n = groups * size;
        double[][] weights = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = i / size == j / size ? inside : between;
                if (random.nextDouble() < p) {
                    double w = 0.5 + random.nextDouble() / 2;
                    weights[i][j] = w;
                    weights[j][i] = w;
                }
            }
        }
        int[] indptr = new int[n + 1];
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (weights[i][j] > 0) {
                    indices.add(j);
                    values.add(weights[i][j]);
                }
            }
            indptr[i + 1] = indices.size();
        }
        return new SparseGraph(n, indptr, indices.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void recoversAPlantedPartition() {
        SparseGraph graph = plantedPartition(6, 80, 0.25, 0.01, 1);
        int[] truth = new int[graph.cells()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i / 80;
        }
        for (Algorithm algorithm : Algorithm.values()) {
            int[] labels = cluster(graph, algorithm, 1, 0, 2);
            assertEquals(1.0, AdjustedRandIndex.of(truth, labels), 1e-12, algorithm.name());
        }
    }

    @Test
    void sameSeedSameClustersWhateverTheThreadCount() {
        SparseGraph graph = generatedConnectivities(4_000, 10, 8);
        for (Algorithm algorithm : Algorithm.values()) {
            assertArrayEquals(cluster(graph, algorithm, 1, 3, 1), cluster(graph, algorithm, 1, 3, 3), algorithm.name());
        }
    }

    @Test
    void clustersAreNumberedBySizeLargestFirst() {
        int[] labels = ClusterLabels.bySize(new int[] {7, 3, 3, 9, 9, 9, 7, 3, 9, 5});
        assertArrayEquals(new int[] {2, 1, 1, 0, 0, 0, 2, 1, 0, 3}, labels);
        int[] sizes = ClusterLabels.sizes(cluster(generatedConnectivities(2_000, 6, 2), Algorithm.LEIDEN, 1, 0, 2));
        for (int c = 1; c < sizes.length; c++) {
            assertTrue(sizes[c - 1] >= sizes[c], "sizes " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void rejectsAResolutionThatIsNotPositive() {
        SparseGraph graph = plantedPartition(2, 10, 0.5, 0.1, 1);
        try (Workers workers = Workers.of(1)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CommunityDetection.cluster(graph, Algorithm.LEIDEN, 0, 0, workers, i -> { }));
            assertTrue(error.getMessage().contains("positive"), error.getMessage());
        }
    }

    /** networkanalysis' Leiden or Louvain, maximising modularity as its RunNetworkClustering does. */
    private static int[] networkanalysis(SparseGraph graph, Algorithm algorithm, double resolution, long seed) {
        long[] first = new long[graph.cells() + 1];
        for (int i = 0; i <= graph.cells(); i++) {
            first[i] = graph.indptr()[i];
        }
        Network network = new Network(graph.cells(), true, first, new LargeIntArray(graph.indices().clone()),
                new LargeDoubleArray(graph.weights().clone()), true);
        double scaled = resolution / (2 * network.getTotalEdgeWeight());
        IterativeCPMClusteringAlgorithm reference = algorithm == Algorithm.LEIDEN
                ? new LeidenAlgorithm(scaled, 0, LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(seed))
                : new LouvainAlgorithm(scaled, 0, new Random(seed));
        Clustering clustering = reference.findClustering(network);
        return ClusterLabels.bySize(clustering.getClusters());
    }

    private static void compare(String name, SparseGraph graph, Algorithm algorithm, double resolution, int[] theirs) {
        int[] ours = cluster(graph, algorithm, resolution, 0, 2);
        double ari = AdjustedRandIndex.of(ours, theirs);
        double ourQuality = CommunityDetection.modularity(graph, ours, resolution);
        double theirQuality = CommunityDetection.modularity(graph, theirs, resolution);
        System.out.printf("%s %s at resolution %.2f: ARI %.4f, %d vs %d clusters, modularity %.5f vs %.5f%n", algorithm,
                name, resolution, ari, ClusterLabels.sizes(ours).length, ClusterLabels.sizes(theirs).length, ourQuality,
                theirQuality);
        assertTrue(ari >= 0.9, name + ": ARI " + ari);
        assertTrue(ourQuality >= theirQuality - 0.005 * Math.abs(theirQuality),
                name + ": modularity " + ourQuality + " vs " + theirQuality);
    }

    @Test
    void agreesWithNetworkanalysis() {
        SparseGraph graph = generatedConnectivities(6_000, 12, 21);
        for (Algorithm algorithm : Algorithm.values()) {
            for (double resolution : new double[] {0.5, 1.0}) {
                compare("vs networkanalysis, generated", graph, algorithm, resolution,
                        networkanalysis(graph, algorithm, resolution, 0));
            }
        }
    }

    /** The reference's partitions of {@code graph} with seeds 0 .. {@code seeds}-1. */
    private int[][] python(SparseGraph graph, Algorithm algorithm, double resolution, int seeds) throws IOException {
        Npy.write(folder.resolve("conn_indptr.npy"), graph.indptr());
        Npy.write(folder.resolve("conn_indices.npy"), graph.indices());
        Npy.write(folder.resolve("conn_data.npy"), graph.weights());
        String seedList = String.join(",", java.util.stream.IntStream.range(0, seeds).mapToObj(Integer::toString).toList());
        PythonReference.run(1200, "cluster", folder.toString(), algorithm.name().toLowerCase(java.util.Locale.ROOT),
                Double.toString(resolution), seedList);
        int[][] partitions = new int[seeds][];
        for (int seed = 0; seed < seeds; seed++) {
            partitions[seed] = ClusterLabels.bySize(Npy.read(folder.resolve("membership_" + seed + ".npy")).ints());
        }
        return partitions;
    }

    @Test
    void agreesWithLeidenalgOnGeneratedData() throws IOException {
        PythonReference.assumeAvailable();
        SparseGraph graph = generatedConnectivities(6_000, 12, 21);
        for (Algorithm algorithm : Algorithm.values()) {
            for (double resolution : new double[] {0.5, 1.0}) {
                compare("vs " + reference(algorithm) + ", generated", graph, algorithm, resolution,
                        python(graph, algorithm, resolution, 1)[0]);
            }
        }
    }

    private static String reference(Algorithm algorithm) {
        return algorithm == Algorithm.LEIDEN ? "leidenalg" : "igraph multilevel";
    }

    /**
     * On real data modularity has many partitions of nearly equal quality, and leidenalg's own
     * partitions with different seeds agree to an ARI of 0.6-0.8: ours must agree with leidenalg's
     * about as well as those agree with each other, with a modularity at least as high.
     */
    private void compareWhereThePartitionIsNotUnique(String name, SparseGraph graph) throws IOException {
        PythonReference.assumeAvailable();
        int seeds = 4;
        int[][] theirs = python(graph, Algorithm.LEIDEN, 1.0, seeds);
        double among = 0;
        for (int a = 0; a < seeds; a++) {
            for (int b = a + 1; b < seeds; b++) {
                among += AdjustedRandIndex.of(theirs[a], theirs[b]) / (seeds * (seeds - 1) / 2.0);
            }
        }
        double versus = 0;
        double ourModularity = 0;
        double theirModularity = 0;
        for (int seed = 0; seed < seeds; seed++) {
            int[] ours = cluster(graph, Algorithm.LEIDEN, 1.0, seed, 2);
            for (int[] partition : theirs) {
                versus += AdjustedRandIndex.of(ours, partition) / (seeds * seeds);
            }
            ourModularity += CommunityDetection.modularity(graph, ours, 1.0) / seeds;
            theirModularity += CommunityDetection.modularity(graph, theirs[seed], 1.0) / seeds;
        }
        System.out.printf("LEIDEN %s (4 seeds each): mean ARI ours vs leidenalg %.3f, leidenalg vs leidenalg %.3f;"
                + " mean modularity %.4f vs %.4f%n", name, versus, among, ourModularity, theirModularity);
        assertTrue(versus >= among - 0.05, name + ": ARI to leidenalg " + versus + ", leidenalg to itself " + among);
        assertTrue(ourModularity >= theirModularity - 0.01 * theirModularity,
                name + ": modularity " + ourModularity + " vs " + theirModularity);
    }

    @Test
    void agreesWithLeidenalgOnRealDataAsMuchAsLeidenalgWithItself() throws IOException {
        compareWhereThePartitionIsNotUnique("Xenium toy", realConnectivities(RealMatrices.xeniumToy()));
    }

    @Test
    void agreesWithLeidenalgOnTheCosmxBreastCancerMatrixAsMuchAsLeidenalgWithItself() throws IOException {
        compareWhereThePartitionIsNotUnique("CosMx breast", realConnectivities(RealMatrices.cosmxBreast()));
    }
}
