package org.spatialx.analysis.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/** UMAP connectivities against umap-learn's fuzzy_simplicial_set on the same kNN graphs. */
class FuzzySimplicialSetTest {

    @TempDir
    Path folder;

    private static SparseGraph connectivities(KnnGraph knn, double localConnectivity) {
        try (Workers workers = Workers.of(2)) {
            return FuzzySimplicialSet.connectivities(knn, localConnectivity, workers);
        }
    }

    @Test
    void symmetricWeightsBetweenZeroAndOneWithTheNearestAtOne() {
        DenseMatrix points = Embeddings.generated(1_000, 200, 6, 15, 2);
        KnnGraph knn;
        try (Workers workers = Workers.of(2)) {
            knn = ExactNeighbors.of(points, 14, workers);
        }
        SparseGraph graph = connectivities(knn, 1);
        for (int i = 0; i < graph.cells(); i++) {
            for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
                int j = graph.indices()[e];
                double w = graph.weights()[e];
                assertTrue(w > 0 && w <= 1, "weight " + w);
                assertTrue(j != i, "no self-loop");
                assertEquals(w, weight(graph, j, i), 1e-15, "symmetric");
                assertTrue(e == graph.indptr()[i] || graph.indices()[e - 1] < j, "columns ascending");
            }
            // local_connectivity 1: the nearest neighbour is fully connected
            assertEquals(1.0, weight(graph, i, knn.neighbour(i, 0)), 1e-12);
        }
    }

    private static double weight(SparseGraph graph, int i, int j) {
        for (int e = graph.indptr()[i]; e < graph.indptr()[i + 1]; e++) {
            if (graph.indices()[e] == j) {
                return graph.weights()[e];
            }
        }
        return 0;
    }

    /** Ours and umap-learn's connectivities of {@code knn}: same edges, weights within float32 precision. */
    private void compareWithUmap(String name, KnnGraph knn, double localConnectivity) throws IOException {
        PythonReference.assumeAvailable();
        Npy.write(folder.resolve("knn_indices.npy"), knn.indices(), knn.cells(), knn.k());
        Npy.write(folder.resolve("knn_distances.npy"), knn.distances(), knn.cells(), knn.k());
        PythonReference.run(600, "connectivities", folder.toString(), Double.toString(localConnectivity));
        int[] indptr = Npy.read(folder.resolve("umap_conn_indptr.npy")).ints();
        int[] indices = Npy.read(folder.resolve("umap_conn_indices.npy")).ints();
        double[] weights = Npy.read(folder.resolve("umap_conn_data.npy")).values();
        SparseGraph ours = connectivities(knn, localConnectivity);
        assertArrayEquals(indptr, ours.indptr(), name + ": edges per cell");
        assertArrayEquals(indices, ours.indices(), name + ": edges");
        double worst = 0;
        for (int e = 0; e < weights.length; e++) {
            worst = Math.max(worst, Math.abs(weights[e] - ours.weights()[e]));
        }
        System.out.printf("connectivities %s: %,d edges, largest weight difference to umap-learn %.2e%n", name,
                weights.length, worst);
        assertTrue(worst < 1e-4, name + ": largest weight difference " + worst);
    }

    @Test
    void matchesUmapLearnOnGeneratedData() throws IOException {
        DenseMatrix points = Embeddings.generated(3_000, 300, 8, 30, 4);
        try (Workers workers = Workers.of(2)) {
            compareWithUmap("generated, n_neighbors=15", ExactNeighbors.of(points, 14, workers), 1);
            compareWithUmap("generated, n_neighbors=90", ExactNeighbors.of(points, 89, workers), 1);
            compareWithUmap("generated, n_neighbors=30, local_connectivity=2", ExactNeighbors.of(points, 29, workers), 2);
        }
    }

    @Test
    void matchesUmapLearnOnRealData() throws IOException {
        DenseMatrix pcs = Embeddings.pca(RealMatrices.xeniumToy(), 0).scores();
        try (Workers workers = Workers.of(2)) {
            compareWithUmap("Xenium toy PCs, n_neighbors=90", ExactNeighbors.of(pcs, 89, workers), 1);
        }
    }

    @Test
    void matchesUmapLearnOnTheCosmxBreastCancerMatrix() throws IOException {
        DenseMatrix pcs = Embeddings.pca(RealMatrices.cosmxBreast(), 0).scores();
        try (Workers workers = Workers.of(2)) {
            compareWithUmap("CosMx breast PCs, n_neighbors=90", ExactNeighbors.of(pcs, 89, workers), 1);
        }
    }
}
