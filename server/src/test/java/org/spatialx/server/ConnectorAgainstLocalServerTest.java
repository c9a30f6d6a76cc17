package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.DataRecord;
import org.spatialx.api.DefaultGroup;
import org.spatialx.api.Entity;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.Species;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.ListdirOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.Studies;
import org.spatialx.core.TrackingOptions;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.tracking.TrackingOutcome;

/** The core connector against the local server over loopback: the notebook's sections 1.4-1.6 and more. */
class ConnectorAgainstLocalServerTest {

    @TempDir
    Path temp;
    LocalServer server;
    SpatialXConnector connector;
    Path lab;

    @BeforeEach
    void start() throws Exception {
        lab = Files.createDirectories(temp.resolve("lab"));
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("tok")
                .withMount("lab", lab));
        connector = server.connector();
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    @Test
    void section14AccountInfoAndGroups() {
        Map<String, Object> info = connector.info();
        assertEquals(List.of("email", "sub_dir", "name", "app_base_url", "routing_table"), List.copyOf(info.keySet()));
        assertEquals(server.url(), info.get("app_base_url"));
        Map<String, String> groups = connector.groups();
        assertTrue(groups.get(DefaultGroup.PERSONAL_WORKSPACE.value()).matches("[0-9a-f]{32}"));
        assertEquals("GLOBAL_GROUP", groups.get(DefaultGroup.ALL_MEMBERS.value()));
    }

    @Test
    void section15StoragesAndBrowsing() throws Exception {
        assertEquals(Map.of(), connector.s3());
        Map<String, String> folders = connector.folders();
        assertEquals(List.of("Upload", "Submitted", "Converted", "shared", "lab"), List.copyOf(folders.keySet()));
        assertEquals(lab.toRealPath().toString(), folders.get("lab"));
        assertEquals(Map.of("lab", lab.toRealPath().toString()), connector.externalFolders());

        Files.createDirectories(lab.resolve("SpatialX_datasets/COSMX_VER1/Lung6"));
        Files.createDirectories(lab.resolve("SpatialX_datasets/COSMX_VER1/Lung9_Rep1"));
        Files.writeString(lab.resolve("SpatialX_datasets/readme.txt"), "hi");
        assertEquals(List.of("SpatialX_datasets"), connector.listdir(folders.get("lab")));
        assertEquals(List.of("COSMX_VER1", "readme.txt"),
                connector.listdir(Path.of(folders.get("lab"), "SpatialX_datasets").toString()));
        assertEquals(List.of("Lung6", "Lung9_Rep1"),
                connector.listdir(Path.of(folders.get("lab"), "SpatialX_datasets/COSMX_VER1").toString()));
        @SuppressWarnings("unchecked")
        List<Entity> details = (List<Entity>) connector.listdir(Path.of(folders.get("lab"), "SpatialX_datasets")
                .toString(), new ListdirOptions(true, true));
        assertEquals("directory", details.get(0).type());
        assertEquals("file", details.get(1).type());
        assertEquals(2, ((Number) details.get(1).extras().get("size")).intValue());

        SpatialXException denied = assertThrows(SpatialXException.class, () -> connector.listdir("/etc"));
        assertTrue(denied.getMessage().contains("Access denied to '/etc'"), denied.getMessage());
    }

    @Test
    void section16StudiesSamplesAndDetails() throws Exception {
        String personal = DefaultGroup.PERSONAL_WORKSPACE.value();
        String human = Species.HUMAN.value();
        String studyId = connector.createStudy(personal, human, "Colon");
        // SPATIALDATA_RDS has no reader here: its file is registered as received (nothing to ingest)
        Path rds = ProtocolClient.randomFile(server.home().resolve("Upload/run/data.rds"), 1000, 1);
        SampleData data = new SampleData("run", "SUBMIT_PROCESSED_SPATIAL_DATA", "SPATIALDATA_RDS",
                List.of(new KeyValue("annotated_data", rds.toString())), List.of(), List.of(), List.of(), List.of());
        SubmissionResult result = connector.addSample(studyId, "slide 1", List.of(data));
        List<TrackedLog> logs = connector.trackSubmission(result, new TrackingOptions(60));
        assertEquals(TrackingOutcome.DONE, logs.get(0).outcome(), logs.toString());

        Studies studies = connector.listStudy(personal, human);
        assertEquals(1, studies.size());
        assertEquals(studyId, studies.get(0).studyId());
        assertEquals(1L, studies.row(0).totalSample());
        assertEquals(1L, studies.row(0).totalData());

        StudyDetail detail = connector.getStudyDetail(studies.row(0).studyId());
        assertEquals("Colon", detail.study().title());
        assertEquals(1, detail.samples().size());

        List<SampleRecord> samples = connector.listSample(studyId);
        assertEquals("slide 1", samples.get(0).title());
        SampleDetail sample = connector.getSampleDetail(samples.get(0).sampleId());
        assertEquals(1, sample.sampleData().size());
        DataRecord record = sample.sampleData().get(0);
        assertEquals(result.sampleData().get(0).dataId(), record.dataId());
        assertEquals(rds.toString(), record.filesMap().get(0).value());
        assertEquals(List.of(record.elementIds().get("annotated_data").get(0)),
                connector.getSampleDataElements(record.dataId()).get("annotated_data"),
                "no store names it: listed by id (protocol 8.6)");

        connector.renameStudy(studyId, "Colon (renamed)");
        assertEquals("Colon (renamed)", connector.getStudyDetail(studyId).study().title());
        connector.renameSample(sample.sample().sampleId(), "slide A");
        assertEquals("slide A", connector.listSample(studyId).get(0).title());
        SubmissionResult more = connector.addSampleData(studyId, sample.sample().sampleId(), List.of(data));
        assertEquals(TrackingOutcome.DONE, connector.trackSubmission(more, new TrackingOptions(60)).get(0).outcome());
        connector.deleteSampleData(record.dataId());
        assertEquals(1, connector.getSampleDetail(sample.sample().sampleId()).sampleData().size());
        connector.deleteStudy(studyId);
        assertEquals(0, connector.listStudy(personal, human).size());
    }

    @Test
    void aFailedSubmissionStopsTheTrackerAtTheFailureLine() {
        String studyId = connector.createStudy(DefaultGroup.PERSONAL_WORKSPACE.value(), Species.MOUSE.value(), "x");
        SampleData missing = new SampleData("run", "SUBMIT_SPATIAL_BULK", "VISIUM",
                List.of(new KeyValue("images", server.home().resolve("Upload/none.tif").toString())),
                List.of(), List.of(), List.of(), List.of());
        SubmissionResult result = connector.addSample(studyId, "s", List.of(missing));
        TrackedLog log = connector.trackSubmission(result, new TrackingOptions(60)).get(0);
        assertEquals(TrackingOutcome.RETRY_LIMIT_REACHED, log.outcome());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("FAILED: file 'images' not found")), log.toString());
        assertFalse(log.lines().stream().anyMatch(l -> l.contains("DONE.")));
    }
}
