package org.spatialx.analysis.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.embeddings.UmapAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.data.DenseMatrix;

/**
 * The correctness bar for UMAP: on the same embedding, the trustworthiness (scikit-learn's, k = 15)
 * of our layout is within 0.02 of umap-learn's, for each start; the kNN preservation of both is printed.
 */
class UmapVersusUmapLearnTest {

    @TempDir
    Path folder;

    @BeforeEach
    void python() {
        PythonReference.assumeAvailable();
    }

    private static DenseMatrix umap(DenseMatrix embedding, String init) {
        InMemoryAnalysisInput input = InMemoryAnalysisInput.withoutCounts("DA-umap", embedding.rows())
                .embedding("PCA", embedding).threads(2).build();
        UmapAnalysis.Params params = new UmapAnalysis.Params("PCA", 15, 1, init, true, null);
        return new UmapAnalysis().run(params, input, new RecordingContext(3, 2, "UMAP"))
                .embeddings().get("UMAP");
    }

    private void compare(String name, DenseMatrix embedding, String init) {
        LayoutReference reference = new LayoutReference(folder, embedding);
        long start = System.nanoTime();
        DenseMatrix ours = umap(embedding, init);
        double seconds = (System.nanoTime() - start) / 1e9;
        DenseMatrix theirs = reference.umapLearn(15, init, 3);
        List<LayoutReference.Quality> quality = reference.quality(15, 5_000, List.of(ours, theirs));
        System.out.printf("UMAP %s init=%s: ours trustworthiness %.4f kNN preservation %.4f (%.1f s);"
                + " umap-learn %.4f, %.4f%n", name, init, quality.get(0).trustworthiness(), quality.get(0).preservation(),
                seconds, quality.get(1).trustworthiness(), quality.get(1).preservation());
        assertTrue(quality.get(0).trustworthiness() >= quality.get(1).trustworthiness() - 0.02,
                name + " init=" + init + ": trustworthiness " + quality.get(0) + " vs umap-learn's " + quality.get(1));
    }

    @Test
    void generatedCellTypesWithEachStart() {
        DenseMatrix embedding = Embeddings.generated(4_000, 500, 10, 30, 11);
        for (String init : UmapAnalysis.INITS) {
            compare("generated 4,000 cells", embedding, init);
        }
    }
}
