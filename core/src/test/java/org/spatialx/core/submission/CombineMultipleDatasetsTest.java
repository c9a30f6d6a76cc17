package org.spatialx.core.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.CombinedTechnologies;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.CombineMultipleDatasetsOptions;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;

/** Issue 10 item 6: {@code combine_multiple_datasets} sends the SDK's {@code sample/create} (protocol 4.3). */
class CombineMultipleDatasetsTest {

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector();

    private static final String RESULT = """
            {"study_id": "ST-1", "sample_id": "SP-C", "sample_data": [{"data_id": "DA-C", "submit_id": "SB-C",
             "submit_name": "Combined"}], "submit_id": "SB-C", "job_id": 9, "err_message": ""}""";

    @Test
    void aStudyIdAndTriplesSendOneCombinedDataSet() {
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("AD-1", "IM-1");
        SubmissionResult result = recording.connector().combineMultipleDatasets("ST-1", "Combined",
                CombinedTechnologies.SINGLE_CELL_TRANSCRIPTOMICS.value(), new CombineMultipleDatasetsOptions(
                        List.of(List.of("P2", "SP-1", "AD-1"), List.of("P3", "SP-2", "AD-2")), images, null, "combine"));
        assertEquals("DA-C", result.sampleData().get(0).dataId());
        RecordedRequest request = recording.server().single();
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"Default combined samples\", \"data\": [{\"name\": \"Combined\","
                + " \"submission_type\": \"COMBINED_DATASETS\", \"technology\": \"Single cell transcriptomics\","
                + " \"identities\": [\"MERGE_MULTIPLE_ANNDATA\"], \"files\": [], \"folders\": [], \"kwargs\": [],"
                + " \"args\": [{\"key\": \"reference_anndata_paths\","
                + " \"value\": \"[[\\\"P2\\\", \\\"SP-1\\\", \\\"AD-1\\\"], [\\\"P3\\\", \\\"SP-2\\\", \\\"AD-2\\\"]]\"},"
                + " {\"key\": \"metadata_action\", \"value\": \"combine\"},"
                + " {\"key\": \"ignore_technology_elements\", \"value\": true},"
                + " {\"key\": \"included_images\", \"value\": \"{\\\"AD-1\\\": \\\"IM-1\\\"}\"}]}]}", request.bodyText());
    }

    @Test
    void dataIdsAreReadIntoTriplesSkippingThoseWithoutAnnotatedData() {
        recording.server().on("GET", OPENAPI + "data/detail", ok("""
                {"data_id": "DA-1", "study_id": "ST-1", "sample_id": "SP-1", "map_submit_result": {"SB-1":
                  {"annotated_data": {"AD-1": "Cells"}, "images": "IM-1", "segmentation": {"SG-1": "Cells"}}}}"""), ok("""
                {"data_id": "DA-2", "study_id": "ST-1", "sample_id": "SP-2", "map_submit_result": null}"""), ok("""
                {"data_id": "DA-3", "study_id": "ST-9", "sample_id": "SP-3", "map_submit_result": {"SB-3":
                  {"annotated_data": {"AD-3": "Spots"}}}}"""));
        recording.server().on("GET", OPENAPI + "sample/detail", ok("{\"sample\": {\"sample_id\": \"SP-1\", \"title\": \"P2\"}}"),
                ok("{\"sample\": {\"sample_id\": \"SP-3\", \"title\": \"P4\"}}"));
        recording.server().on("POST", OPENAPI + "sample/create", ok(RESULT));

        recording.connector().combineMultipleDatasets(List.<Object>of("DA-1", "DA-2", "DA-3"), "Combined",
                "Single cell transcriptomics", CombineMultipleDatasetsOptions.defaults());

        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(List.of("data/detail?key=DA-1&limit=50&offset=0", "sample/detail?key=SP-1&limit=50&offset=0",
                "data/detail?key=DA-2&limit=50&offset=0", "data/detail?key=DA-3&limit=50&offset=0",
                "sample/detail?key=SP-3&limit=50&offset=0", "sample/create"),
                requests.stream().map(r -> r.path().substring(OPENAPI.length())
                        + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList());
        String body = requests.get(5).bodyText();
        assertEquals("{\"study_id\": \"ST-9\", \"name\": \"Default combined samples\"", body.substring(0, body.indexOf(", \"data\"")),
                "the study of the last data set combined");
        assertEquals(true, body.contains("\"value\": \"[[\\\"P2\\\", \\\"SP-1\\\", \\\"AD-1\\\"], [\\\"P4\\\", \\\"SP-3\\\", "
                + "\\\"AD-3\\\"]]\"}, {\"key\": \"metadata_action\", \"value\": \"ignore\"}"), body);
        assertEquals(true, body.endsWith("{\"key\": \"included_images\", \"value\": \"{\\\"AD-1\\\": \\\"IM-1\\\"}\"},"
                + " {\"key\": \"included_segmentation\", \"value\": \"{\\\"AD-1\\\": \\\"SG-1\\\"}\"}]}]}"), body);
    }

    @Test
    void anUnknownMetadataActionIsRefusedNamingTheAcceptedOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new CombineMultipleDatasetsOptions(List.of(), null, null, "merge"));
        assertEquals(true, error.getMessage().contains("ignore, combine, separate"), error.getMessage());
    }
}
