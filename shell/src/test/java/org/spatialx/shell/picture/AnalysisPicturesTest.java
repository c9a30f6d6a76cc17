package org.spatialx.shell.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.de.DifferentialExpressionAnalysis;
import org.spatialx.api.data.Column;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ElementOptions;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.shell.binding.NotebookObject;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.binding.WireJson;
import org.spatialx.shell.testing.IngestedXenium;

/**
 * The notebook's section 1.9 through the local server on an ingested Xenium table (PCA, Leiden, UMAP, t-SNE,
 * metadata_reference, region_segmentation, DE genes of a cluster against the rest), then the pictures of
 * the results people look at: {@code render_embedding} (UMAP by Leiden, by a gene; t-SNE),
 * {@code render_spatial} by regions and predicted cell types, {@code render_volcano} of the DE result with
 * its top genes. Bad analysis input writes nothing; bad picture arguments are clear errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisPicturesTest {

    @TempDir
    static Path temp;
    IngestedXenium ingested;
    String dataId;
    int cells;
    List<String> markers;

    @BeforeAll
    void analyse() throws Exception {
        ingested = IngestedXenium.start(temp);
        dataId = ingested.dataId();
        // the notebook's section 1.9, as it calls them, through the local server's analysis jobs
        analyse("embeddings", "pca", kwargs("data_id", dataId, "title", "Connector - PCA"));
        analyse("clustering", "leiden", kwargs("data_id", dataId, "embedding_key", "Connector - PCA",
                "resolution", 1.0, "title", "Connector - Leiden"));
        analyse("embeddings", "umap", kwargs("data_id", dataId, "embedding_key", "Connector - PCA",
                "title", "Connector - UMAP"));
        analyse("embeddings", "tsne", kwargs("data_id", dataId, "embedding_key", "Connector - PCA",
                "title", "Connector - tSNE"));
        analyse("prediction", "metadata_reference", kwargs("data_id", dataId, "cluster_key", "Connector - Leiden",
                "species", "human", "title", "Connector - Metadata Reference"));
        analyse("spatial_analysis", "region_segmentation", kwargs("data_id", dataId, "radius", 80, "mpp", 0.2125,
                "resolution", 0.5, "species", "human", "title", "Connector - Region Segmentation"));
        SpatialTable table = table();
        cells = table.nObs();
        List<Object> leiden = table.obs("Connector - Leiden");
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            ("0".equals(String.valueOf(leiden.get(i))) ? first : rest).add(i);
        }
        analyse("de", "differential_expression_genes", kwargs("data_id_1", dataId, "data_id_2", dataId,
                "group_1_indices", first, "group_2_indices", rest, "method", "wilcoxon", "title", "Cluster 0 vs rest"));
        markers = ((Column.Text) table().anndata().result("Cluster 0 vs rest").columns()
                .get(DifferentialExpressionAnalysis.GENE)).values();
    }

    private SpatialTable table() {
        return ingested.connector().spatialData(SpatialDataOptions.ofData(dataId)).getTable(ElementOptions.defaults());
    }

    private static Map<String, Object> kwargs(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Runs an analysis as the notebook does: the connector waits for its job (the log tracked to DONE.). */
    private void analyse(String group, String kind, Map<String, Object> arguments) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) ingested.connector().analysis().group(group)
                .call(kind, arguments);
        assertTrue(String.valueOf(payload.get("analysis_id")).startsWith("AN-"), payload.toString());
    }

    @AfterAll
    void stop() {
        ingested.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String function, Map<String, Object> kwargs) throws Exception {
        ObjectMapper mapper = WireJson.newMapper();
        Map<String, JsonNode> named = new LinkedHashMap<>();
        kwargs.forEach((name, value) -> named.put(name, mapper.valueToTree(value)));
        SpatialPictures pictures = new SpatialPictures(options -> new SpatialXConnector(ingested.server().url(),
                ingested.server().token()));
        return (Map<String, Object>) NotebookObject.of(pictures).call(function, List.of(), named, mapper);
    }

    /** How many pixels have exactly the colour {@code rgb}. */
    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void umapColouredByLeidenClusters() throws Exception {
        Path png = temp.resolve("pictures/umap-leiden.png");
        Map<String, Object> result = call("render_embedding", Map.of("output", png.toString(), "data_id", dataId,
                "embedding", "Connector - UMAP", "color_by", "Connector - Leiden"));
        assertEquals(cells, ((Number) result.get("points")).intValue());
        List<?> categories = (List<?>) result.get("categories");
        assertTrue(categories.size() >= 3, "Leiden found clusters: " + categories);
        assertEquals("0", categories.get(0));
        assertTrue(ImageIO.read(png.toFile()).getWidth() == 1000);
    }

    @Test
    void umapColouredByAGene() throws Exception {
        Path png = temp.resolve("pictures/umap-gene.png");
        String gene = markers.get(0);
        Map<String, Object> result = call("render_embedding", Map.of("output", png.toString(), "data_id", dataId,
                "embedding", "Connector - UMAP", "color_by", gene));
        assertEquals(List.of(), result.get("categories"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(pixels(image, 0xfde725) > 0 && pixels(image, 0x440154) > 0, "a colour bar for " + gene);
    }

    @Test
    void tissueColouredByRegions() throws Exception {
        Path png = temp.resolve("pictures/spatial-regions.png");
        Map<String, Object> result = call("render_spatial", Map.of("output", png.toString(), "data_id", dataId,
                "color_by", "Connector - Region Segmentation"));
        assertEquals(cells, ((Number) result.get("points")).intValue());
        assertTrue(((List<?>) result.get("categories")).size() >= 2, "regions: " + result.get("categories"));
    }

    @Test
    void volcanoOfTheDeResultWithItsTopGenes() throws Exception {
        Path png = temp.resolve("pictures/volcano.png");
        Map<String, Object> result = call("render_volcano", Map.of("output", png.toString(), "data_id", dataId,
                "result", "Cluster 0 vs rest"));
        assertEquals(markers.size(), ((Number) result.get("genes")).intValue());
        int up = ((Number) result.get("up")).intValue();
        assertTrue(up > 0, "cluster 0 has marker genes: " + result);
        List<?> top = (List<?>) result.get("top");
        assertEquals(Math.min(15, up + ((Number) result.get("down")).intValue()), top.size());
        // red dots (genes up in cluster 0) are drawn
        assertTrue(pixels(ImageIO.read(png.toFile()), 0xd62728) > 0);
    }

    @Test
    void volcanoFromLists() throws Exception {
        Path png = temp.resolve("pictures/volcano-lists.png");
        Map<String, Object> result = call("render_volcano", Map.of("output", png.toString(),
                "genes", List.of("A", "B", "C", "D"), "logfoldchanges", List.of(3.0, -2.5, 0.1, 1.5),
                "pvals", List.of(1e-10, 1e-6, 0.5, 0.2), "top", 5));
        assertEquals(1, ((Number) result.get("up")).intValue());
        assertEquals(1, ((Number) result.get("down")).intValue());
        assertEquals("A", ((Map<?, ?>) ((List<?>) result.get("top")).get(0)).get("gene"));
    }

    @Test
    void badArgumentsAreClearErrors() {
        Exception missing = assertThrows(Exception.class, () -> call("render_embedding", Map.of("output",
                temp.resolve("x.png").toString(), "data_id", dataId, "embedding", "Connector - UMAP", "color_by", "No such column")));
        assertTrue(rootMessage(missing).contains("neither an obs column"), rootMessage(missing));
        Exception noResult = assertThrows(Exception.class, () -> call("render_volcano", Map.of("output",
                temp.resolve("v.png").toString(), "data_id", dataId)));
        assertTrue(rootMessage(noResult).contains("result="), rootMessage(noResult));
        Exception notDe = assertThrows(Exception.class, () -> call("render_volcano", Map.of("output",
                temp.resolve("v.png").toString(), "genes", List.of("A"), "logfoldchanges", List.of(1.0))));
        assertTrue(rootMessage(notDe).contains("pvals"), rootMessage(notDe));
        assertTrue(ScriptArgumentException.class.isInstance(root(notDe)), root(notDe).toString());
    }

    @Test
    void tsneAndPredictedCellTypes() throws Exception {
        Path tsne = temp.resolve("pictures/tsne-leiden.png");
        Map<String, Object> result = call("render_embedding", Map.of("output", tsne.toString(), "data_id", dataId,
                "embedding", "Connector - tSNE", "color_by", "Connector - Leiden"));
        assertEquals(cells, ((Number) result.get("points")).intValue());
        Path types = temp.resolve("pictures/spatial-cell-types.png");
        result = call("render_spatial", Map.of("output", types.toString(), "data_id", dataId,
                "color_by", "Connector - Metadata Reference"));
        assertFalse(((List<?>) result.get("categories")).isEmpty(), result.toString());
    }

    @Test
    void badAnalysisInputWritesNothing() {
        List<String> before = ingested.connector().analysis().listEmbedding(dataId);
        // 526 cells cannot have a perplexity of 600: the job fails before computing anything
        analyse("embeddings", "tsne", kwargs("data_id", dataId, "embedding_key", "Connector - PCA", "perplexity", 600.0,
                "title", "Too perplexed"));
        assertEquals(before, ingested.connector().analysis().listEmbedding(dataId));
        Exception radius = assertThrows(Exception.class, () -> analyse("spatial_analysis", "region_segmentation",
                kwargs("data_id", dataId, "radius", 0, "mpp", 0.2125, "species", "human", "title", "No radius")));
        assertTrue(rootMessage(radius).contains("radius"), rootMessage(radius));
        assertFalse(ingested.connector().analysis().listMetadata(dataId).contains("No radius"));
    }

    private static Throwable root(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    private static String rootMessage(Throwable e) {
        return String.valueOf(root(e).getMessage());
    }
}
