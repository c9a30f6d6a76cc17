package org.spatialx.analysis.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.embeddings.TsneAnalysis;
import org.spatialx.analysis.embeddings.UmapAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.DenseMatrix;

/**
 * UMAP and t-SNE without Python: a seed gives the same layout with one thread or two (and another seed
 * another layout), progress is reported per stage, and bad input is a clear error before anything is
 * computed (perplexity too large for the cells, an embedding the table does not have).
 */
class LayoutAnalysesTest {

    private static DenseMatrix embedding;

    @BeforeAll
    static void generate() {
        embedding = Embeddings.generated(1_200, 200, 6, 20, 5);
    }

    private static InMemoryAnalysisInput input(DenseMatrix points, int threads) {
        return InMemoryAnalysisInput.withoutCounts("DA-layout", points.rows()).embedding("PCA", points)
                .threads(threads).build();
    }

    private static double[] umap(RecordingContext context) {
        AnalysisResult result = new UmapAnalysis().run(new UmapAnalysis.Params("PCA", 15, 1, "spectral", true, null),
                input(embedding, context.threads()), context);
        return result.embeddings().get(context.outputName()).values();
    }

    private static double[] tsne(long seed, int threads, String init) {
        RecordingContext context = new RecordingContext(seed, threads, "t-SNE");
        AnalysisResult result = new TsneAnalysis().run(new TsneAnalysis.Params("PCA", 90, 1, init, 30.0, null),
                input(embedding, threads), context);
        return result.embeddings().get("t-SNE").values();
    }

    @Test
    void umapIsTheSameForASeedWithAnyThreadCount() {
        RecordingContext one = new RecordingContext(7, 1, "UMAP");
        double[] single = umap(one);
        double[] parallel = umap(new RecordingContext(7, 2, "UMAP"));
        assertArrayEquals(single, parallel);
        assertFalse(Arrays.equals(single, umap(new RecordingContext(8, 2, "UMAP"))), "another seed, another layout");
        assertEquals(2 * embedding.rows(), single.length);
        // one line per stage: neighbours, the optimisation as it goes, the preservation, done
        assertEquals(List.of("neighbours", "umap", "neighbour preservation", "done"),
                one.stages().stream().distinct().toList());
        assertTrue(one.stages().stream().filter("umap"::equals).count() >= 5, "progress along the epochs");
        assertTrue(one.log().stream().anyMatch(line -> line.contains("kNN preservation")
                || line.contains("neighbour preservation")), String.join("\n", one.log()));
    }

    @Test
    void tsneIsTheSameForASeedWithAnyThreadCount() {
        double[] single = tsne(3, 1, "gaussian");
        assertArrayEquals(single, tsne(3, 2, "gaussian"));
        assertFalse(Arrays.equals(single, tsne(4, 2, "gaussian")), "another seed, another random start");
        // the pca start and exact neighbours leave nothing to chance, as in scikit-learn
        assertArrayEquals(tsne(3, 2, "pca"), tsne(4, 1, "pca"));
    }

    @Test
    void badInputIsAClearErrorBeforeAnythingRuns() {
        DenseMatrix few = new DenseMatrix(40, 20, Arrays.copyOf(embedding.values(), 40 * 20));
        RecordingContext context = new RecordingContext(0, 2, "t-SNE");
        String tooLarge = assertThrows(AnalysisException.class, () -> new TsneAnalysis().run(
                new TsneAnalysis.Params("PCA", 90, 1, "pca", 50.0, null), input(few, 2), context)).getMessage();
        assertTrue(tooLarge.contains("perplexity=50 is too large") && tooLarge.contains("cells - 1 = 39"), tooLarge);
        assertEquals(List.of(), context.stages(), "nothing computed");
        String missing = assertThrows(AnalysisException.class, () -> new UmapAnalysis().run(
                new UmapAnalysis.Params("Harmony", 15, 1, "pca", true, null), input(few, 2),
                new RecordingContext(0, 2, "UMAP"))).getMessage();
        assertTrue(missing.contains("Harmony"), missing);
    }
}
