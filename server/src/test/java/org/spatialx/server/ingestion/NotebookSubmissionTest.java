package org.spatialx.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.DataRecord;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmittedData;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.core.AddCustomSampleOptions;
import org.spatialx.core.AddSampleDataElementOptions;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.ParseMultipleOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SubmitMultipleSamplesOptions;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.spatialdata.ElementOptions;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialData;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.core.spatialdata.XOptions;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.matrix.TranscriptCounts;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.testing.Python;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * The notebook's sections 1.8.1-1.8.7 on the local server with bundled data, through the connector:
 * each submission's records, elements, the written table (cells, genes and per-gene totals equal to
 * what an independent reader computes from the same files, QC removals as configured) and log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebookSubmissionTest {

    @TempDir
    static Path temp;
    LocalServer server;
    SpatialXConnector connector;
    Path data;
    SubmissionResult first;

    @BeforeAll
    void start() throws Exception {
        data = Files.createDirectories(temp.resolve("data"));
        // the SFE toy Xenium set with the experiment.xenium of the XOA 3 run: a complete Xenium layout
        Path xenium = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"),
                data.resolve("Human_Colon_Cancer_P2/Xenium"));
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        ExampleData.copy(ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"),
                data.resolve("Human_Colon_Cancer_P2/Visium"));
        for (String run : List.of("Lung12_a", "Lung12_b")) {
            ExampleData.copy(ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3"), data.resolve("COSMX_VER1/" + run));
        }
        ExampleData.copy(ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192"), data.resolve("MERSCOPE"));
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("notebook-token")
                .withMount("data", data));
        connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(line -> { }).logPollInterval(java.time.Duration.ofMillis(50)).build());
    }

    @AfterAll
    void stop() {
        connector.close();
        server.close();
    }

    private String path(String relative) {
        return data.resolve(relative).toString();
    }

    /** The whole log of a submission, followed as the notebook's tracking does. */
    private String log(String studyId, String submitId) {
        String dataPath = connector.getStudyDetail(studyId).study().dataPath();
        TrackedLog log = connector.tracker().track(dataPath + "/submit/" + submitId + "/submission.log",
                Duration.ofSeconds(120));
        return String.join("\n", log.lines());
    }

    private static double[] geneTotals(ExpressionMatrix m) {
        double[] totals = new double[m.geneCount()];
        for (int i = 0; i < m.nonZeroCount(); i++) {
            totals[m.indices()[i]] += m.values().get(i);
        }
        return totals;
    }

    /** The cells the default QC (1 gene, 1 count, 25 % mitochondrial/control counts) keeps, counted here. */
    private static List<String> keptByDefaultQc(ExpressionMatrix m) {
        List<String> kept = new ArrayList<>();
        for (int c = 0; c < m.cellCount(); c++) {
            int genes = 0;
            double total = 0;
            double controls = 0;
            for (int i = m.indptr()[c]; i < m.indptr()[c + 1]; i++) {
                double v = m.values().get(i);
                genes += v != 0 ? 1 : 0;
                total += v;
                String gene = m.geneNames().get(m.indices()[i]).toLowerCase(Locale.ROOT);
                if (gene.startsWith("mt-") || gene.startsWith("negcontrol") || gene.startsWith("blank")
                        || gene.startsWith("negprb") || gene.startsWith("systemcontrol")
                        || gene.startsWith("unassignedcodeword") || gene.startsWith("deprecatedcodeword")) {
                    controls += v;
                }
            }
            if (genes >= 1 && total >= 1 && controls <= 0.25 * total) {
                kept.add(m.cellIds().get(c));
            }
        }
        return kept;
    }

    /** Asserts that the table holds exactly the kept cells of {@code source} with its genes and per-gene totals. */
    private static void assertTableMatches(ExpressionMatrix source, SpatialTable table) {
        List<String> kept = keptByDefaultQc(source);
        ExpressionMatrix written = table.anndata().expression().read();
        assertEquals(kept, written.cellIds());
        assertEquals(source.geneNames(), written.geneNames());
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int c = 0; c < source.cellCount(); c++) {
            row.put(source.cellIds().get(c), c);
        }
        ExpressionMatrix keptSource = org.spatialx.server.ingestion.MatrixRows.select(source,
                kept.stream().mapToInt(row::get).toArray());
        assertArrayEquals(geneTotals(keptSource), geneTotals(written), 1e-9);
        assertEquals(List.of("Number of genes", "Number of mRNA transcripts"), table.obsKeys().subList(0, 2));
    }

    @Test
    @Order(1)
    void submittingXeniumAndVisiumIngestsBothIntoOneSample() throws Exception {
        List<SampleData> visium = connector.parseDataInformation("Visium_V2_Human_Colon_Cancer_P2", "VISIUM",
                path("Human_Colon_Cancer_P2/Visium"));
        List<SampleData> xenium = connector.parseDataInformation("Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE",
                "XENIUM", path("Human_Colon_Cancer_P2/Xenium"));
        List<SampleData> both = new ArrayList<>(xenium);
        both.addAll(visium);
        first = connector.submit("Personal workspace", "human", "Human Colon Cancer - 10xgenomics",
                "Human_Colon_Cancer_P2", both, SubmitOptions.defaults());
        String xeniumLog = log(first.studyId(), first.sampleData().get(0).submitId());
        String visiumLog = log(first.studyId(), first.sampleData().get(1).submitId());
        assertTrue(xeniumLog.endsWith("DONE."), xeniumLog);
        assertTrue(visiumLog.endsWith("DONE."), visiumLog);
        assertTrue(xeniumLog.contains("Reading the expression matrix: " + path("Human_Colon_Cancer_P2/Xenium")
                + "/cell_feature_matrix.h5"), xeniumLog);
        assertTrue(xeniumLog.contains("5260 transcripts of 30 genes written as points"), xeniumLog);
        assertTrue(xeniumLog.contains("Quality control (min_genes=1, min_counts=1, mito_controls_percentage=25%)"),
                xeniumLog);

        DataRecord record = connector.getSampleDataDetail(first.sampleData().get(0).dataId());
        assertEquals(1, record.enableStatus());
        assertEquals(100, record.percent().intValue());
        assertEquals("received", record.extras().get("submission_state"));
        Map<String, List<String>> elements = connector.getSampleDataElements(record.dataId());
        assertEquals(List.of("transcripts", "segmentation", "annotated_data", "cell_centers", "images"),
                new ArrayList<>(elements.keySet()));
        String name = "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE";
        assertEquals(List.of(name), elements.get("annotated_data"));
        assertEquals(List.of(name + " - Cell segmentation", name + " - Nucleus segmentation"),
                elements.get("segmentation"));
        assertEquals(List.of(name + " - Cell centers"), elements.get("cell_centers"));

        Path xeniumFolder = data.resolve("Human_Colon_Cancer_P2/Xenium");
        SpatialTable table = connector.getAnndata(record.dataId(), ExportOptions.defaults());
        assertTableMatches(ExampleData.tenxMatrix(xeniumFolder.resolve("cell_feature_matrix.h5")), table);
        assertEquals(List.of("Number of genes", "Number of mRNA transcripts"), table.obsKeys());
        assertEquals(List.of("Spatial Cell centers"), table.obsmKeys());

        DataRecord visiumRecord = connector.getSampleDataDetail(first.sampleData().get(1).dataId());
        Map<String, List<String>> visiumElements = connector.getSampleDataElements(visiumRecord.dataId());
        assertEquals(List.of("Visium_V2_Human_Colon_Cancer_P2 - Spots"), visiumElements.get("spot"));
        SpatialTable spots = connector.getAnndata(visiumRecord.dataId(), ExportOptions.defaults());
        assertTableMatches(ExampleData.tenxMatrix(data.resolve(
                "Human_Colon_Cancer_P2/Visium/outs/raw_feature_bc_matrix.h5")), spots);
        assertEquals(List.of("Spatial Spot centers"), spots.obsmKeys());
    }

    @Test
    @Order(2)
    void readingBackStreamsWhatWasAskedFor() throws Exception {
        String dataId = first.sampleData().get(0).dataId();
        SpatialData sd = connector.spatialData(SpatialDataOptions.ofData(dataId));
        String name = "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE";
        assertEquals(List.of(name), sd.tables());
        assertEquals(List.of(name + " - Transcripts", name + " - Cell centers"), sd.points());
        ExpressionMatrix reference = ExampleData.tenxMatrix(data.resolve("Human_Colon_Cancer_P2/Xenium/cell_feature_matrix.h5"));
        SpatialTable table = sd.getTable(ElementOptions.defaults());
        String gene = reference.geneNames().get(3);
        ExpressionMatrix column = table.select(XOptions.genes(gene));
        assertEquals(reference.cellCount(), column.cellCount());
        for (int c = 0; c < reference.cellCount(); c++) {
            assertEquals(reference.get(c, 3), column.get(c, 0), gene + " of " + reference.cellIds().get(c));
        }
        Map<String, Object> rows = table.x(new XOptions(List.of(gene, 5), List.of(reference.cellIds().get(7), 0)));
        assertEquals(List.of(reference.cellIds().get(7), reference.cellIds().get(0)), rows.get("obs_names"));
        double[] row = ((List<double[]>) rows.get("X")).get(0);
        assertEquals(reference.get(7, 3), row[0]);
        assertEquals(reference.get(7, 5), row[1]);

        Map<String, List<Object>> transcripts = sd.getPoints(ElementOptions.named(name + " - Transcripts")).read(gene);
        long expected = ExampleData.xeniumTranscripts(data.resolve("Human_Colon_Cancer_P2/Xenium/transcripts.parquet"))
                .stream().filter(t -> t.gene().equals(gene)).count();
        assertEquals(expected, transcripts.get("x").size());
        var cells = sd.getShapes(ElementOptions.named(name + " - Cell segmentation"));
        assertEquals(526, cells.ids().size());
        var expectedPolygon = ExampleData.xeniumBoundaries(data.resolve(
                "Human_Colon_Cancer_P2/Xenium/cell_boundaries.parquet")).get(10);
        Map<String, Object> polygon = cells.polygon(expectedPolygon.cellId());
        assertArrayEquals(expectedPolygon.x(), (double[]) polygon.get("x"), 1e-4);
        Map<String, Object> image = sd.getImage(ElementOptions.defaults());
        assertEquals("OME-TIFF", image.get("format"));
        assertEquals(237, ((Number) image.get("width")).intValue());
        assertEquals(0.2125, ((Number) image.get("mpp")).doubleValue(), 1e-12);

        // list_metadata / list_embedding (pyapi #35) answer from the written table
        DataRecord record = connector.getSampleDataDetail(dataId);
        for (Map.Entry<String, List<String>> element : Map.of("obs", List.of("Number of genes",
                "Number of mRNA transcripts"), "obsm", List.of("Spatial Cell centers")).entrySet()) {
            Object names = connector.transport().callPlain(org.spatialx.core.transport.ApiRequest.post(
                    org.spatialx.core.transport.UrlFamily.PYAPI, "metadata/get_annotated_element").json(
                    org.spatialx.core.transport.JsonFields.of("study_id", record.studyId(), "sample_id",
                            record.sampleId(), "table_id", table.id(), "element", element.getKey())).build());
            assertEquals(element.getValue(), names);
        }

        Path h5ad = temp.resolve("xenium.h5ad");
        connector.exportAnndata(dataId, h5ad.toString(), ExportOptions.defaults());
        assertTrue(Files.size(h5ad) > 0);
        Python.assumeModules("anndata");
        String out = Python.run("""
                import sys, anndata, numpy as np
                a = anndata.read_h5ad(sys.argv[1])
                z = anndata.read_zarr(sys.argv[2])
                assert (a.X != z.X).nnz == 0
                print(a.n_obs, a.n_vars, int(a.X.sum()), list(a.obsm.keys()), list(a.obs.columns)[:2])
                """, h5ad.toString(), sd.path() + "/table/" + table.id());
        assertEquals(reference.cellCount() + " " + reference.geneCount() + " " + (long) reference.total()
                + " ['spatial'] ['n_genes_by_counts', 'total_counts']", out.strip());
    }

    @Test
    @Order(3)
    void addingASampleAndDataToTheStudy() {
        List<SampleData> visium = connector.parseDataInformation("Visium_V2_Human_Colon_Cancer_P2", "VISIUM",
                path("Human_Colon_Cancer_P2/Visium"));
        SubmissionResult added = connector.addSample(first.studyId(), "Human_Colon_Cancer_P2 - New Sample", visium);
        assertTrue(log(added.studyId(), added.submitId()).endsWith("DONE."));
        List<SampleData> xenium = connector.parseDataInformation("Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE",
                "XENIUM", path("Human_Colon_Cancer_P2/Xenium"));
        SubmissionResult more = connector.addSampleData(added.studyId(), added.sampleId(), xenium);
        assertTrue(log(more.studyId(), more.submitId()).endsWith("DONE."));
        SpatialData sample = connector.spatialData(SpatialDataOptions.ofSample(added.sampleId()));
        assertEquals(List.of("Visium_V2_Human_Colon_Cancer_P2", "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE"),
                sample.tables());
    }

    @Test
    @Order(4)
    void multipleCosmxSamplesAreCountedFromTheirTranscripts() throws Exception {
        List<SampleSubmission> samples = connector.parseMultipleSamplesInformation("COSMX_VER1", path("COSMX_VER1"),
                new ParseMultipleOptions(Map.of("Lung12_a", "Human Lung Cancer - A", "Lung12_b", "Human Lung Cancer - B"),
                        Map.of("Lung12_a", "Sample A", "Lung12_b", "Sample B"), null, 1, 1, 0.25, false));
        List<SubmissionResult> results = connector.submitMultipleSamples("Personal workspace", "human",
                "Multiple Human Lung Cancer - CosMX Ver1", samples, SubmitMultipleSamplesOptions.defaults());
        assertEquals(2, results.size());
        ExpressionMatrix counted = TranscriptCounts.aggregate(data.resolve("COSMX_VER1/Lung12_a/Lung12_tx_file.csv"));
        for (SubmissionResult result : results) {
            String text = log(result.studyId(), result.submitId());
            assertTrue(text.endsWith("DONE."), text);
            assertTrue(text.contains("cells placed at the mean of their transcripts"), text);
            SpatialTable table = connector.getAnndata(result.sampleData().get(0).dataId(), ExportOptions.defaults());
            assertTableMatches(counted, table);
            Map<String, List<String>> elements = connector.getSampleDataElements(result.sampleData().get(0).dataId());
            assertEquals(2, elements.get("images").size() + elements.get("transcripts").size());
        }
    }

    @Test
    @Order(5)
    void merscopeCellsArePlacedAtTheirBoundaries() {
        List<SampleData> parsed = connector.parseDataInformation("Mouse liver", "MERSCOPE_VER2", path("MERSCOPE"));
        SubmissionResult result = connector.submit("Personal workspace", "mouse", "MERSCOPE", "liver", parsed,
                SubmitOptions.defaults());
        String text = log(result.studyId(), result.submitId());
        assertTrue(text.endsWith("DONE."), text);
        assertTrue(text.contains("cells placed at the centre of their boundaries"), text);
        SpatialTable table = connector.getAnndata(result.sampleData().get(0).dataId(), ExportOptions.defaults());
        assertTableMatches(DelimitedMatrix.readMerscopeCellByGene(data.resolve("MERSCOPE/cell_by_gene.csv")), table);
    }

    @Test
    @Order(6)
    void addingASegmentationAndAnExpressionMatrixToData() throws Exception {
        DataRecord info = connector.getSampleDataDetail(first.sampleData().get(0).dataId());
        SubmissionResult segmentation = connector.addSampleDataElement("Proteomics Segmentation", info.dataId(),
                List.of("SEGMENTATION_PARQUET"), new AddSampleDataElementOptions(Map.of("segmentation",
                        path("Human_Colon_Cancer_P2/Xenium/nucleus_boundaries.parquet")), Map.of(), Map.of(), false, 600, null, null));
        assertNull(segmentation.sampleData());
        assertTrue(log(segmentation.studyId(), segmentation.submitId()).endsWith("DONE."));
        Map<String, List<String>> elements = connector.getSampleDataElements(info.dataId());
        assertTrue(elements.get("segmentation").contains("Proteomics Segmentation"), elements.toString());

        Path h5ad = temp.resolve("Human_Colon_Cancer_P2/protein.h5ad");
        Files.createDirectories(h5ad.getParent());
        connector.exportAnndata(info.dataId(), h5ad.toString(), ExportOptions.defaults());
        Path mounted = Files.copy(h5ad, data.resolve("Human_Colon_Cancer_P2/protein.h5ad"));
        SubmissionResult expression = connector.addSampleDataElement("Proteomics Expression", info.dataId(),
                List.of("IMPORT_ANNDATA"), new AddSampleDataElementOptions(Map.of("annotated_data", mounted.toString()),
                        Map.of("spatial_id", elements.get("cell_centers").get(0)), Map.of(), false, 600, null, null));
        String text = log(expression.studyId(), expression.submitId());
        assertTrue(text.endsWith("DONE."), text);
        SpatialTable added = connector.spatialData(SpatialDataOptions.ofData(info.dataId()))
                .getTable(ElementOptions.named("Proteomics Expression"));
        SpatialTable original = connector.spatialData(SpatialDataOptions.ofData(info.dataId()))
                .getTable(ElementOptions.named("Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE"));
        assertEquals(original.obsNames(), added.obsNames());
        assertEquals(original.obsm("Spatial Cell centers").get(11)[0], added.obsm("Spatial Cell centers").get(11)[0]);
    }

    @Test
    @Order(7)
    void aCustomProteinSampleRegistersItsImageWithItsTable() throws Exception {
        String studyId = connector.createStudy("Personal workspace", "human", "Human Pancreas - CODEX");
        SubmissionResult result = connector.addCustomSample(studyId, "human_pancreas_codex", "human_pancreas_codex",
                "PROTEIN_OME_TIFF", List.of("IMAGES_PROTEIN_OME_TIFF", "SEGMENTATION_PARQUET", "IMPORT_ANNDATA"),
                new AddCustomSampleOptions(Map.of("protein_images", path("Human_Colon_Cancer_P2/Xenium/morphology_focus.ome.tif"),
                        "segmentation", path("Human_Colon_Cancer_P2/Xenium/cell_boundaries.parquet"),
                        "annotated_data", path("Human_Colon_Cancer_P2/protein.h5ad")), Map.of("mpp", 1), Map.of(),
                        false, 600));
        String text = log(studyId, result.submitId());
        assertTrue(text.endsWith("DONE."), text);
        Map<String, List<String>> elements = connector.getSampleDataElements(result.sampleData().get(0).dataId());
        assertEquals(List.of("human_pancreas_codex - morphology_focus.ome.tif"), elements.get("protein_images"));
        assertEquals(1, elements.get("annotated_data").size());
        assertEquals(1, elements.get("segmentation").size());
    }

    @Test
    @Order(8)
    void combiningTablesMergesTheirCellsAndGenes() {
        DataRecord xenium = connector.getSampleDataDetail(first.sampleData().get(0).dataId());
        DataRecord visium = connector.getSampleDataDetail(first.sampleData().get(1).dataId());
        String references = "[[\"Human_Colon_Cancer_P2\", \"" + xenium.sampleId() + "\", \""
                + "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE\"], [\"Human_Colon_Cancer_P2\", \""
                + visium.sampleId() + "\", \"Visium_V2_Human_Colon_Cancer_P2\"]]";
        SampleData combined = new SampleData("Combined", "COMBINED_DATASETS", "Single cell transcriptomics", List.of(),
                List.of(), List.of(new KeyValue("reference_anndata_paths", references),
                        new KeyValue("metadata_action", "ignore"), new KeyValue("ignore_technology_elements", true)),
                List.of(), List.of("MERGE_MULTIPLE_ANNDATA"));
        SubmissionResult result = connector.addSample(xenium.studyId(), "Default combined samples", List.of(combined));
        String text = log(result.studyId(), result.submitId());
        assertTrue(text.endsWith("DONE."), text);
        SpatialTable merged = connector.getAnndata(result.sampleData().get(0).dataId(), ExportOptions.defaults());
        SpatialTable a = connector.getAnndata(xenium.dataId(),
                new ExportOptions("Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE"));
        SpatialTable b = connector.getAnndata(visium.dataId(), ExportOptions.defaults());
        assertEquals(a.nObs() + b.nObs(), merged.nObs());
        assertEquals(a.nVars() + b.nVars(), merged.nVars());
        assertEquals(List.of("Number of genes", "Number of mRNA transcripts", "Sample"), merged.obsKeys());
        double total = a.anndata().expression().read().total() + b.anndata().expression().read().total();
        assertEquals(total, merged.anndata().expression().read().total(), 1e-6);
    }
}
