package org.spatialx.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.ScriptedResponse.text;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.TestConnectors;

/**
 * {@code connector.analysis} on the wire (protocol 7.1 - 7.3): exact {@code analysis/create} bodies with
 * the params text in key order and the extra keywords after them, id resolution and its two errors, the
 * F fixes (DE ids from {@code data_id_1}, region segmentation's element ids), log tracking and the
 * payload returned; a kind that is not built in is called the same way.
 */
class AnalysisRequestsTest {

    private static final String PYAPI = "/spatialx/pyapi/v1/";
    private final List<String> tracked = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(server ->
            new SpatialXConnector(server.url("/spatialx/"), TestConnectors.TOKEN,
                    TestConnectors.options(tracked).build()));

    private static String dataDetail(String dataId, String mapSubmitResult) {
        return "{\"data_id\": \"" + dataId + "\", \"sample_id\": \"SP-1\", \"study_id\": \"ST-1\", \"title\": \"Run\","
                + " \"map_submit_result\": " + mapSubmitResult + "}";
    }

    private void serveDataAndLog(String dataId, String mapSubmitResult) {
        recording.server().on("GET", OPENAPI + "data/detail", ok(dataDetail(dataId, mapSubmitResult)));
        recording.server().on("POST", OPENAPI + "analysis/create", ok("""
                {"study_id": "ST-1", "sample_id": "SP-1", "data_id": "%s", "analysis_id": "AN-9", "job_id": 4}"""
                .formatted(dataId)));
        recording.server().on("GET", OPENAPI + "study/detail", ok("""
                {"study": {"study_id": "ST-1", "data_path": "/data/u/ST-1"}, "samples": []}"""));
        recording.server().on("GET", "/spatialx/ucc.go/data/u/ST-1/analysis/AN-9/analysis.log",
                text("Running PCA\nDONE.\n"));
    }

    private static Map<String, Object> kwargs(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private RecordedRequest create() {
        return recording.server().requests().stream().filter(r -> r.path().endsWith("analysis/create")).findFirst()
                .orElseThrow();
    }

    @Test
    void pcaSendsTheProtocolExampleAndReturnsThePayloadAfterTheLog() {
        serveDataAndLog("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}}}");
        Object payload = recording.connector().analysis().embeddings()
                .call("pca", kwargs("data_id", "DA-X", "title", "Connector - PCA"));
        assertEquals("""
                {"data": {"title": "Connector - PCA", "params": "{\\"normalize_method\\": \\"log1p-normalized\\", \
                \\"name\\": \\"Connector - PCA\\", \\"batch_key\\": null, \\"n_top_genes\\": null, \\"data_id\\": \
                \\"DA-X\\"}", "display_params": "{}", "sub_type": "PCA", "group_type": "embedding", "description": \
                "Connector - PCA"}, "study_id": "ST-1", "sample_id": "SP-1", "data_id": "DA-X", "table_id": "TB-1"}""",
                create().bodyText());
        List<String> paths = recording.server().requests().stream().map(r -> r.method() + " " + r.path()).toList();
        assertEquals(List.of("GET " + OPENAPI + "data/detail", "POST " + OPENAPI + "analysis/create",
                "GET " + OPENAPI + "study/detail", "GET /spatialx/ucc.go/data/u/ST-1/analysis/AN-9/analysis.log"), paths);
        assertEquals(List.of("Running PCA", "DONE."), tracked);
        assertEquals(Map.of("study_id", "ST-1", "sample_id", "SP-1", "data_id", "DA-X", "analysis_id", "AN-9",
                "job_id", 4), payload);
    }

    @Test
    void withoutTitleTheDefaultTitleIsShownAndNameIsNull() {
        serveDataAndLog("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}}}");
        recording.connector().analysis().clustering().call("kmeans",
                kwargs("data_id", "DA-X", "embedding_key", "Connector - PCA", "n_clusters", 8));
        assertEquals("""
                {"data": {"title": "k-means", "params": "{\\"embedding_key\\": \\"Connector - PCA\\", \\"n_clusters\\": 8, \
                \\"name\\": null, \\"data_id\\": \\"DA-X\\"}", "display_params": "{}", "sub_type": "k-means", \
                "group_type": "clustering", "description": "k-means"}, "study_id": "ST-1", "sample_id": "SP-1", \
                "data_id": "DA-X", "table_id": "TB-1"}""", create().bodyText());
    }

    @Test
    void explicitIdsWinAndInfoArgsFillTheIdsWithoutJoiningTheParams() {
        serveDataAndLog("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\", \"TB-2\": \"Spots\"}}}");
        recording.connector().analysis().clustering().call("louvain", kwargs("embedding_key", "PCA",
                "resolution", 0.5, "info_args", Map.of("data_id", "DA-X", "table_id", "TB-2")));
        String body = create().bodyText();
        assertTrue(body.contains("\"params\": \"{\\\"embedding_key\\\": \\\"PCA\\\", \\\"resolution\\\": 0.5, "
                + "\\\"n_neighbors\\\": 90, \\\"local_connectivity\\\": 1, \\\"name\\\": null}\""), body);
        assertTrue(body.endsWith("\"study_id\": \"ST-1\", \"sample_id\": \"SP-1\", \"data_id\": \"DA-X\", "
                + "\"table_id\": \"TB-2\"}"), body);
    }

    @Test
    void theTwoTableErrorsOfProtocol71() {
        recording.server().on("GET", OPENAPI + "data/detail", ok(dataDetail("DA-0", "{\"SB-1\": {}}")),
                ok(dataDetail("DA-2", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"a\"}}, "
                        + "\"SB-2\": {\"annotated_data\": {\"TB-2\": \"b\"}}}")));
        AnalysisGroup embeddings = recording.connector().analysis().embeddings();
        assertEquals("Not found any annotated data.", assertThrows(SpatialXInvalidInputException.class,
                () -> embeddings.call("pca", kwargs("data_id", "DA-0"))).getMessage());
        assertEquals("Found too many annotated data: ['TB-1', 'TB-2']. Please identify an ID by `table_id=...`",
                assertThrows(SpatialXInvalidInputException.class,
                        () -> embeddings.call("pca", kwargs("data_id", "DA-2"))).getMessage());
        assertTrue(recording.server().requests().stream().noneMatch(r -> r.path().endsWith("analysis/create")));
    }

    @Test
    void differentialExpressionFillsItsIdsFromDataId1() {
        serveDataAndLog("DA-1", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}}}");
        recording.connector().analysis().de().call("differential_expression_genes", kwargs("data_id_1", "DA-1",
                "data_id_2", "DA-1", "group_1_indices", List.of(0, 2), "group_2_indices", List.of(1, 3),
                "method", "wilcoxon"));
        assertEquals("""
                {"data": {"title": "DE genes", "params": "{\\"group_1_indices\\": [0, 2], \\"group_2_indices\\": [1, 3], \
                \\"group_1_name\\": \\"Group 1\\", \\"group_2_name\\": \\"Group 2\\", \\"method\\": \\"wilcoxon\\", \
                \\"normalize_method\\": \\"log1p-normalized\\", \\"sample_id_1\\": \\"SP-1\\", \\"sample_id_2\\": \
                \\"SP-1\\", \\"table_id_1\\": \\"TB-1\\", \\"table_id_2\\": \\"TB-1\\", \\"name\\": null}", \
                "display_params": "{}", "sub_type": "de_genes", "group_type": "deg", "description": "DE genes"}, \
                "study_id": "ST-1", "sample_id": "SP-1", "data_id": "DA-1", "table_id": "TB-1"}""", create().bodyText());
        assertEquals(1, recording.server().requests().stream().filter(r -> r.path().endsWith("data/detail")).count(),
                "one data/detail per data set");
    }

    @Test
    void regionSegmentationResolvesItsElementIdsFromTheDataIdKeyword() {
        serveDataAndLog("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}, \"transcripts\": "
                + "{\"TR-1\": \"Transcripts\"}}}");
        recording.connector().analysis().group("spatial_analysis").call("region_segmentation",
                kwargs("data_id", "DA-X", "radius", 50.0, "mpp", 0.2125, "species", "human"));
        String body = create().bodyText();
        assertTrue(body.contains("\\\"transcripts_id\\\": \\\"TR-1\\\", \\\"spots_id\\\": null, \\\"name\\\": null, "
                + "\\\"data_id\\\": \\\"DA-X\\\"}"), body);
    }

    @Test
    void listingsPostTheAnnotatedElementRequest() {
        recording.server().on("GET", OPENAPI + "data/detail",
                ok(dataDetail("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}}}")));
        recording.server().on("POST", PYAPI + "metadata/get_annotated_element",
                ok("[\"Spatial Cell centers\", \"Connector - PCA\"]"), ok("[\"Number of genes\"]"));
        assertEquals(List.of("Spatial Cell centers", "Connector - PCA"), recording.connector().analysis().listEmbedding("DA-X"));
        assertEquals(List.of("Number of genes"), recording.connector().analysis().listMetadata("DA-X"));
        List<RecordedRequest> posts = recording.server().requests().stream()
                .filter(r -> r.path().endsWith("get_annotated_element")).toList();
        assertEquals("{\"study_id\": \"ST-1\", \"sample_id\": \"SP-1\", \"table_id\": \"TB-1\", \"element\": \"obsm\"}",
                posts.get(0).bodyText());
        assertEquals("{\"study_id\": \"ST-1\", \"sample_id\": \"SP-1\", \"table_id\": \"TB-1\", \"element\": \"obs\"}",
                posts.get(1).bodyText());
    }

    @Test
    void missingRequiredParamsAndBadValuesAreRefusedBeforeAnythingIsSent() {
        AnalysisGroup clustering = recording.connector().analysis().clustering();
        assertEquals("louvain() missing required argument 'embedding_key'", assertThrows(
                SpatialXInvalidInputException.class, () -> clustering.call("louvain", kwargs("resolution", 1.0)))
                .getMessage());
        assertTrue(assertThrows(RuntimeException.class, () -> clustering.call("louvain",
                kwargs("embedding_key", "PCA", "resolution", -1.0, "data_id", "DA-X"))).getMessage().contains("resolution"));
        assertTrue(recording.server().requests().isEmpty());
    }

    /** A kind that is not built in: what a plugin declares. */
    public static final class MoransI implements Analysis<MoransI.Params> {
        /** Its params. */
        public record Params(double radius, String name) {
            /** Defaults. */
            public static Params defaults() {
                return new Params(50, null);
            }
        }

        @Override public String group() { return "spatial_statistics"; }
        @Override public String name() { return "morans_i"; }
        @Override public String defaultTitle() { return "Moran's I"; }
        @Override public String groupType() { return "svg"; }
        @Override public String subType(Params params) { return "morans_i"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Params defaults() { return Params.defaults(); }
    }

    @Test
    void aKindFromElsewhereIsCalledLikeABuiltInOne() {
        try (SpatialXConnector connector = new SpatialXConnector(recording.server().url("/spatialx/"),
                TestConnectors.TOKEN, TestConnectors.options(tracked).analyses(List.of(new MoransI())).build())) {
            serveDataAndLog("DA-X", "{\"SB-1\": {\"annotated_data\": {\"TB-1\": \"Cells\"}}}");
            assertEquals("Analyses[spatial_statistics, prediction]", connector.analysis().toString());
            connector.analysis().group("spatial_statistics").call("morans_i", kwargs("data_id", "DA-X", "radius", 30));
            assertTrue(create().bodyText().startsWith("{\"data\": {\"title\": \"Moran's I\", \"params\": "
                    + "\"{\\\"radius\\\": 30.0, \\\"name\\\": null, \\\"data_id\\\": \\\"DA-X\\\"}\""), create().bodyText());
        }
    }
}
