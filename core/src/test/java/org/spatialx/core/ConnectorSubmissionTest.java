package org.spatialx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.ExpressionSubmission;
import org.spatialx.api.ImagesSubmission;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.SegmentationSubmission;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.Technologies;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.tracking.TrackingOutcome;

/** Submission calls (protocol 4.3) and log tracking (4.6) on the wire. */
class ConnectorSubmissionTest {

    private static final String RESULT = """
            {"study_id": "ST-1", "sample_id": "SP-1",
             "sample_data": [{"data_id": "DA-1", "submit_id": "SB-1", "submit_name": "d1"},
                             {"data_id": "DA-2", "submit_id": "SB-2", "submit_name": "d2"}],
             "submit_id": "SB-1", "job_id": 2, "err_message": ""}""";

    private final List<String> trackedLines = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(
            server -> new SpatialXConnector(server.url("/spatialx/?tenant=lab1&tenant=ignored"), TOKEN,
                    TestConnectors.options(trackedLines).build()));

    private static SampleData xenium() {
        return new SampleData("run1", "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "XENIUM",
                List.of(new KeyValue("transcripts", "/d/transcripts.csv.gz")), List.of(), List.of(),
                List.of(new KeyValue("min_genes", 1), new KeyValue("mito_controls_percentage", 0.25)), List.of());
    }

    private static final String XENIUM_JSON = "{\"name\": \"run1\", \"submission_type\": \"SUBMIT_SPATIAL_TRANSCRIPTOMICS\","
            + " \"technology\": \"XENIUM\", \"files\": [{\"key\": \"transcripts\", \"value\": \"/d/transcripts.csv.gz\"}],"
            + " \"folders\": [], \"args\": [], \"kwargs\": [{\"key\": \"min_genes\", \"value\": 1},"
            + " {\"key\": \"mito_controls_percentage\", \"value\": 0.25}], \"identities\": []}";

    @Test
    void createStudySendsTheResolvedGroupAndTypeOne() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {\"abc\": \"Personal workspace\"}}"));
        recording.server().on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-9\", \"job_id\": 1}"));
        assertEquals("ST-9", recording.connector().createStudy("Personal workspace", "human", "Pancreas - CODEX",
                CreateStudyOptions.defaults()));
        RecordedRequest create = recording.server().requests().get(1);
        assertEquals("application/json", create.header("Content-Type"));
        assertEquals("tenant=lab1", create.rawQuery(), "domain query parameters go on every request (11.26 F)");
        assertEquals("{\"group_id\": \"abc\", \"species\": \"human\", \"title\": \"Pancreas - CODEX\","
                + " \"description\": \"\", \"type\": 1}", create.bodyText());
    }

    @Test
    void addSampleAndAddSampleDataSendTheSampleDataInWireOrder() {
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));
        recording.server().on("POST", OPENAPI + "data/create", ok(RESULT));
        SubmissionResult result = recording.connector().addSample("ST-1", "Sample A", List.of(xenium()));
        assertEquals(List.of("SB-1", "SB-2"), result.submitIds());
        recording.connector().addSampleData("ST-1", "SP-1", List.of(xenium()));
        recording.connector().addSample("ST-1", "Empty", AddSampleOptions.defaults());
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"Sample A\", \"data\": [" + XENIUM_JSON + "]}",
                requests.get(0).bodyText());
        assertEquals("{\"study_id\": \"ST-1\", \"sample_id\": \"SP-1\", \"data\": [" + XENIUM_JSON + "]}",
                requests.get(1).bodyText());
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"Empty\", \"data\": []}", requests.get(2).bodyText());
    }

    @Test
    void submitMultipleSamplesCreatesOneStudyAndOneSamplePerEntry() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {}, \"groups\": []}"));
        recording.server().on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-1\"}"));
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));
        List<SubmissionResult> results = recording.connector().submitMultipleSamples("G", "human", "T",
                List.of(new SampleSubmission("A", List.of(xenium())), new SampleSubmission("B", List.of())),
                new SubmitMultipleSamplesOptions("desc"));
        assertEquals(2, results.size());
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(List.of("account/groups", "study/create", "sample/create", "sample/create"),
                requests.stream().map(r -> r.path().substring(OPENAPI.length())).toList());
        assertTrue(requests.get(1).bodyText().contains("\"description\": \"desc\""));
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"B\", \"data\": []}", requests.get(3).bodyText());
    }

    @Test
    void addCustomSampleBuildsTheDataSetFromEnumsAndStrings() {
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));
        Map<Object, Object> paths = new LinkedHashMap<>();
        paths.put(SubmissionElementKeys.PROTEIN_IMAGES, "/b/codex.qptiff");
        paths.put("segmentation", "/b/seg.parquet");
        recording.connector().addCustomSample("ST-1", "human_pancreas_codex", "codex",
                Technologies.PROTEIN_QPTIFF.value(), List.of(ImagesSubmission.PROTEIN_QPTIFF, SegmentationSubmission.PARQUET, "IMPORT_ANNDATA"),
                new AddCustomSampleOptions(paths, Map.of(SubmissionElementKeys.MPP, 1), Map.of("min_genes", 5),
                        false, 600));
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"human_pancreas_codex\", \"data\": [{\"name\": \"codex\","
                + " \"submission_type\": \"SUBMIT_SPATIAL_PROTEOMICS\", \"technology\": \"PROTEIN_QPTIFF\","
                + " \"identities\": [\"IMAGES_PROTEIN_QPTIFF\", \"SEGMENTATION_PARQUET\", \"IMPORT_ANNDATA\"],"
                + " \"files\": [{\"key\": \"protein_images\", \"value\": \"/b/codex.qptiff\"},"
                + " {\"key\": \"segmentation\", \"value\": \"/b/seg.parquet\"}], \"folders\": [],"
                + " \"args\": [{\"key\": \"mpp\", \"value\": 1}, {\"key\": \"ignore_technology_elements\", \"value\": true}],"
                + " \"kwargs\": [{\"key\": \"min_genes\", \"value\": 5}]}]}", recording.server().single().bodyText());
    }

    @Test
    void addSampleDataElementReadsTheIdsAndForwardsKwargs() {
        recording.server().on("GET", OPENAPI + "data/detail",
                ok("{\"data_id\": \"DA-1\", \"study_id\": \"ST-1\", \"sample_id\": \"SP-1\"}"));
        recording.server().on("POST", OPENAPI + "data_extend/add", ok("""
                {"study_id": "ST-1", "sample_id": "SP-1", "sample_data": null, "submit_id": "SB-7", "job_id": 8,
                 "err_message": ""}"""));
        SubmissionResult result = recording.connector().addSampleDataElement("Proteomics Expression", "DA-1",
                List.of(ExpressionSubmission.IMPORT_ANNDATA),
                new AddSampleDataElementOptions(Map.of(SubmissionElementKeys.EXPRESSION, "/b/p.h5ad"),
                        Map.of(SubmissionElementKeys.SPATIAL_ID, "CC-1"), Map.of("min_counts", 2), false, 600,
                        "ignored", "ignored"));
        assertEquals(List.of("SB-7"), result.submitIds());
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals("key=DA-1&limit=50&offset=0&tenant=lab1", requests.get(0).rawQuery());
        assertEquals("{\"title\": \"Proteomics Expression\", \"study_id\": \"ST-1\", \"sample_id\": \"SP-1\","
                + " \"data_id\": \"DA-1\", \"files\": [{\"key\": \"annotated_data\", \"value\": \"/b/p.h5ad\"}],"
                + " \"folders\": [], \"args\": [{\"key\": \"spatial_id\", \"value\": \"CC-1\"},"
                + " {\"key\": \"ignore_technology_elements\", \"value\": true}],"
                + " \"kwargs\": [{\"key\": \"min_counts\", \"value\": 2}], \"identities\": [\"IMPORT_ANNDATA\"]}",
                requests.get(1).bodyText());
    }

    @Test
    void submitWithTrackingFollowsTheLogOfEverySubmittedDataSet() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {}, \"groups\": []}"));
        recording.server().on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-1\"}"));
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));
        recording.server().on("GET", OPENAPI + "study/detail",
                ok("{\"study\": {\"study_id\": \"ST-1\", \"data_path\": \"/data/u/ST 1\"}}"));
        String log1 = "/spatialx/ucc.go/data/u/ST%201/submit/SB-1/submission.log";
        String log2 = "/spatialx/ucc.go/data/u/ST%201/submit/SB-2/submission.log";
        recording.server().on("GET", log1, ScriptedResponse.status(404, "not yet"), ScriptedResponse.text("start\n"),
                ScriptedResponse.text("start\nconverting\n"), ScriptedResponse.text("start\nconverting\nDONE.\n"));
        recording.server().on("GET", log2, ScriptedResponse.text("x\nError: maximum retry limit reached"));
        recording.connector().submit("G", "human", "T", "S", List.of(xenium()), new SubmitOptions("", true, 60));
        assertEquals(List.of("start", "converting", "DONE.", "x", "Error: maximum retry limit reached"), trackedLines);
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(4 + 4 + 1, requests.size());
        RecordedRequest firstLog = requests.get(4);
        assertEquals(log1, firstLog.path(), "absolute data_path keeps the domain (11.7 F)");
        assertEquals("tenant=lab1", firstLog.rawQuery());
        assertEquals(TOKEN, firstLog.header("SpatialX-Token"));
        assertEquals("{}", firstLog.bodyText());
        requests.forEach(r -> assertTrue(r.rawQuery().contains("tenant=lab1"), r.toString()));
    }

    @Test
    void trackingReportsHowEachLogEnded() {
        recording.server().on("GET", OPENAPI + "study/detail", ok("{\"study\": {\"data_path\": \"rel/ST-1/\"}}"));
        recording.server().on("GET", "/spatialx/ucc.go/rel/ST-1/submit/SB-1/submission.log",
                ScriptedResponse.text("DONE.\n"));
        recording.server().on("GET", "/spatialx/ucc.go/rel/ST-1/submit/SB-2/submission.log",
                ScriptedResponse.text("working"));
        SubmissionResult result = new SubmissionResult("ST-1", "SP-1", null, "SB-1", 1L, "", null);
        List<TrackedLog> logs = recording.connector().trackSubmission(result, TrackingOptions.defaults());
        assertEquals(TrackingOutcome.DONE, logs.get(0).outcome());
        TrackedLog timedOut = recording.connector().tracker().track("rel/ST-1/submit/SB-2/submission.log",
                java.time.Duration.ofMillis(50));
        assertEquals(TrackingOutcome.TIMED_OUT, timedOut.outcome());
        assertEquals(List.of("working"), timedOut.lines());
    }

    @Test
    void trackingNeedsTheStudyDataPath() {
        recording.server().on("GET", OPENAPI + "study/detail", ok("{\"study\": {\"study_id\": \"ST-1\"}}"));
        SubmissionResult result = new SubmissionResult("ST-1", "SP-1", null, "SB-1", 1L, "", null);
        SpatialXUnexpectedResponseException error = assertThrows(SpatialXUnexpectedResponseException.class,
                () -> recording.connector().trackSubmission(result, TrackingOptions.defaults()));
        assertTrue(error.getMessage().contains("data_path"), error.getMessage());
    }
}
