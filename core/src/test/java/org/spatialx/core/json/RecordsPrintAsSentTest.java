package org.spatialx.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.DataRecord;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.StudyRecord;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.testing.RecordingServerExtension;

/**
 * Issue 10 item 3: a record read from a server prints and travels with exactly the fields the
 * server sent, in its order (protocol 8.5, 10), as the SDK's dict does; documented fields the server
 * did not send are accessors only.
 */
class RecordsPrintAsSentTest {

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector();

    /** A sample/detail answer whose data record has a few 8.5 fields, in the server's order, and one of its own. */
    private static final String SAMPLE_DETAIL = """
            {"sample": {"title": "P2", "sample_id": "SP-1", "owner": "ann"},
             "sample_data": [{"title": "Run 1", "data_id": "DA-1", "percent": 1, "files_map": [], "state": "ok",
                              "map_submit_result": null}]}""";

    @Test
    void getSampleDetailPrintsOnlyWhatTheServerSent() {
        recording.server().on("GET", OPENAPI + "sample/detail", ok(SAMPLE_DETAIL));
        SampleDetail detail = recording.connector().getSampleDetail("SP-1");
        assertEquals("""
                {
                    sample: {
                        title: P2
                        sample_id: SP-1
                        owner: ann
                    }
                    sample_data: [
                        {
                            title: Run 1
                            data_id: DA-1
                            percent: 1
                            files_map: []
                            state: ok
                            map_submit_result: None
                        }
                    ]
                }""", FormatPrint.parseToStr(detail));
        DataRecord data = detail.sampleData().get(0);
        assertNull(data.submitId(), "a documented field the server did not send is an accessor answering null");
        assertEquals(List.of("title", "data_id", "percent", "files_map", "state", "map_submit_result"), data.sentFields());
        assertEquals("ok", data.get("state"));
    }

    @Test
    void aRecordWrittenForAScriptHoldsTheSentFieldsInOrder() throws Exception {
        recording.server().on("GET", OPENAPI + "sample/detail", ok(SAMPLE_DETAIL));
        SampleDetail detail = recording.connector().getSampleDetail("SP-1");
        ObjectMapper scripts = new ObjectMapper().registerModule(new SentFieldsModule());
        assertEquals("{\"sample\":{\"title\":\"P2\",\"sample_id\":\"SP-1\",\"owner\":\"ann\"},\"sample_data\":[{\"title\":"
                + "\"Run 1\",\"data_id\":\"DA-1\",\"percent\":1,\"files_map\":[],\"state\":\"ok\",\"map_submit_result\":null}]}",
                scripts.writeValueAsString(detail));
    }

    @Test
    void aRecordBuiltInJavaIsWrittenWithItsDocumentedFields() {
        StudyRecord built = new StudyRecord("ST-1", "Colon", 2L, 3L, Map.of("species", "human"));
        assertNull(built.sentFields());
        assertEquals("""
                {
                    study_id: ST-1
                    title: Colon
                    total_sample: 2
                    total_data: 3
                    species: human
                }""", FormatPrint.parseToStr(built));
    }
}
