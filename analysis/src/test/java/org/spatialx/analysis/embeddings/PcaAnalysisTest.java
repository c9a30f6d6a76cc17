package org.spatialx.analysis.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.neighbors.ExactNeighbors;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/** embeddings.pca: its declaration (protocol 7.2), its checks, its result, and Harmony's batch integration. */
class PcaAnalysisTest {

    private static final PcaAnalysis PCA = new PcaAnalysis();
    private static SyntheticCounts data;
    private static SyntheticCounts batched;

    @BeforeAll
    static void generate() {
        try (Workers workers = Workers.of(2)) {
            data = SyntheticCounts.generate(2_000, 400, 6, 1, workers);
            batched = SyntheticCounts.generate(3_000, 400, SyntheticCounts.Design.of(6).withBatches(2, 6), 4, workers);
        }
    }

    private static InMemoryAnalysisInput input(SyntheticCounts counts) {
        return InMemoryAnalysisInput.builder("DA-test", counts.counts())
                .obs("sample", Column.Categorical.ofClusters(counts.batches()))
                .obs("label", new Column.Text(Arrays.stream(counts.truth()).mapToObj(t -> "type " + t).toList()))
                .build();
    }

    @Test
    void declarationFollowsTheProtocol() {
        assertEquals("embeddings", PCA.group());
        assertEquals("pca", PCA.name());
        assertEquals("PCA", PCA.defaultTitle());
        assertEquals("embedding", PCA.groupType());
        assertEquals("PCA", PCA.subType(PCA.defaults()));
        assertTrue(PCA.runsLocally());
        assertEquals(List.of("normalizeMethod", "name", "batchKey", "nTopGenes"),
                Arrays.stream(PcaAnalysis.Params.class.getRecordComponents()).map(RecordComponent::getName).toList());
        PcaAnalysis.Params defaults = PCA.defaults();
        assertEquals(NormalizeMethod.LOG1P_NORMALIZE, defaults.normalizeMethod());
        assertNull(defaults.name());
        assertNull(defaults.batchKey());
        assertNull(defaults.nTopGenes());
    }

    @Test
    void fiftyComponentsNamedAfterTheTitleWithTheirExplainedVariance() {
        RecordingContext context = new RecordingContext(0, 2, "Connector - PCA");
        AnalysisResult result = PCA.run(PCA.defaults(), input(data), context);
        DenseMatrix embedding = result.embeddings().get("Connector - PCA");
        assertEquals(2_000, embedding.rows());
        assertEquals(50, embedding.cols());
        assertTrue(result.summary().stream().anyMatch(line -> line.startsWith("explained variance ratio: PC1 0.")),
                result.summary().toString());
        assertTrue(context.log().containsAll(result.summary()));
        assertEquals(List.of("normalize", "scale", "pca"), context.stages().stream().distinct().limit(3).toList());
        assertEquals(1.0, context.fractions().getLast());
        for (int i = 1; i < context.fractions().size(); i++) {
            assertTrue(context.fractions().get(i) >= context.fractions().get(i - 1), "progress never goes back");
        }
        // the same seed gives the same embedding
        AnalysisResult again = PCA.run(PCA.defaults(), input(data), new RecordingContext(0, 1, "Connector - PCA"));
        assertEquals(embedding, again.embeddings().get("Connector - PCA"));
    }

    @Test
    void highlyVariableGenesWhenNTopGenesIsGiven() {
        RecordingContext context = new RecordingContext(0, 2, "PCA");
        PCA.run(new PcaAnalysis.Params(NormalizeMethod.SQRT_NORMALIZE, null, null, 100), input(data), context);
        assertTrue(context.log().stream().anyMatch(line -> line.startsWith("PCA on 100 highly variable genes of 400")),
                context.log().toString());
    }

    /** The fraction of each cell's 30 nearest neighbours that share its label, averaged over the cells. */
    private static double sameLabelFraction(DenseMatrix embedding, int[] labels) {
        KnnGraph knn;
        try (Workers workers = Workers.of(2)) {
            knn = ExactNeighbors.of(embedding, 30, workers);
        }
        long same = 0;
        for (int cell = 0; cell < knn.cells(); cell++) {
            for (int j = 0; j < 30; j++) {
                same += labels[knn.neighbour(cell, j)] == labels[cell] ? 1 : 0;
            }
        }
        return same / (30.0 * knn.cells());
    }

    @Test
    void harmonyMixesTheBatchesAndKeepsTheCellTypesApart() {
        AnalysisResult plain = PCA.run(PCA.defaults(), input(batched), new RecordingContext(0, 2, "PCA"));
        RecordingContext context = new RecordingContext(0, 2, "PCA");
        AnalysisResult integrated = PCA.run(new PcaAnalysis.Params(NormalizeMethod.LOG1P_NORMALIZE, null, "sample", null),
                input(batched), context);
        double batchBefore = sameLabelFraction(plain.embeddings().get("PCA"), batched.batches());
        double batchAfter = sameLabelFraction(integrated.embeddings().get("PCA"), batched.batches());
        double typeBefore = sameLabelFraction(plain.embeddings().get("PCA"), batched.truth());
        double typeAfter = sameLabelFraction(integrated.embeddings().get("PCA"), batched.truth());
        System.out.printf("Harmony, 2 batches: neighbours from the same batch %.3f -> %.3f, of the same type %.3f -> %.3f%n",
                batchBefore, batchAfter, typeBefore, typeAfter);
        assertTrue(batchBefore > 0.8, "the generated batch effect separates the batches: " + batchBefore);
        assertTrue(batchAfter < 0.7, "after Harmony the batches mix: " + batchAfter);
        assertTrue(typeAfter > 0.9, "after Harmony the cell types stay apart: " + typeAfter);
        assertTrue(context.log().stream().anyMatch(line -> line.startsWith("Harmony on batch_key 'sample': 2 batches")),
                context.log().toString());
    }

    @Test
    void clearErrorsForBadInput() {
        AnalysisException method = assertThrows(AnalysisException.class,
                () -> PCA.validate(new PcaAnalysis.Params(null, null, null, null)));
        assertTrue(method.getMessage().contains("log1p-normalized, sqrt-normalized or raw"), method.getMessage());
        AnalysisException top = assertThrows(AnalysisException.class,
                () -> PCA.validate(new PcaAnalysis.Params(NormalizeMethod.RAW, null, null, 1)));
        assertTrue(top.getMessage().contains("n_top_genes must be at least 2"), top.getMessage());
        AnalysisException batch = assertThrows(AnalysisException.class, () -> PCA.run(
                new PcaAnalysis.Params(NormalizeMethod.RAW, null, "donor", null), input(data), new RecordingContext(0, 1, "x")));
        assertTrue(batch.getMessage().contains("no metadata column 'donor'") && batch.getMessage().contains("sample, label"),
                batch.getMessage());
    }

    @Test
    void stopsWhenCancelled() {
        RecordingContext context = new RecordingContext(0, 2, "PCA");
        context.cancel();
        assertThrows(CancellationException.class, () -> PCA.run(PCA.defaults(), input(data), context));
    }
}
