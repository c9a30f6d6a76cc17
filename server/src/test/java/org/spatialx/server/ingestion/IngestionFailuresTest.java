package org.spatialx.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.DataRecord;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * Bad input gets a clear error and leaves nothing half-created: unknown study, wrong technology,
 * missing file, corrupt files (early and late in the job), an empty folder, a matrix whose cells do
 * not match the positions, and a restart in the middle of an ingestion.
 */
class IngestionFailuresTest {

    @TempDir
    Path temp;
    Path data;
    LocalServer server;
    SpatialXConnector connector;
    String studyId;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectories(temp.resolve("data"));
        Path xenium = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"),
                data.resolve("xenium"));
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"),
                xenium.resolve("experiment.xenium"));
        startServer();
        studyId = connector.createStudy("Personal workspace", "human", "failures");
    }

    private void startServer() {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("failures-token")
                .withMount("data", data).withMount("examples", ExampleData.bundled("")));
        connector = new SpatialXConnector(server.url(), server.token(), ConnectorOptions.builder()
                .trackingOutput(line -> { }).logPollInterval(java.time.Duration.ofMillis(50)).build());
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    private String log(SubmissionResult result) {
        String dataPath = connector.getStudyDetail(result.studyId()).study().dataPath();
        return String.join("\n", connector.tracker().track(dataPath + "/submit/" + result.submitId()
                + "/submission.log", Duration.ofSeconds(60)).lines());
    }

    private SubmissionResult submit(List<SampleData> data) {
        return connector.addSample(studyId, "sample", data);
    }

    /** Fails unless the study's spatial stores list no element and hold no element folder. */
    private void assertNothingWritten() throws IOException {
        Path spatial = Path.of(connector.getStudyDetail(studyId).study().dataPath()).resolve("spatial");
        if (!Files.isDirectory(spatial)) {
            return;
        }
        try (Stream<Path> files = Files.walk(spatial)) {
            List<String> leftovers = new ArrayList<>();
            files.filter(p -> p.getNameCount() == spatial.getNameCount() + 3 && Files.isDirectory(p)).forEach(p -> leftovers.add(
                    spatial.relativize(p).toString()));
            assertEquals(List.of(), leftovers, "element folders left in " + spatial);
        }
        try (Stream<Path> attrs = Files.walk(spatial)) {
            attrs.filter(p -> p.getFileName().toString().equals(".zattrs")).forEach(p -> {
                try {
                    assertTrue(Files.readString(p).contains("\"elements\":{}")
                            || Files.readString(p).replace(" ", "").contains("\"elements\":{}")
                            || !Files.readString(p).contains("elements"), p + ": " + Files.readString(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private void assertFailed(SubmissionResult result, String message) throws IOException {
        String text = log(result);
        assertTrue(text.contains("FAILED: " + message) || text.contains(message) && text.contains("FAILED:"), text);
        DataRecord record = connector.getSampleDataDetail(result.sampleData().get(0).dataId());
        assertEquals(0, record.enableStatus());
        assertEquals("failed", record.extras().get("submission_state"));
        assertTrue(String.valueOf(record.extras().get("submission_error")).contains(message.substring(0, 20)),
                record.extras().toString());
        assertEquals(null, record.mapSubmitResult());
        assertNothingWritten();
    }

    @Test
    void anUnknownStudyIsRefusedBeforeAnythingIsCreated() {
        SpatialXServerException e = assertThrows(SpatialXServerException.class, () -> connector.addSample("ST-NOPE",
                "sample", connector.parseDataInformation("x", "XENIUM", data.resolve("xenium").toString())));
        assertTrue(e.getMessage().contains("Study 'ST-NOPE' does not exist"), e.getMessage());
        assertEquals(0, connector.listSample(studyId).size());
    }

    @Test
    void aFolderOfAnotherTechnologyIsRefusedNamingWhatIsMissing() {
        String visium = server.mounts().all().stream().filter(m -> m.name().equals("examples")).findFirst()
                .orElseThrow().root().resolve("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50").toString();
        SpatialXInvalidInputException e = assertThrows(SpatialXInvalidInputException.class,
                () -> connector.parseDataInformation("v", "XENIUM", visium));
        assertTrue(e.getMessage().contains("Missing 'experiment' for XENIUM"), e.getMessage());
    }

    @Test
    void aMissingRequiredFileFailsTheJobNamingIt() throws IOException {
        List<SampleData> parsed = connector.parseDataInformation("x", "XENIUM", data.resolve("xenium").toString());
        Files.delete(data.resolve("xenium/transcripts.csv.gz"));
        assertFailed(submit(parsed), "file 'transcripts' not found: " + data.resolve("xenium/transcripts.csv.gz"));
    }

    @Test
    void aCorruptMatrixFailsTheJobNamingTheFile() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Files.write(data.resolve("xenium/cell_feature_matrix.h5"), garbage);
        assertFailed(submit(connector.parseDataInformation("x", "XENIUM", data.resolve("xenium").toString())),
                "Reading the expression matrix failed: " + data.resolve("xenium/cell_feature_matrix.h5"));
    }

    @Test
    void aCorruptFileReadLateRemovesWhatTheJobWroteBefore() throws IOException {
        byte[] bytes = Files.readAllBytes(data.resolve("xenium/nucleus_boundaries.parquet"));
        Files.write(data.resolve("xenium/nucleus_boundaries.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        SubmissionResult result = submit(connector.parseDataInformation("x", "XENIUM", data.resolve("xenium")
                .toString()));
        assertFailed(result, "Opening Nucleus segmentation failed: " + data.resolve("xenium/nucleus_boundaries.parquet"));
        assertTrue(log(result).contains("transcripts of 30 genes written as points"), "the transcripts came first");
    }

    @Test
    void anEmptyFolderFailsTheJob() throws IOException {
        Path empty = Files.createDirectories(data.resolve("cosmx/CellLabels"));
        Path tx = Files.copy(ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3/Lung12_tx_file.csv"),
                data.resolve("cosmx/Lung12_tx_file.csv"));
        SampleData sd = new SampleData("c", "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "COSMX_VER1",
                List.of(new KeyValue("transcripts", tx.toString())), List.of(new KeyValue("segmentation",
                empty.toString())), List.of(new KeyValue("mpp", 0.18)), List.of(), List.of());
        assertFailed(submit(List.of(sd)), "folder 'segmentation' is empty: " + empty);
    }

    @Test
    void aMatrixWhoseCellsAreNotThePositionsFailsTheJob() throws IOException {
        // the MultiQC subset's cell_feature_matrix.h5 names its 25 cells CELL_000-1...; cells.parquet has the run's ids
        Path prostate = ExampleData.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset"),
                data.resolve("prostate"));
        SubmissionResult result = submit(connector.parseDataInformation("p", "XENIUM", prostate.toString()));
        assertFailed(result, "Matching the matrix with the positions failed");
        assertTrue(log(result).contains("25 of 25 cells have no position (e.g. CELL_000-1"), log(result));
    }

    @Test
    void aRestartDuringIngestionFailsTheJobServesNothingAndItCanBeSubmittedAgain() throws Exception {
        Path big = Files.createDirectories(data.resolve("big"));
        Files.copy(data.resolve("xenium/experiment.xenium"), big.resolve("experiment.xenium"));
        try (BufferedWriter out = Files.newBufferedWriter(big.resolve("transcripts.csv"), StandardCharsets.UTF_8)) {
            out.write("transcript_id,cell_id,overlaps_nucleus,feature_name,x_location,y_location,z_location,qv\n");
            Random random = new Random(7);
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i + ",cell-" + (i % 5000) + ",0,GENE" + (i % 300) + "," + random.nextInt(10000) + ".5,"
                        + random.nextInt(10000) + ".25,1.0,30\n");
            }
        }
        List<SampleData> parsed = connector.parseDataInformation("big", "XENIUM", big.toString());
        SubmissionResult result = submit(parsed);
        String dataPath = connector.getStudyDetail(studyId).study().dataPath();
        Path logFile = Path.of(dataPath, "submit", result.submitId(), "submission.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(logFile) && Files.readString(logFile).contains("Writing transcripts from"))) {
            assertTrue(System.nanoTime() < deadline, "the job did not start writing transcripts");
            Thread.sleep(20);
        }
        Thread.sleep(300);
        connector.close();
        server.close();
        startServer();
        String text = log(result);
        assertTrue(text.contains("Server restarted.") && text.contains("FAILED: the server stopped while this job "
                + "was running"), text);
        DataRecord record = connector.getSampleDataDetail(result.sampleData().get(0).dataId());
        assertEquals(0, record.enableStatus());
        assertEquals("failed", record.extras().get("submission_state"));
        assertNothingWritten();

        SubmissionResult again = connector.addSampleData(studyId, result.sampleId(), parsed);
        String done = log(again);
        assertTrue(done.endsWith("DONE."), done);
        assertEquals(1, connector.spatialData(org.spatialx.core.spatialdata.SpatialDataOptions.ofData(
                again.sampleData().get(0).dataId())).tables().size());
    }
}
