package org.spatialx.analysis.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.embeddings.TsneAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.data.DenseMatrix;

/**
 * The correctness bar for t-SNE: on the same embedding, the trustworthiness (scikit-learn's, k = 15)
 * of our layout is within 0.02 of scikit-learn's TSNE; the kNN preservation of both is printed.
 */
class TsneVersusSklearnTest {

    @TempDir
    Path folder;

    @BeforeEach
    void python() {
        PythonReference.assumeAvailable();
    }

    private static DenseMatrix tsne(DenseMatrix embedding, String init) {
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-tsne", embedding.rows())
                .embedding("PCA", embedding).threads(2).build();
        TsneAnalysis.Params params = new TsneAnalysis.Params("PCA", 90, 1, init, 30.0, null);
        return new TsneAnalysis().run(params, input, new RecordingContext(3, 2, "t-SNE")).embeddings().get("t-SNE");
    }

    private void compare(String name, DenseMatrix embedding, String init, String sklearnInit) {
        LayoutReference reference = new LayoutReference(folder, embedding);
        long start = System.nanoTime();
        DenseMatrix ours = tsne(embedding, init);
        double seconds = (System.nanoTime() - start) / 1e9;
        DenseMatrix theirs = reference.sklearnTsne(30, sklearnInit, 3);
        List<LayoutReference.Quality> quality = reference.quality(15, 5_000, List.of(ours, theirs));
        System.out.printf("t-SNE %s init=%s: ours trustworthiness %.4f kNN preservation %.4f (%.1f s);"
                + " scikit-learn (init=%s) %.4f, %.4f%n", name, init, quality.get(0).trustworthiness(),
                quality.get(0).preservation(), seconds, sklearnInit, quality.get(1).trustworthiness(),
                quality.get(1).preservation());
        assertTrue(quality.get(0).trustworthiness() >= quality.get(1).trustworthiness() - 0.02,
                name + " init=" + init + ": trustworthiness " + quality.get(0) + " vs scikit-learn's " + quality.get(1));
    }

    @Test
    void generatedCellTypes() {
        DenseMatrix embedding = Embeddings.generated(4_000, 500, 10, 30, 11);
        compare("generated 4,000 cells", embedding, "pca", "pca");
        compare("generated 4,000 cells", embedding, "gaussian", "random");
    }
}
