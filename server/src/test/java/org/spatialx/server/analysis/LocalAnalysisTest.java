package org.spatialx.server.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.SampleData;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.analysis.Analyses;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.DataFrame;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * The notebook's section 1.9 on the local server, on the bundled Xenium toy (526 cells x 30 genes)
 * ingested through the connector: PCA, Louvain on it, k-means, DE genes between two clusters, the
 * listings showing what was added, the logs ending with DONE.; bad input failing with a clear line and
 * leaving the table as it was, and kinds that run on SpatialX only refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalAnalysisTest {

    @TempDir
    static Path temp;
    LocalServer server;
    SpatialXConnector connector;
    final List<String> logLines = new CopyOnWriteArrayList<>();
    String dataId;
    Path table;

    @BeforeAll
    void ingest() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path xenium = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"),
                data.resolve("Xenium"));
        // the XOA 3 run's experiment.xenium completes the layout, as in the notebook's submission test
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("analysis-test-token")
                .withMount("data", data));
        connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(logLines::add).logPollInterval(java.time.Duration.ofMillis(50)).build());
        List<SampleData> sample = connector.parseDataInformation("Toy", "XENIUM", xenium.toString());
        SubmissionResult result = connector.submit("Personal workspace", "human", "Analyses", "Toy", sample,
                new SubmitOptions("", true, 120));
        dataId = result.sampleData().get(0).dataId();
        assertTrue(logLines.getLast().endsWith("DONE."), String.join("\n", logLines));
        String dataPath = connector.getStudyDetail(result.studyId()).study().dataPath();
        String tableName = connector.getSampleDataElements(dataId).get("annotated_data").get(0);
        SampleStore store = SampleStore.create(Path.of(dataPath), result.sampleId());
        table = store.path(SampleStore.Group.TABLES, store.elements(SampleStore.Group.TABLES).get(tableName));
    }

    @AfterAll
    void stop() {
        connector.close();
        server.close();
    }

    private static Map<String, Object> kwargs(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Runs an analysis as the notebook does and returns its log (the lines tracking printed). */
    private List<String> run(String group, String kind, Map<String, Object> arguments) {
        logLines.clear();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) connector.analysis().group(group).call(kind, arguments);
        assertTrue(payload.get("analysis_id").toString().startsWith("AN-"), payload.toString());
        assertEquals(dataId, payload.get("data_id"));
        return new ArrayList<>(logLines);
    }

    private AnnDataTable table() {
        return AnnDataTable.open(table);
    }

    @Test
    @Order(1)
    void pcaAddsAnEmbeddingThatListEmbeddingShows() {
        List<String> log = run("embeddings", "pca", kwargs("data_id", dataId, "title", "Connector - PCA"));
        assertEquals("DONE.", log.getLast(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("pca: ")), "progress is logged: " + log);
        assertTrue(log.stream().anyMatch(l -> l.contains("explained variance ratio")), String.join("\n", log));
        Analyses analysis = connector.analysis();
        assertEquals(List.of("Connector - PCA", "Spatial Cell centers"), analysis.listEmbedding(dataId), "sorted as SpatialX lists them");
        // a listing reads the store and creates nothing in it (a group folder taken away stays away)
        Path images = table.getParent().getParent().resolve("images");
        try (var files = Files.walk(images)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of("Connector - PCA", "Spatial Cell centers"), analysis.listEmbedding(dataId));
        assertFalse(Files.exists(images), "get_annotated_element created " + images);
        DenseMatrix pca = table().obsm("Connector - PCA");
        assertEquals(526, pca.rows());
        assertTrue(pca.cols() >= 10 && pca.cols() <= 29, "components: " + pca.cols());
        assertTrue(table().ids(Slot.OBSM).stream().anyMatch(id -> id.startsWith("AN-")));
    }

    @Test
    @Order(2)
    void louvainAndKmeansAddCategoricalLabels() {
        List<String> log = run("clustering", "louvain", kwargs("data_id", dataId, "embedding_key", "Connector - PCA",
                "resolution", 0.5, "title", "Connector - Louvain"));
        assertEquals("DONE.", log.getLast(), String.join("\n", log));
        run("clustering", "kmeans", kwargs("data_id", dataId, "embedding_key", "Connector - PCA", "n_clusters", 5,
                "title", "Connector - k-means"));
        List<String> metadata = connector.analysis().listMetadata(dataId);
        assertTrue(metadata.containsAll(List.of("Connector - Louvain", "Connector - k-means")), metadata.toString());
        Column louvain = table().obs("Connector - Louvain");
        Column kmeans = table().obs("Connector - k-means");
        assertTrue(louvain instanceof Column.Categorical c && c.categories().size() >= 2, louvain.toString());
        assertTrue(kmeans instanceof Column.Categorical c && c.categories().size() == 5, kmeans.toString());
        assertEquals(526, louvain.size());
    }

    @Test
    @Order(3)
    void deGenesBetweenTwoClustersIsATableResult() {
        Column.Categorical kmeans = (Column.Categorical) table().obs("Connector - k-means");
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int cell = 0; cell < kmeans.codes().length; cell++) {
            (kmeans.codes()[cell] == 0 ? first : second).add(cell);
        }
        List<String> log = run("de", "differential_expression_genes", kwargs("data_id_1", dataId, "data_id_2", dataId,
                "group_1_indices", first, "group_2_indices", second, "method", "wilcoxon", "title", "Cluster 0 vs rest"));
        assertEquals("DONE.", log.getLast(), String.join("\n", log));
        DataFrame result = table().result("Cluster 0 vs rest");
        assertEquals(30, result.rowCount());
        assertTrue(result.columns().containsKey("p-value"), result.columns().keySet().toString());
        // the results are written under the server's one mode policy, like everything else it writes
        try (var tree = Files.walk(table)) {
            tree.forEach(path -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", mode, path.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void badInputFailsTheJobWithAClearLineAndWritesNothing() {
        List<String> embeddings = connector.analysis().listEmbedding(dataId);
        List<String> metadata = connector.analysis().listMetadata(dataId);
        List<String> unknown = run("clustering", "leiden", kwargs("data_id", dataId, "embedding_key", "UMAP",
                "resolution", 1.0));
        assertTrue(unknown.getLast().startsWith("FAILED: ") && unknown.getLast().contains("no embedding 'UMAP'")
                && unknown.getLast().contains("Connector - PCA"), unknown.getLast());
        List<String> tooMany = run("clustering", "kmeans", kwargs("data_id", dataId, "embedding_key", "Connector - PCA",
                "n_clusters", 1000));
        assertTrue(tooMany.getLast().startsWith("FAILED: ") && tooMany.getLast().contains("1000"), tooMany.getLast());
        List<String> venice = run("de", "differential_expression_genes", kwargs("data_id_1", dataId, "data_id_2", dataId,
                "group_1_indices", List.of(0, 1, 2), "group_2_indices", List.of(3, 4, 5)));
        assertTrue(venice.getLast().contains("Venice") && venice.getLast().contains("wilcoxon"), venice.getLast());
        List<String> taken = run("embeddings", "pca", kwargs("data_id", dataId, "title", "Connector - PCA"));
        assertTrue(taken.getLast().contains("already has an embedding named 'Connector - PCA'"), taken.getLast());
        assertEquals(embeddings, connector.analysis().listEmbedding(dataId));
        assertEquals(metadata, connector.analysis().listMetadata(dataId));
    }

    @Test
    @Order(5)
    void kindsThatRunOnSpatialXOnlyAreRefusedSayingSo() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> connector.analysis().embeddings()
                .call("scvi", kwargs("data_id", dataId)));
        assertTrue(error.getMessage().contains("runs on a SpatialX server only"), error.getMessage());
        assertTrue(error.getMessage().contains("embeddings.pca"), error.getMessage());
        assertFalse(connector.analysis().listEmbedding(dataId).stream().anyMatch(n -> n.startsWith("scVI")));
    }
}
