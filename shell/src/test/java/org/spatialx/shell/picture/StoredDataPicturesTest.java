package org.spatialx.shell.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Column;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.formats.matrix.H5adMatrix;
import org.spatialx.server.LocalServer;
import org.spatialx.shell.binding.NotebookObject;
import org.spatialx.shell.binding.WireJson;
import org.spatialx.shell.cli.SpatialxCommand;
import org.spatialx.shell.testing.IngestedXenium;

/**
 * {@code render_spatial(data_id=..., color_by=...)} draws a stored data set's cells coloured by an obs
 * column (categories or a colour scale), and {@code spatialx export} writes its table, with an
 * analysis result added after ingestion, to h5ad and CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredDataPicturesTest {

    @TempDir
    static Path temp;
    LocalServer server;
    SpatialXConnector connector;
    String dataId;
    IngestedXenium ingested;

    @BeforeAll
    void ingest() throws Exception {
        ingested = IngestedXenium.start(temp);
        server = ingested.server();
        connector = ingested.connector();
        dataId = ingested.dataId();
        // an analysis adds its clusters to the table after ingestion
        var sd = connector.spatialData(SpatialDataOptions.ofData(dataId));
        String tableId = sd.getTable(org.spatialx.core.spatialdata.ElementOptions.defaults()).id();
        int cells = sd.getTable(org.spatialx.core.spatialdata.ElementOptions.defaults()).nObs();
        int[] clusters = new int[cells];
        for (int i = 0; i < cells; i++) {
            clusters[i] = i % 3;
        }
        new AnnDataWriter().add(Path.of(sd.path()).resolve("table").resolve(tableId),
                new TableEntry.Obs("AN-TEST", "Leiden", Column.Categorical.ofClusters(clusters)));
    }

    @AfterAll
    void stop() {
        ingested.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> render(Map<String, Object> kwargs) throws Exception {
        ObjectMapper mapper = WireJson.newMapper();
        Map<String, JsonNode> named = new LinkedHashMap<>();
        kwargs.forEach((name, value) -> named.put(name, mapper.valueToTree(value)));
        SpatialPictures pictures = new SpatialPictures(options -> new SpatialXConnector(server.url(), server.token()));
        return (Map<String, Object>) NotebookObject.of(pictures).call("render_spatial", List.of(), named, mapper);
    }

    @Test
    void cellsAreColouredByACategoricalColumn() throws Exception {
        Path png = temp.resolve("leiden.png");
        Map<String, Object> result = render(Map.of("output", png.toString(), "data_id", dataId, "color_by", "Leiden"));
        assertEquals(526, ((Number) result.get("points")).intValue());
        assertEquals(List.of("0", "1", "2"), result.get("categories"));
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 0);
    }

    @Test
    void cellsAreColouredOnAScaleByANumericColumn() throws Exception {
        Path png = temp.resolve("genes.png");
        Map<String, Object> result = render(Map.of("output", png.toString(), "data_id", dataId, "color_by",
                "Number of mRNA transcripts"));
        assertEquals(List.of(), result.get("categories"));
        BufferedImage image = ImageIO.read(png.toFile());
        // the scale's ends: yellow for the largest value, dark purple for the smallest (points and colour bar)
        boolean yellow = false;
        boolean purple = false;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                yellow |= rgb == 0xfde725;
                purple |= rgb == 0x440154;
            }
        }
        assertTrue(yellow && purple, "a colour bar from the smallest to the largest value");
    }

    @Test
    void exportWritesTheTableWithTheAnalysisResult() throws Exception {
        Path h5ad = temp.resolve("export/toy.h5ad");
        Path csv = temp.resolve("export/toy.csv");
        StringWriter out = new StringWriter();
        var command = SpatialxCommand.newCommandLine();
        command.setOut(new PrintWriter(out, true));
        assertEquals(0, command.execute("export", dataId, h5ad.toString(), "--domain", server.url(), "--token",
                server.token()));
        assertEquals(0, command.execute("export", dataId, csv.toString(), "--domain", server.url(), "--token",
                server.token()));
        assertTrue(out.toString().contains("Wrote " + h5ad), out.toString());
        assertEquals(526, H5adMatrix.read(h5ad).cellCount());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).contains("Leiden") && lines.get(0).contains("Spatial Cell centers 1"), lines.get(0));
        assertEquals(527, lines.size());
        assertEquals(526, connector.getAnndata(dataId, ExportOptions.defaults()).obs("Leiden").size());
    }
}
