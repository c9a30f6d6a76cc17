package org.spatialx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.spatialx.core.ConnectorAccountTest.assertGetWithEmptyJsonBody;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.DataRecord;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.StudyDetail;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;

/** Studies, samples and data (protocol 8.2-8.6) on the wire, including the query-string POSTs of 11.2. */
class ConnectorStudySampleDataTest {

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector();

    private static void assertJsonPost(RecordedRequest request, String path, String body) {
        assertEquals("POST", request.method());
        assertEquals(path, request.path());
        assertNull(request.rawQuery());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(TOKEN, request.header("SpatialX-Token"));
        assertEquals(body, request.bodyText());
    }

    @Test
    void listStudyResolvesTheGroupAndSendsTheDefaultsAsAForm() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace"}, "groups": []}"""));
        recording.server().on("POST", OPENAPI + "study/list", ok("""
                {"list": [{"study_id": "ST-1", "title": "Colon", "total_sample": 2, "total_data": 3, "species": "human"}],
                 "total": 1}"""));
        Studies studies = recording.connector().listStudy("Personal workspace", "human", ListStudyOptions.defaults());
        assertEquals(1, studies.size());
        assertEquals("ST-1", studies.row(0).get("study_id"), "rows are indexable by wire name (protocol 11.27)");
        assertEquals("human", studies.row(0).get("species"));
        assertEquals("ST-1", studies.byId("ST-1").orElseThrow().studyId());
        List<RecordedRequest> requests = recording.server().requests();
        assertGetWithEmptyJsonBody(requests.get(0), OPENAPI + "account/groups");
        RecordedRequest list = requests.get(1);
        assertEquals("application/x-www-form-urlencoded", list.header("Content-Type"));
        assertEquals("group_id=0eebe305688d82fe6c5ce361a43c64da&species=human&limit=50&offset=0&active=2&compare=1",
                list.bodyText());
    }

    @Test
    void anUnknownGroupNameIsUsedAsAnId() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {}, \"groups\": []}"));
        recording.server().on("POST", OPENAPI + "study/list", ok("{\"list\": []}"));
        recording.connector().listStudy("GLOBAL_GROUP", "mouse", ListStudyOptions.defaults().withPage(10, 20));
        assertEquals("group_id=GLOBAL_GROUP&species=mouse&limit=10&offset=20&active=2&compare=1",
                recording.server().requests().get(1).bodyText());
    }

    @Test
    void unknownRowFieldsAreNamedWhenIndexedWrongly() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {}, \"groups\": []}"));
        recording.server().on("POST", OPENAPI + "study/list", ok("{\"list\": [{\"study_id\": \"ST-1\"}]}"));
        Studies studies = recording.connector().listStudy("g", "human");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> studies.row(0).get("id"));
        assertEquals("No field 'id' in StudyRecord; available fields: study_id, title, total_sample, total_data",
                error.getMessage());
    }

    static final String STUDY_DETAIL = """
            {"study": {"study_id": "ST-1", "title": "Old", "species": "human", "data_path": "/data/u/ST-1",
                       "description": "about", "email_id": "a@b.c", "group_id": "G", "publication": ["p1", "p2"],
                       "tags": [], "author": ["Ann", "Bob Ray"], "created_at": 5},
             "samples": [{"sample_id": "SP-1", "enable_status": 1}, {"sample_id": "SP-2", "enable_status": 3}]}""";

    @Test
    void getStudyDetailSendsKeyAndPageInTheQuery() {
        recording.server().on("GET", OPENAPI + "study/detail", ok(STUDY_DETAIL));
        StudyDetail detail = recording.connector().getStudyDetail("ST-1", new PageOptions(5, 10));
        assertEquals("/data/u/ST-1", detail.study().dataPath());
        assertEquals(5, detail.study().get("created_at"));
        assertEquals(List.of("SP-1", "SP-2"), detail.samples().stream().map(SampleRecord::sampleId).toList());
        RecordedRequest request = recording.server().single();
        assertGetWithEmptyJsonBody(request, OPENAPI + "study/detail");
        assertEquals("key=ST-1&limit=5&offset=10", request.rawQuery());
    }

    @Test
    void renameStudyReadsTheDetailThenPostsEveryFieldInTheQueryString() {
        recording.server().on("GET", OPENAPI + "study/detail", ok(STUDY_DETAIL));
        recording.server().on("POST", OPENAPI + "study/update", ok("{\"updated\": true}"));
        assertEquals(Map.of("updated", true), recording.connector().renameStudy("ST-1", "New title"));
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals("key=ST-1&limit=50&offset=0", requests.get(0).rawQuery());
        RecordedRequest update = requests.get(1);
        assertEquals("POST", update.method());
        assertEquals("{}", update.bodyText(), "query-string POSTs carry a {} JSON body (protocol 11.2)");
        assertEquals("application/json", update.header("Content-Type"));
        assertEquals("study_id=ST-1&title=New+title&description=about&email_id=a%40b.c&group_id=G&species=human"
                + "&publication=p1&publication=p2&author=Ann&author=Bob+Ray", update.rawQuery());
    }

    @Test
    void deleteStudyStopsTheStudyWithCleanupFalse() {
        recording.server().on("POST", OPENAPI + "study/stop_create_submit", ok("\"ok\""));
        assertEquals("ok", recording.connector().deleteStudy("ST-1"));
        RecordedRequest request = recording.server().single();
        assertEquals("key=ST-1&cleanup_flg=False", request.rawQuery());
        assertEquals("{}", request.bodyText());
    }

    @Test
    void listSampleSendsNeedDataFalse() {
        recording.server().on("GET", OPENAPI + "sample/list", ok("""
                {"list": [{"sample_id": "SP-1", "study_id": "ST-1", "title": "S1", "enable_status": 1, "total_data": 2}]}"""));
        List<SampleRecord> samples = recording.connector().listSample("ST-1", ListSampleOptions.defaults());
        assertEquals("SP-1", samples.get(0).get("sample_id"));
        assertEquals(2, samples.get(0).extras().get("total_data"));
        RecordedRequest request = recording.server().single();
        assertGetWithEmptyJsonBody(request, OPENAPI + "sample/list");
        assertEquals("key=ST-1&limit=50&offset=0&need_data=False", request.rawQuery());
    }

    @Test
    void getSampleDetailReturnsTheSampleAndItsDataRecords() {
        recording.server().on("GET", OPENAPI + "sample/detail", ok("""
                {"sample": {"sample_id": "SP-1", "study_id": "ST-1", "title": "S1", "enable_status": 1},
                 "sample_data": [{"data_id": "DA-1", "title": "d", "percent": 0.5, "map_submit_result": null}]}"""));
        SampleDetail detail = recording.connector().getSampleDetail("SP-1", PageOptions.defaults());
        assertEquals("S1", detail.sample().title());
        assertEquals(0.5, detail.sampleData().get(0).percent());
        assertEquals("key=SP-1&limit=50&offset=0", recording.server().single().rawQuery());
    }

    @Test
    void sampleAndDataRenamesAndDeletesSendJsonBodies() {
        recording.server().on("POST", OPENAPI + "sample/rename", ok("{}"));
        recording.server().on("POST", OPENAPI + "sample/delete", ok("{}"));
        recording.server().on("POST", OPENAPI + "data/rename", ok("{}"));
        recording.server().on("POST", OPENAPI + "data/delete", ok("{}"));
        recording.server().on("POST", OPENAPI + "data/delete_element", ok("{}"));
        recording.connector().renameSample("SP-1", "Échantillon 1");
        recording.connector().deleteSample("SP-1");
        recording.connector().renameSampleData("DA-1", "new");
        recording.connector().deleteSampleData("DA-1");
        recording.connector().deleteElement("DA-1", "EL-9");
        List<RecordedRequest> requests = recording.server().requests();
        assertJsonPost(requests.get(0), OPENAPI + "sample/rename",
                "{\"sample_id\": \"SP-1\", \"new_name\": \"\\u00c9chantillon 1\"}");
        assertJsonPost(requests.get(1), OPENAPI + "sample/delete", "{\"sample_id\": \"SP-1\"}");
        assertJsonPost(requests.get(2), OPENAPI + "data/rename", "{\"data_id\": \"DA-1\", \"new_name\": \"new\"}");
        assertJsonPost(requests.get(3), OPENAPI + "data/delete", "{\"data_id\": \"DA-1\"}");
        assertJsonPost(requests.get(4), OPENAPI + "data/delete_element",
                "{\"data_id\": \"DA-1\", \"element_id\": \"EL-9\"}");
    }

    @Test
    void getSampleDataDetailKeepsEveryDocumentedFieldAndExtras() {
        recording.server().on("GET", OPENAPI + "data/detail", ok("""
                {"data_id": "DA-1", "percent": 1, "created_at": 1740020158, "map_setting": {"x": 1.0},
                 "files_map": [{"key": "images", "value": "/p"}], "brand_new_field": [1, 2]}"""));
        DataRecord data = recording.connector().getSampleDataDetail("DA-1", PageOptions.defaults());
        assertEquals(1, data.percent());
        assertEquals(1740020158L, data.createdAt());
        assertEquals("/p", data.filesMap().get(0).value());
        assertEquals(List.of(1, 2), data.get("brand_new_field"));
        assertEquals(32, data.fieldNames().size(), "31 documented fields of protocol 8.5 and one extra");
        assertEquals("key=DA-1&limit=50&offset=0", recording.server().single().rawQuery());
    }

    @Test
    void getSampleDataElementsReturnsIdsPerKind() {
        recording.server().on("GET", OPENAPI + "data/detail", ok("""
                {"data_id": "DA-1", "map_submit_result": {
                   "SB-1": {"images": "IM-1", "segmentation": {"SG-1": "Cells", "SG-2": "Nuclei"}, "multi_labels": "ML-1"},
                   "SB-2": {"images": "IM-2", "images_alignment": {"AL-1": {}}, "annotated_data": {"AD-1": "x"}}}}"""));
        Map<String, List<String>> elements = recording.connector().getSampleDataElements("DA-1");
        assertEquals(Map.of("images", List.of("IM-1", "IM-2"), "segmentation", List.of("SG-1", "SG-2"),
                "multi_labels", List.of("ML-1"), "images_alignment", List.of("AL-1"),
                "annotated_data", List.of("AD-1")), elements);
    }

    @Test
    void elementsOfDataStillProcessingAreEmpty() {
        recording.server().on("GET", OPENAPI + "data/detail",
                ok("{\"data_id\": \"DA-2\", \"map_submit_result\": null}"));
        assertEquals(Map.of(), recording.connector().getSampleDataElements("DA-2"));
    }
}
