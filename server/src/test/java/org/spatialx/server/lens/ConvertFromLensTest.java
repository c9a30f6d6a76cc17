package org.spatialx.server.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.DataRecord;
import org.spatialx.api.Species;
import org.spatialx.api.StudyDetail;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.tracking.TrackingOutcome;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * The local server's {@code study/convert_from_lens} (protocol 9.3) as the notebook's
 * {@code convert_data_from_lens} reaches it: the study {@code ST-<lens id>}, a sample and a data set
 * are created, and the job converts when the Lens study's exported files are under a mount, or fails
 * with a line saying what offline conversion needs.
 */
class ConvertFromLensTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/data").toAbsolutePath().normalize();
    private static final String LENS_ID = "96f6e21e9ac74f74bfe656a2a59ba058";

    @TempDir
    Path home;
    @TempDir
    Path exports;
    private LocalServer server;
    private SpatialXConnector connector;

    @BeforeEach
    void start() {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withMount("lens", exports));
        connector = new SpatialXConnector(server.url(), server.token(),
                ConnectorOptions.builder().logPollInterval(Duration.ofMillis(20)).trackingOutput(line -> { }).build());
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    /** A record as list_lens_sc_studies returns it. */
    private Map<String, Object> lensStudy() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", LENS_ID);
        record.put("accession_id", "XENIUM");
        record.put("title", "breast");
        record.put("species", Species.HUMAN.value());
        record.put("group_id", connector.groups().get("Personal workspace"));
        return record;
    }

    @SuppressWarnings("unchecked")
    private TrackedLog convertAndTrack() {
        List<Object> answers = connector.convertDataFromLens(lensStudy());
        assertEquals(1, answers.size());
        Map<String, Object> answer = (Map<String, Object>) answers.get(0);
        assertEquals("ST-" + LENS_ID, answer.get("study_id"));
        String dataPath = connector.getStudyDetail("ST-" + LENS_ID).study().dataPath();
        return connector.tracker().track(dataPath + "/submit/" + answer.get("submit_id") + "/submission.log",
                Duration.ofSeconds(60));
    }

    @Test
    void aLensStudyExportedUnderAMountIsConverted() throws Exception {
        Path folder = Files.createDirectories(exports.resolve(LENS_ID));
        Path h5ad = Files.copy(EXAMPLES.resolve("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"),
                folder.resolve("breast.h5ad"));

        TrackedLog log = convertAndTrack();

        assertEquals(TrackingOutcome.DONE, log.outcome(), log.toString());
        StudyDetail study = connector.getStudyDetail("ST-" + LENS_ID);
        assertEquals("breast", study.study().title());
        assertEquals(1, study.samples().size());
        DataRecord data = connector.getSampleDetail(study.samples().get(0).sampleId()).sampleData().get(0);
        assertEquals("Single cell transcriptomics", data.technology());
        assertEquals(h5ad.toRealPath().toString(), data.filesMap().get(0).value());
        assertEquals(1, connector.getSampleDataElements(data.dataId()).get("annotated_data").size());
        assertEquals(1, connector.listStudy("Personal workspace", "human").size());
    }

    @Test
    void withoutTheExportedFilesTheJobFailsSayingWhatOfflineConversionNeeds() throws Exception {
        TrackedLog log = convertAndTrack();

        assertEquals(TrackingOutcome.RETRY_LIMIT_REACHED, log.outcome(), log.toString());
        String failure = log.lines().stream().filter(line -> line.startsWith("FAILED:")).findFirst().orElseThrow();
        assertTrue(failure.contains("Offline conversion needs its expression data in a folder named " + LENS_ID), failure);
        assertTrue(failure.contains("lens=" + exports.toRealPath()), failure);
    }
}
