package org.spatialx.analysis.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.Embeddings;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;

/** clustering.leiden and clustering.louvain: declarations (protocol 7.2), checks and results. */
class ClusteringAnalysesTest {

    private static SyntheticCounts data;
    private static InMemoryAnalysisInput input;

    @BeforeAll
    static void generate() {
        try (Workers workers = Workers.of(2)) {
            data = SyntheticCounts.generate(3_000, 400, 8, 13, workers);
        }
        input = InMemoryAnalysisInput.builder("DA-test", data.counts())
                .embedding("Connector - PCA", Embeddings.pca(data.counts(), 0).scores())
                .threads(2)
                .build();
    }

    /** A kind, its title and a way to build its params. */
    record Kind(Analysis<? extends Record> analysis, String title, ParamsFactory params) {
        @Override
        public String toString() {
            return analysis.name();
        }
    }

    @FunctionalInterface
    interface ParamsFactory {
        Record of(String embeddingKey, Double resolution, int nNeighbors, int localConnectivity, String name);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new Kind(new LeidenAnalysis(), "Leiden", LeidenAnalysis.Params::new)),
                Arguments.of(new Kind(new LouvainAnalysis(), "Louvain", LouvainAnalysis.Params::new)));
    }

    @SuppressWarnings("unchecked")
    private static AnalysisResult run(Kind kind, Record params, AnalysisInput on, RecordingContext context) throws Exception {
        return ((Analysis<Record>) kind.analysis()).run(params, on, context);
    }

    @SuppressWarnings("unchecked")
    private static void validate(Kind kind, Record params) {
        ((Analysis<Record>) kind.analysis()).validate(params);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void declarationFollowsTheProtocol(Kind kind) {
        Analysis<? extends Record> analysis = kind.analysis();
        assertEquals("clustering", analysis.group());
        assertEquals(kind.title().toLowerCase(java.util.Locale.ROOT), analysis.name());
        assertEquals(kind.title(), analysis.defaultTitle());
        assertEquals("clustering", analysis.groupType());
        assertTrue(analysis.runsLocally());
        RecordComponent[] components = analysis.paramsType().getRecordComponents();
        assertEquals(List.of("embeddingKey", "resolution", "nNeighbors", "localConnectivity", "name"),
                Arrays.stream(components).map(RecordComponent::getName).toList());
        assertTrue(components[0].isAnnotationPresent(Required.class));
        assertTrue(components[1].isAnnotationPresent(Required.class));
        Record defaults = analysis.defaults();
        assertEquals(kind.params().of(null, null, 90, 1, null), defaults);
        assertEquals(kind.title(), subType(kind, defaults));
    }

    @SuppressWarnings("unchecked")
    private static String subType(Kind kind, Record params) {
        return ((Analysis<Record>) kind.analysis()).subType(params);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void clustersOfTheGeneratedCellTypesNumberedBySize(Kind kind) throws Exception {
        RecordingContext context = new RecordingContext(0, 2, "Connector - " + kind.title());
        AnalysisResult result = run(kind, kind.params().of("Connector - PCA", 0.5, 90, 1, null), input, context);
        Column.Categorical clusters = (Column.Categorical) result.obs().get("Connector - " + kind.title());
        assertEquals(3_000, clusters.size());
        int[] sizes = ClusterLabels.sizes(clusters.codes());
        for (int c = 0; c < sizes.length; c++) {
            assertEquals(Integer.toString(c), clusters.categories().get(c));
            assertTrue(c == 0 || sizes[c - 1] >= sizes[c], "largest first: " + Arrays.toString(sizes));
        }
        double ari = AdjustedRandIndex.of(clusters.codes(), data.truth());
        System.out.printf("%s on generated data (8 types, 3,000 cells): %d clusters, ARI to the truth %.3f%n", kind.title(),
                sizes.length, ari);
        assertTrue(ari > 0.9, "ARI " + ari);
        assertTrue(result.summary().getFirst().startsWith(kind.title() + " at resolution 0.5 on 'Connector - PCA'"
                + " (n_neighbors=90): " + sizes.length + " clusters, modularity 0."), result.summary().toString());
        assertEquals(1.0, context.fractions().getLast());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void clearErrorsForBadInput(Kind kind) throws Exception {
        String call = "clustering." + kind.analysis().name();
        AnalysisException resolution = assertThrows(AnalysisException.class,
                () -> validate(kind, kind.params().of("Connector - PCA", 0.0, 90, 1, null)));
        assertEquals(call + ": resolution must be a positive number (larger gives more clusters), got 0.0",
                resolution.getMessage());
        AnalysisException missing = assertThrows(AnalysisException.class,
                () -> validate(kind, kind.params().of("Connector - PCA", null, 90, 1, null)));
        assertTrue(missing.getMessage().contains("got null"), missing.getMessage());
        AnalysisException neighbours = assertThrows(AnalysisException.class,
                () -> validate(kind, kind.params().of("Connector - PCA", 1.0, 1, 1, null)));
        assertTrue(neighbours.getMessage().contains("n_neighbors must be at least 2"), neighbours.getMessage());
        AnalysisException unknown = assertThrows(AnalysisException.class, () -> run(kind,
                kind.params().of("UMAP", 1.0, 90, 1, null), input, new RecordingContext(0, 1, "x")));
        assertEquals(call + ": data set DA-test has no embedding 'UMAP'; its embeddings are: Connector - PCA",
                unknown.getMessage());
        // more neighbours than cells: scanpy's rule, n_neighbors = n_obs (the notebook's default 90 on 50 spots)
        InMemoryAnalysisInput small = InMemoryAnalysisInput.withoutCounts("DA-small", 50)
                .embedding("PCA", org.spatialx.analysis.testing.Embeddings.blobs(50, 2, 2, 0.1, 1)).build();
        RecordingContext smallContext = new RecordingContext(0, 1, "x");
        AnalysisResult clustered = run(kind, kind.params().of("PCA", 1.0, 90, 1, null), small, smallContext);
        assertEquals(50, clustered.obs().get("x").size());
        assertTrue(smallContext.log().contains(call + ": n_neighbors = 90 but data set DA-small has 50 cells: using"
                + " n_neighbors = 50, as scanpy does"), smallContext.log().toString());
        InMemoryAnalysisInput two = InMemoryAnalysisInput.withoutCounts("DA-two", 2)
                .embedding("PCA", org.spatialx.analysis.testing.Embeddings.blobs(2, 2, 1, 0.1, 1)).build();
        AnalysisException tooFew = assertThrows(AnalysisException.class, () -> run(kind,
                kind.params().of("PCA", 1.0, 90, 1, null), two, new RecordingContext(0, 1, "x")));
        assertEquals(call + ": data set DA-two has 2 cells; clustering needs at least 3.", tooFew.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stopsWhenCancelled(Kind kind) {
        RecordingContext context = new RecordingContext(0, 2, "x");
        context.cancel();
        assertThrows(CancellationException.class,
                () -> run(kind, kind.params().of("Connector - PCA", 1.0, 30, 1, null), input, context));
    }
}
