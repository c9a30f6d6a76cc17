package org.spatialx.analysis.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/** Exact and approximate nearest neighbours: exactness, recall against exact, determinism, and pynndescent's recall on the same data. */
class NearestNeighborsTest {

    private static DenseMatrix embedding;
    private static int[] queries;

    @TempDir
    Path folder;

    @BeforeAll
    static void generate() {
        // principal components of generated counts: clusters with a noise floor, as PCs of real data look
        embedding = Embeddings.generated(20_000, 400, 12, 30, 17);
        queries = new Random(5).ints(400, 0, embedding.rows()).toArray();
    }

    @Test
    void exactNeighboursAreTheNearestByBruteForceSorting() {
        DenseMatrix points = Embeddings.generated(400, 100, 5, 10, 3);
        KnnGraph knn;
        try (Workers workers = Workers.of(3)) {
            knn = ExactNeighbors.of(points, 7, workers);
        }
        for (int i = 0; i < points.rows(); i++) {
            int cell = i;
            double[] row = points.row(i);
            Integer[] others = IntStream.range(0, points.rows()).filter(j -> j != cell).boxed().toArray(Integer[]::new);
            double[] d = new double[points.rows()];
            for (int j = 0; j < points.rows(); j++) {
                double[] other = points.row(j);
                for (int c = 0; c < row.length; c++) {
                    d[j] += (row[c] - other[c]) * (row[c] - other[c]);
                }
            }
            Arrays.sort(others, Comparator.comparingDouble((Integer j) -> d[j]).thenComparingInt(j -> j));
            for (int j = 0; j < 7; j++) {
                assertEquals(others[j], knn.neighbour(i, j), "neighbour " + j + " of cell " + i);
                assertEquals(Math.sqrt(d[others[j]]), knn.distance(i, j), 1e-12);
            }
        }
    }

    private static double recall(int k, int threads) {
        try (Workers workers = Workers.of(threads)) {
            KnnGraph approximate = NearestNeighbors.approximate(embedding, k, 0, workers, f -> { });
            KnnGraph exact = ExactNeighbors.forQueries(embedding, queries, k, workers);
            return NearestNeighbors.recall(approximate, queries, exact);
        }
    }

    @Test
    void approximateNeighboursFindAtLeast95PercentOfTheExactOnes() {
        double small = recall(14, 2);
        double large = recall(89, 2);
        System.out.printf("kNN recall on 20,000 generated cells (30 PCs): k=14 %.4f, k=89 %.4f%n", small, large);
        assertTrue(small >= 0.95, "recall at k = 14: " + small);
        assertTrue(large >= 0.95, "recall at k = 89: " + large);
    }

    @Test
    void sameSeedSameGraphWhateverTheThreadCount() {
        KnnGraph one;
        KnnGraph three;
        try (Workers workers = Workers.of(1)) {
            one = NearestNeighbors.approximate(embedding, 10, 42, workers, f -> { });
        }
        try (Workers workers = Workers.of(3)) {
            three = NearestNeighbors.approximate(embedding, 10, 42, workers, f -> { });
        }
        assertArrayEquals(one.indices(), three.indices());
        assertArrayEquals(one.distances(), three.distances());
        for (int i = 0; i < embedding.rows(); i++) {
            for (int j = 0; j < 10; j++) {
                assertTrue(one.neighbour(i, j) != i, "a cell is not its own neighbour");
                assertTrue(j == 0 || one.distance(i, j - 1) <= one.distance(i, j), "nearest first");
            }
        }
    }

    @Test
    void smallTablesAreExact() {
        DenseMatrix points = Embeddings.generated(1_500, 100, 5, 10, 9);
        try (Workers workers = Workers.of(2)) {
            assertArrayEquals(ExactNeighbors.of(points, 12, workers).indices(),
                    NearestNeighbors.of(points, 12, 1, workers).indices());
        }
    }

    @Test
    void rejectsImpossibleRequests() {
        DenseMatrix points = new DenseMatrix(3, 2, new double[] {0, 0, 1, 1, 2, Double.NaN});
        try (Workers workers = Workers.of(1)) {
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                    () -> NearestNeighbors.of(points, 3, 0, workers));
            assertTrue(tooMany.getMessage().contains("k = 3"), tooMany.getMessage());
            IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                    () -> NearestNeighbors.of(points, 1, 0, workers));
            assertTrue(nan.getMessage().contains("cell 2, dimension 1"), nan.getMessage());
        }
    }

    @Test
    void recallIsAtLeastPynndescentsOnTheSameEmbedding() throws IOException {
        PythonReference.assumeAvailable();
        Npy.write(folder.resolve("embedding.npy"), embedding.values(), embedding.rows(), embedding.cols());
        int k = 14;
        PythonReference.run(1800, "knn", folder.toString(), Integer.toString(k), "0");
        int[] theirs = Npy.read(folder.resolve("pynndescent_indices.npy")).ints();
        KnnGraph pynndescent = new KnnGraph(embedding.rows(), k, theirs, new double[theirs.length]);
        double ours;
        double reference;
        try (Workers workers = Workers.of(2)) {
            KnnGraph exact = ExactNeighbors.forQueries(embedding, queries, k, workers);
            reference = NearestNeighbors.recall(pynndescent, queries, exact);
            ours = NearestNeighbors.recall(NearestNeighbors.approximate(embedding, k, 0, workers, f -> { }), queries, exact);
        }
        System.out.printf("kNN recall, k=14, 20,000 cells: ours %.4f, pynndescent (umap-learn) %.4f%n", ours, reference);
        assertTrue(ours >= reference - 0.005, "ours " + ours + " vs pynndescent " + reference);
    }
}
