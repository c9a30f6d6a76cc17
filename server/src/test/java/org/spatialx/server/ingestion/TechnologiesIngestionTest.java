package org.spatialx.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.SampleData;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.ParseOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.spatialdata.ElementOptions;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.matrix.GemMatrix;
import org.spatialx.formats.matrix.GeomxCounts;
import org.spatialx.formats.matrix.H5adMatrix;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * Every other built-in technology with an expression matrix or images, parsed and submitted as the
 * notebook does (no QC, so every row is kept): the table holds the rows and genes the formats reader
 * finds in the same files. The GPL-licensed sets (Slide-seq, protein images) are read from
 * ../shared/testdata and skipped when absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TechnologiesIngestionTest {

    @TempDir
    static Path temp;
    LocalServer server;
    SpatialXConnector connector;
    String studyId;

    @BeforeAll
    void start() {
        LocalServerConfig config = LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("tech-token")
                .withMount("examples", ExampleData.bundled(""));
        Path shared = Path.of(System.getProperty("spatialx.shared.dir", "../../shared"), "testdata");
        if (java.nio.file.Files.isDirectory(shared)) {
            config = config.withMount("testdata", shared.toAbsolutePath().normalize());
        }
        server = LocalServer.start(config);
        connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(line -> { }).logPollInterval(java.time.Duration.ofMillis(50)).build());
        studyId = connector.createStudy("Personal workspace", "human", "technologies");
    }

    @AfterAll
    void stop() {
        connector.close();
        server.close();
    }

    /** Parses and submits {@code folder} as {@code technology} without QC; answers the data's table, or null. */
    private SpatialTable ingest(String technology, Path folder) {
        List<SampleData> parsed = connector.parseDataInformation(technology, technology, folder.toString(),
                new ParseOptions(null, 0, 0, 100, false));
        SubmissionResult result = connector.addSample(studyId, technology, parsed);
        String dataPath = connector.getStudyDetail(studyId).study().dataPath();
        String log = String.join("\n", connector.tracker().track(dataPath + "/submit/" + result.submitId()
                + "/submission.log", Duration.ofSeconds(60)).lines());
        assertTrue(log.endsWith("DONE."), log);
        var data = connector.spatialData(SpatialDataOptions.ofData(result.sampleData().get(0).dataId()));
        return data.tables().isEmpty() ? null : data.getTable(ElementOptions.defaults());
    }

    private static void assertSameShape(ExpressionMatrix expected, SpatialTable table) {
        ExpressionMatrix written = table.anndata().expression().read();
        assertEquals(expected.cellIds(), written.cellIds());
        assertEquals(expected.geneNames(), written.geneNames());
        assertEquals(expected.total(), written.total(), 1e-6);
    }

    @Test
    void geomxAoisBecomeATableWithoutPositions() {
        Path folder = ExampleData.bundled("geomx/GeomxTools_DSP_NGS_Example_kidney_rowA");
        SpatialTable table = ingest("GEOMX", folder);
        assertSameShape(GeomxCounts.read(folder.resolve("DCC"), List.of(folder.resolve("pkcs.zip"))), table);
        assertEquals(List.of(), table.obsmKeys());
    }

    @Test
    void stereoSeqBinsAreSpots() {
        Path folder = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo");
        SpatialTable table = ingest("STOMICS", folder);
        assertSameShape(GemMatrix.read(folder.resolve("SS200000135TL_D1_bin1_small.gem.gz")).matrix(), table);
        assertEquals(List.of("Spatial Spot centers"), table.obsmKeys());
    }

    @Test
    void anH5adIsReadWithItsSpatialCoordinates() {
        Path folder = ExampleData.bundled("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset");
        SpatialTable table = ingest("SPATIALDATA_H5AD", folder);
        assertSameShape(H5adMatrix.read(folder.resolve("test_data.h5ad")), table);
        assertEquals(337.0, table.obsm("Spatial Cell centers").get(0)[0]);
    }

    @Test
    void aSpatialDataStoreGivesItsTable() {
        Path folder = ExampleData.bundled("spatialdata_zarr/blobs_spatialdata_zarr_v2");
        SpatialTable table = ingest("SPATIALDATA_ZARR", folder);
        assertSameShape(org.spatialx.formats.anndata.AnnDataTable.open(folder.resolve("blobs.zarr/tables/table"))
                .expression().read(), table);
    }

    @Test
    void visiumHdBinsAreSpots() {
        SpatialTable table = ingest("VISIUM_HD", ExampleData.bundled("visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10"));
        assertEquals(10, table.nObs());
        assertEquals(List.of("Spatial Spot centers"), table.obsmKeys());
    }

    @Test
    void slideSeqBeadsAreSpots() {
        Path folder = ExampleData.shared("slideseq/spacexr_vignette_cerebellum_puck");
        SpatialTable table = ingest("SLIDE_SEQ", folder);
        assertSameShape(DelimitedMatrix.readGenesAsRows(folder.resolve("MappedDGEForR.csv")), table);
    }

    @Test
    void proteinImagesAreRegisteredWithTheirChannels() {
        for (Map.Entry<String, String> protein : Map.of(
                "PROTEIN_QPTIFF", "codex_qptiff/VectraPolaris_RTM61_1_pathml_small",
                "PROTEIN_OME_TIFF", "ome_tiff/IMC_steinbock_20210305_NE_mockData2_1",
                "PROTEIN_MCD", "imc_mcd/IMC_20210305_NE_mockData2_raw").entrySet()) {
            Path folder = ExampleData.shared(protein.getValue());
            assertEquals(null, ingest(protein.getKey(), folder), "an image alone makes no table");
        }
        var images = connector.spatialData(SpatialDataOptions.ofSample(connector.listSample(studyId).stream()
                .filter(s -> s.title().equals("PROTEIN_QPTIFF")).findFirst().orElseThrow().sampleId()));
        Map<String, Object> image = images.getImage(ElementOptions.defaults());
        assertEquals(List.of("DAPI", "FITC", "Cy3"), image.get("channels"));
        assertEquals(1920, ((Number) image.get("width")).intValue());
    }
}
