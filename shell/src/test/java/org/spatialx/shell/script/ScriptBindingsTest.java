package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic bindings in GraalPy and GraalJS, against the annotated {@link FixtureConnector}. */
class ScriptBindingsTest {

    static Engine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startEngine() {
        engine = ScriptEngines.create(Path.of(System.getProperty("java.io.tmpdir"), "spatialx-test-graalvm-cache"));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    private static ScriptBridge bridge(List<String> argv) {
        return new ScriptBridge(options -> new FixtureConnector(options.domain().isEmpty() ? "local" : options.domain()),
                List.of(), argv, NotebookDocs.load());
    }

    private static String lastError;

    private static String describe(PolyglotException error) {
        return lastError;
    }

    private static String run(ScriptLanguage language, String code, ByteArrayOutputStream out) throws Exception {
        Path script = dir.resolve("script" + System.nanoTime() + language.extension());
        Files.writeString(script, code);
        try (ScriptSession session = ScriptSession.open(language, engine, bridge(List.of(script.toString(), "first-arg")),
                out, out, new ByteArrayInputStream(new byte[0]), dir)) {
            try {
                session.runFile(script);
            } catch (PolyglotException e) {
                lastError = session.describe(e);
                throw e;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pythonRunsNotebookCellsWithKeywordsEnumsDictsAndErrors() throws Exception {
        String code = """
                import os, sys
                import spatialx_connector
                from spatialx_connector import SpatialXConnector, Technologies, DefaultGroup, Species, ConnectorKeys
                from spatialx_connector import SubmissionElementKeys, ImagesSubmission, SegmentationSubmission
                from spatialx_connector import TrasncriptsSubmission, TranscriptsSubmission, ExpressionSubmission
                from spatialx_connector import CombinedTechnologies, format_print

                DOMAIN = "https://example.org/spatialx/"
                connector = SpatialXConnector(domain=DOMAIN, token="secret-token")
                spatialx_connector.format_print(connector.info)
                format_print(connector.groups)
                assert connector.info["app_base_url"] == DOMAIN
                visium = connector.parse_data_information(
                    data_name="Visium_P2", technology=Technologies.VISIUM.value,
                    data_path=os.path.join("/data", "visium"))
                xenium = connector.parse_data_information("Xenium_P2", Technologies.XENIUM.value, "/data/xenium")
                both = xenium + visium
                assert len(both) == 2 and [d["name"] for d in both] == ["Xenium_P2", "Visium_P2"]
                result = connector.submit(group=DefaultGroup.PERSONAL_WORKSPACE.value, species=Species.HUMAN.value,
                                          title="Colon", sample_name="P2", sample_data=both)
                studies = connector.list_study(group=DefaultGroup.PERSONAL_WORKSPACE.value, species=Species.HUMAN)
                print("study", studies[0][ConnectorKeys.STUDY_ID.value], studies[0]["data_names"])
                assert connector.list_study(DefaultGroup.PERSONAL_WORKSPACE.value, species="mouse") == []
                assert TrasncriptsSubmission is TranscriptsSubmission
                print(TrasncriptsSubmission.XENIUM.value, Species.HUMAN)
                print("pca", connector.analysis.embeddings.pca(data_id="DA-1", title="Connector - PCA"))
                try:
                    connector.list_study(group="g", colour="red")
                except TypeError as e:
                    print("TypeError:", e)
                try:
                    connector.get_study_detail(study_id="ST-9")
                except spatialx_connector.SpatialXError as e:
                    print("SpatialXError:", e)
                try:
                    connector.parse_data_information(data_name="x", technology="VISIUM", data_path=" ")
                except ValueError as e:
                    print("ValueError:", e)
                try:
                    SpatialXConnector(domain=DOMAIN, colour="red")
                except TypeError as e:
                    print("TypeError:", e)
                folder = spatialx_connector.temporary_folder(prefix="bindings-")
                print("folder", os.path.isdir(folder), os.path.basename(folder).startswith("bindings-"))
                help(spatialx_connector.temporary_folder)
                print("argv", sys.argv[1:], "home" in dir(os), "PATH" in os.environ)
                connector.get_study_detail(study_id="ST-404")
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PolyglotException error = assertThrows(PolyglotException.class, () -> run(ScriptLanguage.PYTHON, code, out));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("""
                {
                    email: user@example.org
                    sub_dir: user
                    name: Fixture User
                    app_base_url: https://example.org/spatialx/
                }
                {
                    Personal workspace: 0eebe305688d82fe6c5ce361a43c64da
                    All members: GLOBAL_GROUP
                }
                """), printed);
        assertTrue(printed.contains("study ST-1 ['Xenium_P2', 'Visium_P2']\n"), printed);
        assertTrue(printed.contains("TRANSCRIPTS_XENIUM Species.HUMAN\n"), printed);
        assertTrue(printed.contains("pca {'data_id': 'DA-1', 'title': 'Connector - PCA', 'n_components': 50}\n"), printed);
        assertTrue(printed.contains("TypeError: list_study() got an unexpected keyword argument 'colour'; accepted: group, species, limit, active\n"), printed);
        assertTrue(printed.contains("SpatialXError: Study ST-9 not found on https://example.org/spatialx/\n"), printed);
        assertTrue(printed.contains("ValueError: data_path is empty: give the folder holding the VISIUM output\n"), printed);
        assertTrue(printed.contains("TypeError: SpatialXConnector() got an unexpected keyword argument 'colour'; "
                + "accepted: domain, token, verify_ssl, authentication, home, mounts\n"), printed);
        assertTrue(printed.contains("folder True True\n"), printed);
        assertTrue(printed.contains("temporary_folder(prefix='spatialx-')\n\n    temporary_folder(prefix=\"spatialx-\"): creates a new empty folder"), printed);
        assertTrue(printed.contains("argv ['first-arg'] False True\n"), printed);
        assertTrue(!printed.contains("secret-token"), printed);
        String line = describe(error);
        int failing = code.lines().toList().indexOf("connector.get_study_detail(study_id=\"ST-404\")") + 1;
        assertTrue(line.matches(".*script\\d+\\.py:" + failing + ": SpatialXError: Study ST-404 not found.*"), line);
    }

    @Test
    void pythonFormatPrintMatchesTheConnectorsFormatPrint() throws Exception {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("study_id", "ST-1");
        value.put("err_message", "");
        value.put("submit_result", null);
        value.put("map_setting", Map.of());
        value.put("ratios", List.of(0.18, 1.0, 1e9, 1e16, 3, true, false));
        value.put("sample_data", new FixtureConnector("x").parseDataInformation("P2", "VISIUM", "/data/p2"));
        value.put("nested", List.of(List.of(), Map.of("k", List.of("a", "b"))));
        String json = org.spatialx.shell.binding.WireJson.newMapper().writeValueAsString(value);
        Path script = dir.resolve("format" + System.nanoTime() + ".py");
        Files.writeString(script, "import json, sys\nfrom spatialx_connector import format_print\nformat_print(json.loads(sys.argv[1]))\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScriptSession session = ScriptSession.open(ScriptLanguage.PYTHON, engine, bridge(List.of(script.toString(), json)),
                out, out, new ByteArrayInputStream(new byte[0]), dir)) {
            session.runFile(script);
        }
        // The Java rendering of the same value must be byte-identical (protocol section 10).
        assertEquals(org.spatialx.core.print.FormatPrint.parseToStr(value) + "\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pythonFormatPrintKeepsPythonsTextOfTuplesKeysAndOtherObjects() throws Exception {
        String code = """
                from spatialx_connector import format_print, parse_to_str, Species
                format_print({"pair": (1, "a"), "empty": (), "species": Species.HUMAN, 2: None, True: 1.5,
                              None: float("nan"), "set": {3}, "big": 10 ** 20, "small": 1e-05, "inf": float("-inf")})
                print(repr(parse_to_str([1], 1)))
                """;
        // What CPython prints with the notebook's own parse_to_str (protocol 10).
        assertEquals("""
                {
                    pair: (
                        1
                        a
                    )
                    empty: ()
                    species: Species.HUMAN
                    2: None
                    True: 1.5
                    None: nan
                    set: {3}
                    big: 100000000000000000000
                    small: 1e-05
                    inf: -inf
                }
                '[\\n        1\\n    ]'
                """, run(ScriptLanguage.PYTHON, code, new ByteArrayOutputStream()));
    }

    @Test
    void javascriptFormatPrintWritesNumbersAsJavascriptDoes() throws Exception {
        String code = """
                format_print({numbers: [1, 0.5, 1e-7, 1e21, NaN, -0.25], missing: undefined, yes: true, no: false,
                    none: null, text: "a b", nested: {list: [], obj: {}}, species: Species.HUMAN, when: new Date(0).constructor.name});
                console.log(JSON.stringify(parse_to_str(["x"], 1)));
                """;
        assertEquals("""
                {
                    numbers: [
                        1
                        0.5
                        1e-7
                        1e+21
                        NaN
                        -0.25
                    ]
                    missing: None
                    yes: True
                    no: False
                    none: None
                    text: a b
                    nested: {
                        list: []
                        obj: {}
                    }
                    species: Species.HUMAN
                    when: Date
                }
                "[\\n        x\\n    ]"
                """, run(ScriptLanguage.JS, code, new ByteArrayOutputStream()));
    }

    @Test
    void javascriptUsesOptionsObjectsPlainObjectsAndGlobals() throws Exception {
        String code = """
                const connector = new SpatialXConnector({domain: "https://example.org/spatialx/", token: "t"});
                format_print(connector.groups);
                const visium = connector.parse_data_information({data_name: "Visium_P2",
                    technology: Technologies.VISIUM.value, data_path: "/data/visium"});
                const both = connector.parse_data_information("Xenium_P2", Technologies.XENIUM.value, "/data/xenium").concat(visium);
                const result = connector.submit({group: DefaultGroup.PERSONAL_WORKSPACE.value, species: Species.HUMAN,
                    title: "Colon", sample_name: "P2", sample_data: both});
                const studies = connector.list_study({group: DefaultGroup.PERSONAL_WORKSPACE.value, limit: 5});
                console.log("study", studies[0][ConnectorKeys.STUDY_ID.value], JSON.stringify(studies[0].data_names));
                console.log("pca", JSON.stringify(connector.analysis.embeddings.pca({data_id: "DA-1", n_components: 3})));
                console.log(TrasncriptsSubmission === TranscriptsSubmission, String(Species.HUMAN), Species.HUMAN.value);
                try { connector.list_study({group: "g"}, "human", 1, true, "extra"); } catch (e) { console.log(e.name + ": " + e.message); }
                try { connector.get_study_detail({study_id: "ST-9"}); } catch (e) { console.log(e.name + ": " + e.message); }
                console.log("folder", temporary_folder({prefix: "bindings-js-"}).includes("/bindings-js-"));
                console.log("argv", JSON.stringify(argv.slice(1)), typeof env.PATH);
                connector.get_study_detail({study_id: "ST-404"});
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PolyglotException error = assertThrows(PolyglotException.class, () -> run(ScriptLanguage.JS, code, out));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("{\n    Personal workspace: 0eebe305688d82fe6c5ce361a43c64da\n    All members: GLOBAL_GROUP\n}\n"), printed);
        assertTrue(printed.contains("study ST-1 [\"Xenium_P2\",\"Visium_P2\"]\n"), printed);
        assertTrue(printed.contains("pca {\"data_id\":\"DA-1\",\"title\":\"PCA\",\"n_components\":3}\n"), printed);
        assertTrue(printed.contains("true Species.HUMAN human\n"), printed);
        assertTrue(printed.contains("TypeError: list_study() takes 4 arguments but 5 were given"), printed);
        assertTrue(printed.contains("SpatialXError: Study ST-9 not found on https://example.org/spatialx/\n"), printed);
        assertTrue(printed.contains("folder true\n"), printed);
        assertTrue(printed.contains("argv [\"first-arg\"] string\n"), printed);
        String line = describe(error);
        int failing = code.lines().toList().indexOf("connector.get_study_detail({study_id: \"ST-404\"});") + 1;
        assertTrue(line.matches(".*script\\d+\\.js:" + failing + ": .*Study ST-404 not found.*"), line);
        assertEquals(true, error.isGuestException());
    }
}

