package org.spatialx.server.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.DescribeOptions;
import org.spatialx.core.ParseMultipleOptions;
import org.spatialx.core.ParseOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * {@code parse_data_information} end to end on the bundled real data sets (examples/data): the
 * server's parser answers by default, as for the Python SDK; the connector's own detection over the
 * server's listing ({@code detect_locally=True}) answers the same.
 */
class ParseThroughServerTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/data").toAbsolutePath().normalize();
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();

    @TempDir
    static Path home;
    private static LocalServer server;
    private static SpatialXConnector connector;

    @BeforeAll
    static void start() {
        assertTrue(Files.isDirectory(EXAMPLES), "bundled data missing: " + EXAMPLES);
        server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withMount("examples", EXAMPLES));
        connector = new SpatialXConnector(server.url(), server.token(),
                ConnectorOptions.builder().trackingOutput(OUTPUT::add).build());
    }

    @AfterAll
    static void stop() {
        connector.close();
        server.close();
    }

    private static String dataset(String relative) {
        return EXAMPLES.resolve(relative).toString();
    }

    private static List<String> keys(List<KeyValue> pairs) {
        return pairs.stream().map(KeyValue::key).toList();
    }

    @Test
    void xeniumIsDetectedWithTheNotebooksKeysAndTheQcFiltersAppended() {
        String path = dataset("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
        List<SampleData> parsed = connector.parseDataInformation("Prostate", "XENIUM", path);

        assertEquals(1, parsed.size());
        SampleData data = parsed.get(0);
        assertEquals("Prostate", data.name());
        assertEquals("SUBMIT_SPATIAL_TRANSCRIPTOMICS", data.submissionType());
        assertEquals("XENIUM", data.technology());
        assertEquals("experiment", data.files().get(0).key());
        assertEquals(path + "/experiment.xenium", data.files().get(0).value());
        // This XOA 3.0 subset ships no morphology image nor boundaries (optional elements), and its
        // transcripts only as parquet (3.x dropped transcripts.csv.gz).
        assertEquals(List.of("experiment", "transcripts"), keys(data.files()));
        assertEquals(path + "/transcripts.parquet", data.files().get(1).value());
        assertEquals(List.of(new KeyValue("min_genes", 1), new KeyValue("min_counts", 1),
                new KeyValue("mito_controls_percentage", 0.25)), data.kwargs());
        for (KeyValue file : data.files()) {
            assertTrue(Files.isRegularFile(Path.of((String) file.value())), file + " should name a real file");
        }
    }

    @Test
    void userArgumentsAreAppendedToArgsAndQcFiltersAreTheCallers() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("mpp", 0.2);
        args.put("note", "batch 1");
        List<SampleData> parsed = connector.parseDataInformation("Lung12", "COSMX_VER1",
                dataset("cosmx/Lung12_GiottoData_mini_fov2-3"), new ParseOptions(args, 5, 10, 0.1, false));

        SampleData data = parsed.get(0);
        List<KeyValue> tail = data.args().subList(data.args().size() - 2, data.args().size());
        assertEquals(List.of(new KeyValue("mpp", 0.2), new KeyValue("note", "batch 1")), tail);
        assertEquals(List.of(new KeyValue("min_genes", 5), new KeyValue("min_counts", 10),
                new KeyValue("mito_controls_percentage", 0.1)), data.kwargs());
    }

    @Test
    void theServersParserAnswersWhatTheClientDetects() {
        for (String[] dataset : new String[][] {{"visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50", "VISIUM"},
            {"xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset", "XENIUM"},
            {"cosmx/Lung12_GiottoData_mini_fov2-3", "COSMX_VER1"}}) {
            String path = dataset(dataset[0]);
            List<SampleData> onServer = connector.parseDataInformation("Run", dataset[1], path);
            List<SampleData> client = connector.parseDataInformation("Run", dataset[1], path,
                    ParseOptions.defaults().locally());
            assertEquals(client, onServer, dataset[0]);
        }
    }

    @Test
    void aMissingRequiredElementIsAnErrorNamingItAndWhereWeLooked() {
        // The XOA 1.x toy set has no experiment.xenium: the server's parser says so, as the client's does.
        String toy = dataset("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
        SpatialXServerException error = assertThrows(SpatialXServerException.class,
                () -> connector.parseDataInformation("Toy", "XENIUM", toy));
        assertTrue(error.getMessage().contains("experiment"), error.getMessage());
        assertTrue(error.getMessage().contains("experiment.xenium"), error.getMessage());
        SpatialXInvalidInputException locally = assertThrows(SpatialXInvalidInputException.class,
                () -> connector.parseDataInformation("Toy", "XENIUM", toy, ParseOptions.defaults().locally()));
        assertTrue(String.valueOf(error.serverMessage()).contains(locally.getMessage()), locally.getMessage());
    }

    @Test
    void multipleSamplesAreParsedFolderByFolderAndFailuresAreReportedAndSkipped() {
        OUTPUT.clear();
        List<SampleSubmission> samples = connector.parseMultipleSamplesInformation("XENIUM", dataset("xenium"),
                new ParseMultipleOptions(Map.of("Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset", "Prostate sample"),
                        Map.of("Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset", "Prostate data"),
                        null, 1, 1, 0.25, false));

        assertEquals(1, samples.size());
        assertEquals("Prostate sample", samples.get(0).sampleName());
        assertEquals("Prostate data", samples.get(0).data().get(0).name());
        List<String> failures = new ArrayList<>(OUTPUT);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("Fail to parse data in SFE_toy_Xenium_XOA1x_human_526cells: "),
                failures.get(0));
    }

    @Test
    void describeReportsTheMatchingTechnologyWithoutOneGiven() {
        DetectionResult result = connector.describeData(dataset("merscope/vpt_testdata_mouse_liver_fov192"),
                DescribeOptions.defaults());
        assertFalse(result.matchingTechnologies().isEmpty(), result.reports().toString());
        assertTrue(result.matchingTechnologies().get(0).startsWith("MERSCOPE"), result.matchingTechnologies().toString());
    }

    @Test
    void aFolderOutsideEveryMountIsNeverDetected(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("experiment.xenium"), "{}");
        SpatialXServerException error = assertThrows(SpatialXServerException.class,
                () -> connector.parseDataInformation("Outside", "XENIUM", outside.toString()));
        assertTrue(error.getMessage().contains("not inside a mounted folder"), error.getMessage());
        assertTrue(error.getMessage().contains("--mount"), error.getMessage());
    }
}
