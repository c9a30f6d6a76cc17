package org.spatialx.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.api.DataRecord;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyRecord;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.print.FormatPrint;

/** Records read from server answers keep every field in server order, unknown ones in their extras. */
class ResponseRecordsTest {

    private final SpatialXJson json = SpatialXJson.create();

    @Test
    void extrasKeepTheServerOrder() throws Exception {
        StudyRecord study = json.responseMapper().readValue("""
                {"zeta": 1, "study_id": "ST-1", "yank": 2, "title": "T", "beta": 3, "alpha": 4}""", StudyRecord.class);
        assertEquals(List.of("zeta", "yank", "beta", "alpha"), List.copyOf(study.extras().keySet()));
        assertEquals(List.of("zeta", "study_id", "yank", "title", "beta", "alpha"), study.sentFields());
        assertEquals("""
                {
                    zeta: 1
                    study_id: ST-1
                    yank: 2
                    title: T
                    beta: 3
                    alpha: 4
                }""", FormatPrint.parseToStr(study));
    }

    @Test
    void nestedRecordsKeepTheirExtrasInOrderToo() throws Exception {
        StudyDetail detail = json.responseMapper().readValue("""
                {"samples": [{"sample_id": "SP-1", "z": 1, "a": 2, "m": 3}], "study": {"study_id": "ST-1", "q": 1, "b": 2},
                 "total": 1, "page": 0}""", StudyDetail.class);
        assertEquals(List.of("z", "a", "m"), List.copyOf(detail.samples().get(0).extras().keySet()));
        assertEquals(List.of("q", "b"), List.copyOf(detail.study().extras().keySet()));
        assertEquals(List.of("total", "page"), List.copyOf(detail.extras().keySet()));
    }

    @Test
    void numbersKeepTheirPythonKind() throws Exception {
        DataRecord data = json.responseMapper().readValue("{\"percent\": 1, \"map_setting\": {\"mpp\": 1.0, \"n\": 2}}",
                DataRecord.class);
        assertEquals("1", FormatPrint.parseToStr(data.percent()));
        assertEquals("{\n    mpp: 1.0\n    n: 2\n}", FormatPrint.parseToStr(data.mapSetting()));
    }

    @Test
    void aNullSampleDataStaysNull() throws Exception {
        SubmissionResult result = json.responseMapper().readValue("{\"study_id\": \"ST-1\", \"sample_data\": null}",
                SubmissionResult.class);
        assertNull(result.sampleData());
        assertEquals(List.of(), result.submitIds());
    }
}
