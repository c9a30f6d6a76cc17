package org.spatialx.core.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.DOMAIN_PATH;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.ConnectorKeys;
import org.spatialx.api.DefaultGroup;
import org.spatialx.api.Species;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.Studies;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.TestConnectors;

/**
 * Issue 10 item 2: {@code list_study} returns the SDK's object model (protocol 8.2 - 8.4, 11.27):
 * a {@link Studies} table whose items are {@link Study} objects read as the SDK reads them, indexing
 * {@link Sample}s and {@link Data}, with the SDK's requests for every call; the notebook's
 * {@code studies[0][ConnectorKeys.STUDY_ID.value]} keeps working.
 */
class StudyObjectsTest {

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(server ->
            new SpatialXConnector(server.url(DOMAIN_PATH), TOKEN, TestConnectors.options(output)
                    .confirmation(question -> {
                        questions.add(question);
                        return "Yes".equals(answers.poll());
                    }).build()));

    @BeforeEach
    void scriptTheServer() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": []}"""));
        recording.server().on("POST", OPENAPI + "study/list", ok("""
                {"list": [{"study_id": "ST-1", "title": "Colon", "total_sample": 2, "total_data": 2},
                          {"study_id": "ST-2", "title": "Lung", "total_sample": 0, "total_data": 0}]}"""));
        recording.server().on("GET", OPENAPI + "study/detail", ok("""
                {"study": {"study_id": "ST-1", "title": "Colon", "species": "human", "data_path": "/data/ST-1",
                           "description": "", "email_id": "a@b.c", "group_id": "G", "publication": [], "tags": [],
                           "author": []},
                 "samples": [{"sample_id": "SP-1", "enable_status": 1}, {"sample_id": "SP-9", "enable_status": 3},
                             {"sample_id": "SP-2", "enable_status": 2}]}"""));
        recording.server().on("GET", OPENAPI + "sample/detail", ok("""
                {"sample": {"sample_id": "SP-1", "study_id": "ST-1", "title": "P2", "enable_status": 1},
                 "sample_data": [{"data_id": "DA-1", "title": "Xenium run", "technology": "XENIUM",
                                  "map_submit_result": {"SB-1": {"segmentation": {"EL-1": "Cells", "EL-2": "Nuclei"},
                                                                 "images": "EL-3"}}}]}"""), ok("""
                {"sample": {"sample_id": "SP-2", "study_id": "ST-1", "title": "P3", "enable_status": 2},
                 "sample_data": []}"""));
    }

    private Studies listStudies() {
        return recording.connector().listStudy(DefaultGroup.PERSONAL_WORKSPACE.value(), Species.HUMAN.value());
    }

    private static String line(RecordedRequest request) {
        return request.method() + " " + request.path().substring(OPENAPI.length())
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
    }

    @Test
    void indexingTheTableReadsTheStudyThenEachLiveSampleAsTheSdkDoes() {
        Studies studies = listStudies();
        assertEquals("""
                  │ Study ID │ Title │ Total Sample │ Total Data │
                ──┼──────────┼───────┼──────────────┼────────────┤
                0 │ ST-1     │ Colon │            2 │          2 │
                1 │ ST-2     │ Lung  │            0 │          0 │""", FormatPrint.parseToStr(studies));
        assertEquals(2, recording.server().requests().size(), "printing the table sends nothing");

        Study study = studies.get(0);
        assertEquals(List.of("GET account/groups", "POST study/list", "GET study/detail?key=ST-1&limit=50&offset=0",
                "GET sample/detail?key=SP-1&limit=50&offset=0", "GET sample/detail?key=SP-2&limit=50&offset=0"),
                recording.server().requests().stream().map(StudyObjectsTest::line).toList());
        assertEquals("ST-1", study.item(ConnectorKeys.STUDY_ID.value()), "the notebook's studies[0][\"study_id\"]");
        assertEquals(2L, study.item("total_sample"), "a field of the study/list row");
        assertEquals("/data/ST-1", study.item("data_path"), "a field of the study/detail record");
        assertEquals(2, study.size(), "the deleted sample SP-9 is not opened");
        Sample first = (Sample) study.item(0);
        assertEquals("SP-2", ((Sample) study.item(-1)).sampleId());
        assertEquals("SP-1", ((Sample) study.item("SP-1")).sampleId());
        assertEquals("P2", first.item("title"));
        Data data = (Data) first.item(0);
        assertEquals("XENIUM", data.item("technology"));
        assertEquals("""
                Colon (Species: human)
                    0: P2 (SP-1)
                        0: Xenium run (DA-1, XENIUM)
                    1: P3 (SP-2)""", FormatPrint.parseToStr(study));
        NoSuchElementException unknown = assertThrows(NoSuchElementException.class, () -> study.item("SP-7"));
        assertTrue(unknown.getMessage().contains("no field or sample 'SP-7'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("samples: SP-1, SP-2"), unknown.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> study.item(2));
        assertEquals("Lung", studies.get("ST-2").row().title(), "opened by id: its row is the one of that id");
        assertEquals(List.of("ST-2"), studies.tail(new Studies.RowCount(1)).rows().stream().map(r -> r.studyId()).toList());
        assertEquals(1, studies.head(new Studies.RowCount(1)).size());
    }

    @Test
    void renamesSendTheSdksRequests() {
        recording.server().on("POST", OPENAPI + "study/update", ok("{}"));
        recording.server().on("POST", OPENAPI + "sample/rename", ok("{}"));
        recording.server().on("POST", OPENAPI + "data/rename", ok("{}"));
        Study study = listStudies().get(0);
        recording.server().clearRequests();
        study.rename("Colon 2");
        Sample sample = study.samples().get(0);
        sample.rename("P2 bis");
        sample.data().get(0).rename("run 1");
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(List.of("GET study/detail?key=ST-1&limit=50&offset=0",
                "POST study/update?study_id=ST-1&title=Colon+2&description=&email_id=a%40b.c&group_id=G&species=human",
                "POST sample/rename", "POST data/rename"), requests.stream().map(StudyObjectsTest::line).toList());
        assertEquals("{\"sample_id\": \"SP-1\", \"new_name\": \"P2 bis\"}", requests.get(2).bodyText());
        assertEquals("{\"data_id\": \"DA-1\", \"new_name\": \"run 1\"}", requests.get(3).bodyText());
    }

    @Test
    void deleteAsksForYesFirst() {
        recording.server().on("POST", OPENAPI + "study/stop_create_submit", ok("{\"status\": 3}"));
        recording.server().on("POST", OPENAPI + "sample/delete", ok("{}"));
        recording.server().on("POST", OPENAPI + "data/delete", ok("{}"));
        Study study = listStudies().get(0);
        recording.server().clearRequests();

        answers.add("no");
        assertNull(study.delete());
        assertEquals(List.of(), recording.server().requests(), "nothing is sent without Yes");
        assertEquals("Delete study 'Colon' (ST-1) with its samples and data? Type 'Yes' to confirm: ", questions.get(0));
        assertEquals("Cancelled: study 'Colon' (ST-1) with its samples and data was not deleted.", output.get(0));

        answers.addAll(List.of("Yes", "Yes", "Yes"));
        study.delete();
        study.samples().get(0).delete();
        study.samples().get(0).data().get(0).delete();
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(List.of("POST study/stop_create_submit?key=ST-1&cleanup_flg=False", "POST sample/delete",
                "POST data/delete"), requests.stream().map(StudyObjectsTest::line).toList());
        assertEquals("{\"sample_id\": \"SP-1\"}", requests.get(1).bodyText());
        assertEquals("{\"data_id\": \"DA-1\"}", requests.get(2).bodyText());
    }

    @Test
    void deleteElementTakesAnIdOrAUniqueName() {
        recording.server().on("POST", OPENAPI + "data/delete_element", ok("{}"));
        Data data = listStudies().get(0).samples().get(0).data().get(0);
        recording.server().clearRequests();
        data.deleteElement("Nuclei");
        data.deleteElement("EL-3");
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals("{\"data_id\": \"DA-1\", \"element_id\": \"EL-2\"}", requests.get(0).bodyText());
        assertEquals("{\"data_id\": \"DA-1\", \"element_id\": \"EL-3\"}", requests.get(1).bodyText());
        SpatialXInvalidInputException unknown = assertThrows(SpatialXInvalidInputException.class,
                () -> data.deleteElement("Membranes"));
        assertEquals("No element of 'Xenium run' (DA-1) are called 'Membranes'; pass one of its element ids: "
                + "EL-1, EL-2, EL-3.", unknown.getMessage());
    }
}
