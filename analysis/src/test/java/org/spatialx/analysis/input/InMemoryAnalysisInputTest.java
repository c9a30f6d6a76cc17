package org.spatialx.analysis.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;

/** The in-memory table: lookups that name what exists, and neighbours computed once per (embedding, k). */
class InMemoryAnalysisInputTest {

    private static final ExpressionMatrix COUNTS = RealMatrices.xeniumToy();
    private static final DenseMatrix PCS = Embeddings.pca(COUNTS, 0).scores();

    private static InMemoryAnalysisInput input() {
        return InMemoryAnalysisInput.builder("DA-1", COUNTS)
                .embedding("Connector - PCA", PCS)
                .obs("fov", new Column.Numeric(new double[COUNTS.cellCount()]))
                .threads(2)
                .build();
    }

    @Test
    void neighboursAreComputedOncePerEmbeddingAndK() {
        InMemoryAnalysisInput input = input();
        KnnGraph fifteen = input.neighbours("Connector - PCA", 14);
        assertSame(fifteen, input.neighbours("Connector - PCA", 14));
        KnnGraph thirty = input.neighbours("Connector - PCA", 29);
        assertNotSame(fifteen, thirty);
        assertEquals(COUNTS.cellCount(), thirty.cells());
        assertEquals(29, thirty.k());
    }

    @Test
    void lookupsNameWhatTheTableHas() {
        InMemoryAnalysisInput input = input();
        assertEquals(COUNTS.geneNames(), input.geneNames());
        AnalysisException embedding = assertThrows(AnalysisException.class, () -> input.embedding("UMAP"));
        assertEquals("Data set DA-1 has no embedding 'UMAP'; its embeddings are: Connector - PCA", embedding.getMessage());
        AnalysisException obs = assertThrows(AnalysisException.class, () -> input.obs("cell type"));
        assertEquals("Data set DA-1 has no metadata column 'cell type'; its columns are: fov", obs.getMessage());
        AnalysisException spatial = assertThrows(AnalysisException.class, input::spatial);
        assertTrue(spatial.getMessage().contains("no spatial coordinates"));
        AnalysisException other = assertThrows(AnalysisException.class, () -> input.dataSet("DA-2"));
        assertTrue(other.getMessage().contains("DA-2"), other.getMessage());
        assertSame(input, input.dataSet("DA-1"));
        AnalysisException neighbours = assertThrows(AnalysisException.class,
                () -> input.neighbours("Connector - PCA", COUNTS.cellCount()));
        assertTrue(neighbours.getMessage().startsWith("Cannot find 526 neighbours in embedding 'Connector - PCA'"),
                neighbours.getMessage());
    }

    @Test
    void rejectsColumnsOfTheWrongLength() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InMemoryAnalysisInput.builder("DA-1", COUNTS).obs("x", new Column.Text(List.of("a"))).build());
        assertEquals("obs column 'x' has 1 rows for 526 cells", error.getMessage());
    }
}
