package org.spatialx.analysis.clustering;

import org.spatialx.analysis.testing.Embeddings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/** k-means finds the clusters, ends at a Lloyd fixed point, and gives the same result for a seed on any thread count. */
class KMeansTest {

    private static final String KEY = "Connector - PCA";

    private static Column.Categorical cluster(DenseMatrix points, int k, long seed, int threads) {
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-1", points.rows()).embedding(KEY, points).build();
        AnalysisResult result = new KMeansAnalysis().run(new KMeansAnalysis.Params(KEY, k, "km"), input,
                new RecordingContext(seed, threads, "km"));
        return (Column.Categorical) result.obs().get("km");
    }

    @Test
    void recoversSeparatedClustersNumberedBySize() {
        // 3 clusters of 600, 400 and 200 points (true cluster = i % 6 mapped to sizes 3:2:1)
        DenseMatrix blobs = Embeddings.blobs(1200, 8, 6, 0.3, 11);
        int[] truth = new int[1200];
        for (int i = 0; i < truth.length; i++) {
            int blob = i % 6;
            truth[i] = blob < 3 ? 0 : blob < 5 ? 1 : 2;
        }
        DenseMatrix points = DenseMatrix.zeros(1200, 8);
        double[][] centres = {{0, 0}, {40, 0}, {0, 40}};
        for (int i = 0; i < 1200; i++) {
            for (int j = 0; j < 8; j++) {
                points.set(i, j, blobs.get(i, j) / 10 + (j < 2 ? centres[truth[i]][j] : 0));
            }
        }
        Column.Categorical clusters = cluster(points, 3, 7, 2);
        assertEquals(java.util.List.of("0", "1", "2"), clusters.categories());
        Map<Integer, Integer> found = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            Integer previous = found.putIfAbsent(truth[i], clusters.codes()[i]);
            assertTrue(previous == null || previous == clusters.codes()[i], "cell " + i + " split from its cluster");
        }
        // numbered by size: the 600-point cluster is "0", the 200-point one "2"
        assertEquals(Map.of(0, 0, 1, 1, 2, 2), found);
    }

    @Test
    void sameSeedSameClustersOnAnyThreadCount() {
        DenseMatrix points = Embeddings.blobs(9000, 10, 12, 2.5, 3); // overlapping: restarts matter
        Column.Categorical one = cluster(points, 12, 42, 1);
        Column.Categorical two = cluster(points, 12, 42, 2);
        Column.Categorical three = cluster(points, 12, 42, 3);
        assertArrayEquals(one.codes(), two.codes());
        assertArrayEquals(one.codes(), three.codes());
    }

    @Test
    void endsAtALloydFixedPoint() {
        DenseMatrix points = Embeddings.blobs(5000, 6, 9, 3.0, 5);
        RecordingContext context = new RecordingContext(1, 2, "km");
        KMeans.Result result;
        try (Workers pool = Workers.of(2)) {
            result = new KMeans(9, 3, KMeans.MAX_ITERATIONS, KMeans.TOLERANCE)
                    .fit(points.values(), points.rows(), points.cols(), pool, context);
        }
        int d = points.cols();
        double inertia = 0;
        for (int i = 0; i < points.rows(); i++) {
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 9; c++) {
                double distance = KMeans.squaredDistance(points.values(), i * d, result.centres(), c * d, d);
                if (distance < best) {
                    best = distance;
                    nearest = c;
                }
            }
            assertEquals(nearest, result.labels()[i], "point " + i + " is not in its nearest cluster");
            inertia += best;
        }
        assertEquals(inertia, result.inertia(), 1e-9 * inertia);
        assertTrue(result.iterations() >= 2 && result.iterations() < KMeans.MAX_ITERATIONS, "" + result.iterations());
        assertEquals(3, context.log().size(), context.log().toString()); // one line per restart
        assertEquals(1.0, context.progress().getLast().fraction());
    }

    @Test
    void emptyClustersAreRefilled() {
        // 5 distinct positions, many duplicates, 5 clusters: k-means++ may draw a duplicate centre
        DenseMatrix points = DenseMatrix.zeros(500, 2);
        for (int i = 0; i < 500; i++) {
            points.set(i, 0, i % 5);
            points.set(i, 1, (i % 5) * (i % 5));
        }
        Column.Categorical clusters = cluster(points, 5, 9, 2);
        int[] sizes = new int[5];
        for (int code : clusters.codes()) {
            sizes[code]++;
        }
        assertArrayEquals(new int[] {100, 100, 100, 100, 100}, sizes);
    }

    @Test
    void badInputIsRejected() {
        DenseMatrix points = Embeddings.blobs(10, 2, 2, 0.1, 1);
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-1", points.rows()).embedding(KEY, points).build();
        KMeansAnalysis kmeans = new KMeansAnalysis();
        RecordingContext context = new RecordingContext(1, 1, "km");
        String tooMany = assertThrows(AnalysisException.class,
                () -> kmeans.run(new KMeansAnalysis.Params(KEY, 11, null), input, context)).getMessage();
        assertEquals("n_clusters=11 is more than the 10 cells of embedding \"Connector - PCA\": ask for at most 10"
                + " clusters.", tooMany);
        String unknown = assertThrows(AnalysisException.class,
                () -> kmeans.run(new KMeansAnalysis.Params("UMAP", 2, null), input, context)).getMessage();
        assertTrue(unknown.contains("UMAP") && unknown.contains(KEY), unknown);
        points.set(3, 1, Double.NaN);
        String missing = assertThrows(AnalysisException.class,
                () -> kmeans.run(new KMeansAnalysis.Params(KEY, 2, null), input, context)).getMessage();
        assertTrue(missing.contains("cell 3"), missing);
    }

    @Test
    void cancellationStopsTheRestarts() {
        DenseMatrix points = Embeddings.blobs(20000, 10, 8, 2.0, 2);
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-1", points.rows()).embedding(KEY, points).build();
        RecordingContext context = new RecordingContext(1, 2, "km").cancelAfter(3);
        assertThrows(CancellationException.class,
                () -> new KMeansAnalysis().run(new KMeansAnalysis.Params(KEY, 8, null), input, context));
        assertTrue(context.log().size() <= 1, "restarts went on after the cancellation: " + context.log());
    }
}
