package org.spatialx.analysis.clustering;

import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.RealMatrices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.data.DenseMatrix;

/**
 * Our k-means reaches the inertia of scikit-learn 1.2's {@code KMeans} (k-means++, n_init=10, Lloyd) on
 * the same points: at most 1% above it, on generated and on real data. The seeds differ (numpy's and
 * ours), so the clusterings are compared by inertia, and their agreement is reported.
 */
class KMeansVersusSklearnTest {

    @TempDir
    Path temp;

    private void assertInertiaWithinOnePercent(String what, DenseMatrix points, int k) throws IOException {
        PythonReference.assumeAvailable();
        KMeans.Result ours;
        long start = System.nanoTime();
        try (Workers pool = Workers.of(2)) {
            ours = new KMeans(k, KMeans.RESTARTS, KMeans.MAX_ITERATIONS, KMeans.TOLERANCE)
                    .fit(points.values(), points.rows(), points.cols(), pool, new RecordingContext(0, 2, "km"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path file = temp.resolve(what + ".npy");
        Path labels = temp.resolve(what + "-labels.npy");
        Npy.write(file, points.values());
        Npy.write(labels, ours.labels());
        List<String> sklearn = PythonReference.script("kmeans_reference.py", file, points.rows(), points.cols(), k, 0,
                labels);
        double reference = Double.parseDouble(sklearn.get(0));
        double agreement = Double.parseDouble(sklearn.get(3));
        System.out.printf("k-means %s (%d x %d, k=%d): inertia ours %.6g (%d iterations, %.3f s), scikit-learn %.6g"
                        + " (%s iterations, %.3f s), ratio %.5f, adjusted Rand index %.4f%n", what, points.rows(),
                points.cols(), k, ours.inertia(), ours.iterations(), seconds, reference, sklearn.get(1),
                Double.parseDouble(sklearn.get(2)), ours.inertia() / reference, agreement);
        assertTrue(ours.inertia() <= reference * 1.01,
                what + ": inertia " + ours.inertia() + " is more than 1% above scikit-learn's " + reference);
    }

    @Test
    void separatedBlobs() throws IOException {
        assertInertiaWithinOnePercent("blobs", Embeddings.blobs(10000, 50, 10, 1.0, 17), 10);
    }

    @Test
    void overlappingBlobs() throws IOException {
        assertInertiaWithinOnePercent("overlapping", Embeddings.blobs(10000, 20, 15, 4.0, 23), 15);
    }

    @Test
    void oneGaussianCloud() throws IOException {
        // no cluster structure at all: many local minima, the restarts decide
        assertInertiaWithinOnePercent("cloud", Embeddings.blobs(3000, 5, 1, 1.0, 29), 20);
    }

    @Test
    void xeniumCellsLogNormalized() throws IOException {
        // 526 real cells, their 30 log-normalised genes as the embedding
        assertInertiaWithinOnePercent("xenium", RealMatrices.denseNormalized(RealMatrices.xeniumToy(), Normalization.LOG1P), 8);
    }

    @Test
    void cosmxCellsLogNormalized() throws IOException {
        // 905 real cells, their 1,010 log-normalised genes as the embedding
        assertInertiaWithinOnePercent("cosmx", RealMatrices.denseNormalized(RealMatrices.cosmxBreast(), Normalization.LOG1P), 10);
    }
}
