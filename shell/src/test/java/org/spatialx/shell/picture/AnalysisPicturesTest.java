package org.spatialx.shell.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.clustering.LeidenAnalysis;
import org.spatialx.analysis.de.DifferentialExpressionAnalysis;
import org.spatialx.analysis.embeddings.PcaAnalysis;
import org.spatialx.analysis.embeddings.UmapAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.spatial.RegionSegmentationAnalysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ElementOptions;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.core.spatialdata.XOptions;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.DataFrame;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.shell.binding.NotebookObject;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.binding.WireJson;
import org.spatialx.shell.testing.IngestedXenium;

/**
 * The pictures of analysis results people look at, drawn from an ingested data set's table after the real
 * analyses of the notebook ran on it (PCA, Leiden, UMAP, region segmentation, DE genes of a cluster against the
 * rest): {@code render_embedding} (UMAP by Leiden, by a gene), {@code render_spatial} by regions and
 * {@code render_volcano} of the DE result with its top genes; bad arguments are clear errors.
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
        SpatialXConnector connector = ingested.connector();
        var sd = connector.spatialData(SpatialDataOptions.ofData(dataId));
        SpatialTable table = sd.getTable(ElementOptions.defaults());
        cells = table.nObs();
        ExpressionMatrix counts = table.select(XOptions.cells(IntStream.range(0, cells).boxed().toArray()));
        String spatial = table.obsmKeys().stream().filter(k -> k.startsWith("Spatial")).findFirst().orElseThrow();
        List<double[]> xy = table.obsm(spatial);
        DenseMatrix positions = DenseMatrix.zeros(cells, 2);
        for (int i = 0; i < cells; i++) {
            positions.set(i, 0, xy.get(i)[0]);
            positions.set(i, 1, xy.get(i)[1]);
        }
        AnalysisContext context = new PictureContext();
        InMemoryAnalysisInput.Builder input = InMemoryAnalysisInput.builder(dataId, counts).spatial(positions).threads(2);
        AnalysisResult pca = new PcaAnalysis().run(PcaAnalysis.Params.defaults(), input.build(), context);
        DenseMatrix pcs = pca.embeddings().values().iterator().next();
        input.embedding("PCA", pcs);
        AnalysisResult leiden = new LeidenAnalysis().run(new LeidenAnalysis.Params("PCA", 1.0, 15, 1, null),
                input.build(), context);
        Column.Categorical clusters = (Column.Categorical) leiden.obs().values().iterator().next();
        AnalysisResult umap = new UmapAnalysis().run(new UmapAnalysis.Params("PCA", 15, 1, "pca", true, null),
                input.build(), context);
        AnalysisResult regions = new RegionSegmentationAnalysis().run(
                new RegionSegmentationAnalysis.Params(80.0, 0.2125, 0.5, "human", null, null, null), input.build(),
                context);
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            (clusters.codes()[i] == 0 ? first : rest).add(i);
        }
        AnalysisResult de = new DifferentialExpressionAnalysis().run(DifferentialExpressionAnalysis.Params.defaults()
                .withGroups(dataId, first, dataId, rest).withMethod("wilcoxon"), input.build(), context);
        Map<String, Column> deTable = de.tables().values().iterator().next();
        markers = ((Column.Text) deTable.get(DifferentialExpressionAnalysis.GENE)).values();

        Path tablePath = Path.of(sd.path()).resolve("table").resolve(table.id());
        AnnDataWriter writer = new AnnDataWriter();
        writer.add(tablePath, new TableEntry.Obs("AN-LEIDEN", "Leiden", clusters));
        writer.add(tablePath, new TableEntry.Obs("AN-REGIONS", "Regions", regions.obs().values().iterator().next()));
        writer.add(tablePath, new TableEntry.Obsm("AN-UMAP", "UMAP", umap.embeddings().values().iterator().next()));
        List<String> rows = IntStream.range(0, markers.size()).mapToObj(String::valueOf).toList();
        writer.add(tablePath, new TableEntry.Result("AN-DE", "Cluster 0 vs rest", new DataFrame(rows, deTable)));
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
                "embedding", "UMAP", "color_by", "Leiden"));
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
                "embedding", "UMAP", "color_by", gene));
        assertEquals(List.of(), result.get("categories"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(pixels(image, 0xfde725) > 0 && pixels(image, 0x440154) > 0, "a colour bar for " + gene);
    }

    @Test
    void tissueColouredByRegions() throws Exception {
        Path png = temp.resolve("pictures/spatial-regions.png");
        Map<String, Object> result = call("render_spatial", Map.of("output", png.toString(), "data_id", dataId,
                "color_by", "Regions"));
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
                temp.resolve("x.png").toString(), "data_id", dataId, "embedding", "UMAP", "color_by", "No such column")));
        assertTrue(rootMessage(missing).contains("neither an obs column"), rootMessage(missing));
        Exception noResult = assertThrows(Exception.class, () -> call("render_volcano", Map.of("output",
                temp.resolve("v.png").toString(), "data_id", dataId)));
        assertTrue(rootMessage(noResult).contains("result="), rootMessage(noResult));
        Exception notDe = assertThrows(Exception.class, () -> call("render_volcano", Map.of("output",
                temp.resolve("v.png").toString(), "genes", List.of("A"), "logfoldchanges", List.of(1.0))));
        assertTrue(rootMessage(notDe).contains("pvals"), rootMessage(notDe));
        assertTrue(ScriptArgumentException.class.isInstance(root(notDe)), root(notDe).toString());
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

    /** A context for the analyses run here: seed 0, two threads, no log. */
    private static final class PictureContext implements AnalysisContext {
        @Override
        public void log(String line) {
        }

        @Override
        public void progress(String stage, double fraction) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public int threads() {
            return 2;
        }

        @Override
        public String outputName() {
            return "result";
        }
    }
}
