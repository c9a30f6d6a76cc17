package org.spatialx.core.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialx.api.KeyValue;
import org.spatialx.api.Species;
import org.spatialx.api.StudyRecord;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.core.Studies;

/** {@code parse_to_str} / {@code format_print} rules of protocol 10. */
class FormatPrintTest {

    @Test
    void scalarsAreRenderedLikePythonStr() {
        assertEquals("None", FormatPrint.parseToStr(null));
        assertEquals("True", FormatPrint.parseToStr(true));
        assertEquals("False", FormatPrint.parseToStr(false));
        assertEquals("42", FormatPrint.parseToStr(42));
        assertEquals("12345678901234", FormatPrint.parseToStr(12345678901234L));
        assertEquals("plain text", FormatPrint.parseToStr("plain text"));
        assertEquals("Species.HUMAN", FormatPrint.parseToStr(Species.HUMAN));
        assertEquals("SubmissionElementKeys.EXPRESSION", FormatPrint.parseToStr(SubmissionElementKeys.EXPRESSION));
    }

    @Test
    void floatsAreRenderedLikePythonRepr() {
        assertEquals("0.18", PythonFloat.repr(0.18));
        assertEquals("1.0", PythonFloat.repr(1.0));
        assertEquals("0.25", PythonFloat.repr(0.25));
        assertEquals("1000000000.0", PythonFloat.repr(1e9));
        assertEquals("1e+16", PythonFloat.repr(1e16));
        assertEquals("9999999999999998.0", PythonFloat.repr(9999999999999998.0));
        assertEquals("1.2345678901234568e+17", PythonFloat.repr(123456789012345678.0));
        assertEquals("0.0001", PythonFloat.repr(0.0001));
        assertEquals("1e-05", PythonFloat.repr(0.00001));
        assertEquals("-2.5e-07", PythonFloat.repr(-2.5e-7));
        assertEquals("0.1", PythonFloat.repr(0.1f));
        assertEquals("-0.0", PythonFloat.repr(-0.0));
        assertEquals("nan", PythonFloat.repr(Double.NaN));
        assertEquals("-inf", PythonFloat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("0.30000000000000004", FormatPrint.parseToStr(0.1 + 0.2));
    }

    @Test
    void containersNestWithFourSpacesAndEmptyOnesStayOnOneLine() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "x");
        value.put("empty_list", List.of());
        value.put("empty_map", Map.of());
        value.put("blank", "");
        value.put("nested", List.of(Map.of("k", 1.5), List.of(true)));
        assertEquals("""
                {
                    name: x
                    empty_list: []
                    empty_map: {}
                    blank:\s
                    nested: [
                        {
                            k: 1.5
                        }
                        [
                            True
                        ]
                    ]
                }""", FormatPrint.parseToStr(value));
    }

    @Test
    void pythonTuplesPrintInParentheses() {
        assertEquals("()", FormatPrint.parseToStr(new PythonTuple(List.of())));
        assertEquals("[\n    (\n        a\n        None\n        ()\n    )\n]",
                FormatPrint.parseToStr(List.of(new PythonTuple(java.util.Arrays.asList("a", null, new PythonTuple(List.of()))))));
    }

    @Test
    void nestedLevelIndentsEveryLineButTheFirst() {
        assertEquals("[\n            a\n        ]", FormatPrint.parseToStr(List.of("a"), 2));
    }

    @Test
    void enumKeysAndValuesShowTheirPythonNames() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(SubmissionElementKeys.MPP, Species.MOUSE);
        assertEquals("{\n    SubmissionElementKeys.MPP: Species.MOUSE\n}", FormatPrint.parseToStr(value));
        assertEquals("{\n    key: mpp\n    value: Species.HUMAN\n}",
                FormatPrint.parseToStr(new KeyValue("mpp", Species.HUMAN)));
    }

    @Test
    void recordsKeepUnknownServerFieldsAfterTheDocumentedOnes() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("zeta", 1);
        extras.put("alpha", List.of());
        StudyRecord study = new StudyRecord("ST-1", "T", 2L, null, extras);
        assertEquals("{\n    study_id: ST-1\n    title: T\n    total_sample: 2\n    zeta: 1\n    alpha: []\n}",
                FormatPrint.parseToStr(study));
    }

    @Test
    void formatPrintWritesTheTextAndOneNewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FormatPrint.formatPrint(Map.of("a", 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("{\n    a: 1\n}\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void studiesPrintAsTheirTable() {
        List<StudyRecord> rows = new ArrayList<>();
        rows.add(new StudyRecord("ST-A", "Colon", 2L, 3L, null));
        rows.add(new StudyRecord("ST-BB", "Lung cancer", 10L, 12L, null));
        String table = """
                  │ Study ID │ Title       │ Total Sample │ Total Data │
                ──┼──────────┼─────────────┼──────────────┼────────────┤
                0 │ ST-A     │ Colon       │            2 │          3 │
                1 │ ST-BB    │ Lung cancer │           10 │         12 │""";
        assertEquals(table, FormatPrint.parseToStr(new Studies(rows)));
        assertEquals("{\n    studies: " + table + "\n}", FormatPrint.parseToStr(Map.of("studies", new Studies(rows))));
    }

    @Test
    void anEmptyStudyListPrintsTheHeaderOnly() {
        assertEquals("""
                 │ Study ID │ Title │ Total Sample │ Total Data │
                ─┼──────────┼───────┼──────────────┼────────────┤""", new Studies(List.of()).textForm());
    }
}
