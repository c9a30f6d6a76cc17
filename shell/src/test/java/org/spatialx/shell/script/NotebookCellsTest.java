package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.ScriptedResponse.ok;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.testing.LensTestServer;
import org.spatialx.core.testing.Notebook;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingHttpServer;

/**
 * Issue 10: the notebook's cells, verbatim (only DOMAIN, TOKEN and data paths changed), run by the
 * shell's Python with the real connector against a server that answers like SpatialX (canned answers
 * of protocol.md); each test asserts the exact requests the Python SDK sends for those cells
 * (protocol 4.2, 8, 9) and the printed text (protocol 10).
 */
class NotebookCellsTest {

    private static final String TOKEN = "000000000000000000000000NM";
    private static final String OPENAPI = "/spatialx/openapi/";
    private static final String PYAPI = "/spatialx/pyapi/v1/";
    private static final String IMPORTS = """
            import os

            import spatialx_connector
            from spatialx_connector import SpatialXConnector
            from spatialx_connector import Technologies
            from spatialx_connector import DefaultGroup
            from spatialx_connector import Species
            from spatialx_connector import ConnectorKeys
            from spatialx_connector import SubmissionElementKeys
            from spatialx_connector import SegmentationSubmission
            from spatialx_connector import ExpressionSubmission
            """;

    @TempDir
    static Path dir;
    static ScriptRuntime runtime;
    RecordingHttpServer spatialx;

    @BeforeAll
    static void startRuntime() {
        // The GraalVM language files are unpacked once for every run of the shell's tests.
        SpatialxHome home = new SpatialxHome(Path.of(System.getProperty("java.io.tmpdir"), "spatialx-test-notebook-home"));
        runtime = new ScriptRuntime(home, new DefaultConnectorFactory(home));
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @BeforeEach
    void startServer() {
        spatialx = RecordingHttpServer.start();
        spatialx.on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"662bd88b50da063e1870a4efc01fe185": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": [{"id": "bioturing_public_studies", "name": "BioTuring Public Studies", "type": 2}]}"""));
    }

    @AfterEach
    void stopServer() {
        spatialx.close();
    }

    /** Runs the notebook's imports, its DOMAIN/TOKEN cell pointed at the recording server, then {@code cells}. */
    private String runCells(String cells, String input) throws Exception {
        String code = IMPORTS + "\nDOMAIN = \"" + spatialx.url("/spatialx/") + "\"\nTOKEN = \"" + TOKEN + "\"\n\n"
                + "connector = SpatialXConnector(domain=DOMAIN, token=TOKEN)\n" + cells;
        Path script = dir.resolve("cells" + System.nanoTime() + ".py");
        Files.writeString(script, code);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScriptSession session = runtime.open(ScriptLanguage.PYTHON, List.of(script.toString()), out, out,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), dir)) {
            try {
                session.runFile(script);
            } catch (PolyglotException e) {
                throw new AssertionError(session.describe(e) + "\n" + out.toString(StandardCharsets.UTF_8), e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs JavaScript {@code cells} after DOMAIN and TOKEN pointed at the recording server. */
    private String runJavaScript(String cells) throws Exception {
        Path script = dir.resolve("cells" + System.nanoTime() + ".js");
        Files.writeString(script, "const DOMAIN = \"" + spatialx.url("/spatialx/") + "\";\nconst TOKEN = \"" + TOKEN
                + "\";\n" + cells);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ScriptSession session = runtime.open(ScriptLanguage.JS, List.of(script.toString()), out, out,
                new ByteArrayInputStream(new byte[0]), dir)) {
            try {
                session.runFile(script);
            } catch (PolyglotException e) {
                throw new AssertionError(session.describe(e) + "\n" + out.toString(StandardCharsets.UTF_8), e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> requestLines() {
        return spatialx.requests().stream().map(r -> r.method() + " " + r.path().substring("/spatialx/".length())
                + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList();
    }

    // ------------------------------------------------------------------ item 1: parsing on the server (4.2)

    @Test
    void parseCellsAskTheServersParserAndAppendTheQcFilters() throws Exception {
        String visium = "/.../bioturingpublic/SpatialX_datasets/Human_Colon_Cancer_P2/Visium_V2_Human_Colon_Cancer_P2/";
        spatialx.on("POST", PYAPI + "submission/parse_data_information", ok("""
                [{"name": "Visium_V2_Human_Colon_Cancer_P2", "submission_type": "SUBMIT_SPATIAL_BULK", "technology": "VISIUM",
                  "files": [{"key": "images", "value": "%1$simage.btf"}, {"key": "matrix", "value": "%1$smatrix.h5"}],
                  "folders": [], "args": null, "kwargs": null, "identities": []}]""".formatted(visium)), ok("""
                [{"name": "Sample 6", "submission_type": "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "technology": "COSMX_VER1",
                  "files": [], "folders": [{"key": "images", "value": "/d/Lung6/Lung6-RawMorphologyImages"}],
                  "args": [{"key": "mpp", "value": 0.18}], "kwargs": [], "identities": []}]"""));
        spatialx.on("POST", OPENAPI + "directory/entities", ok("""
                {"entities": [{"name": "Lung6", "type": "directory"}, {"name": "README.md", "type": "file"}]}"""));

        String printed = runCells("""
                Visium_V2_Human_Colon_Cancer_P2_submission_information = connector.parse_data_information(
                    data_name="Visium_V2_Human_Colon_Cancer_P2",
                    technology=Technologies.VISIUM.value,
                    data_path=os.path.join(
                        "/.../bioturingpublic",
                        "SpatialX_datasets/Human_Colon_Cancer_P2/Visium_V2_Human_Colon_Cancer_P2"
                    )
                )
                spatialx_connector.format_print(Visium_V2_Human_Colon_Cancer_P2_submission_information)
                multiple_cosmx_samples_submission_information = connector.parse_multiple_samples_information(
                    technology=Technologies.COSMX_VER1.value,
                    data_path=os.path.join("/d", "SpatialX_datasets/COSMX_VER1"),
                    sample_name_mapping={
                        "Lung6": "Human Lung Cancer - Sample 6",
                    },
                    data_name_mapping={
                        "Lung6": "Sample 6",
                    },
                )
                print(multiple_cosmx_samples_submission_information[0]["sample_name"])
                print(multiple_cosmx_samples_submission_information[0]["data"][0]["kwargs"][0])
                """, "");

        List<RecordedRequest> requests = spatialx.requests();
        assertEquals(List.of("POST pyapi/v1/submission/parse_data_information", "POST openapi/directory/entities",
                "POST pyapi/v1/submission/parse_data_information"), requestLines(), "no client-side listing for one folder");
        assertEquals("{\"data_name\": \"Visium_V2_Human_Colon_Cancer_P2\", \"technology\": \"VISIUM\", \"data_path\": "
                + "\"/.../bioturingpublic/SpatialX_datasets/Human_Colon_Cancer_P2/Visium_V2_Human_Colon_Cancer_P2\", "
                + "\"permission_name\": \"CREATE_NEW_STUDY\"}", requests.get(0).bodyText());
        assertEquals("path=%2Fd%2FSpatialX_datasets%2FCOSMX_VER1&ignore_hidden=True", requests.get(1).bodyText());
        assertEquals("{\"data_name\": \"Sample 6\", \"technology\": \"COSMX_VER1\", \"data_path\": "
                + "\"/d/SpatialX_datasets/COSMX_VER1/Lung6\", \"permission_name\": \"CREATE_NEW_STUDY\"}",
                requests.get(2).bodyText());
        assertTrue(printed.contains("""
                [
                    {
                        name: Visium_V2_Human_Colon_Cancer_P2
                        submission_type: SUBMIT_SPATIAL_BULK
                        technology: VISIUM
                        files: [
                            {
                                key: images
                                value: %1$simage.btf
                            }
                            {
                                key: matrix
                                value: %1$smatrix.h5
                            }
                        ]
                        folders: []
                        args: []
                        kwargs: [
                            {
                                key: min_genes
                                value: 1
                            }
                            {
                                key: min_counts
                                value: 1
                            }
                            {
                                key: mito_controls_percentage
                                value: 0.25
                            }
                        ]
                        identities: []
                    }
                ]
                Human Lung Cancer - Sample 6
                {'key': 'min_genes', 'value': 1}
                """.formatted(visium)), printed);
    }

    // ------------------------------------------------------------------ items 2 and 3: objects, records as sent (8)

    @Test
    void studiesAreTheSdksObjectsAndStudiesZeroStudyIdWorks() throws Exception {
        spatialx.on("POST", OPENAPI + "study/list", ok("""
                {"list": [{"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "title": "Human Colon Cancer - 10xgenomics",
                           "total_sample": 2, "total_data": 3}], "total": 1}"""));
        spatialx.on("GET", OPENAPI + "study/detail", ok("""
                {"study": {"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "title": "Human Colon Cancer - 10xgenomics",
                           "species": "human", "data_path": "/data/ST-1"},
                 "samples": [{"sample_id": "SP-1", "enable_status": 1}, {"sample_id": "SP-2", "enable_status": 3}]}"""));
        spatialx.on("GET", OPENAPI + "sample/list", ok("""
                {"list": [{"sample_id": "SP-1", "title": "Human_Colon_Cancer_P2"}]}"""));
        spatialx.on("GET", OPENAPI + "sample/detail", ok("""
                {"sample": {"sample_id": "SP-1", "title": "Human_Colon_Cancer_P2"},
                 "sample_data": [{"data_id": "DA-1", "title": "Xenium_V1", "technology": "XENIUM", "percent": 1}]}"""));
        spatialx.on("POST", OPENAPI + "sample/rename", ok("{}"));
        spatialx.on("POST", OPENAPI + "study/stop_create_submit", ok("{}"));

        String printed = runCells("""
                studies = connector.list_study(
                    group=DefaultGroup.PERSONAL_WORKSPACE.value,
                    species=Species.HUMAN.value,
                )
                spatialx_connector.format_print(studies)
                study_details = connector.get_study_detail(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
                samples = connector.list_sample(study_id=studies[0][ConnectorKeys.STUDY_ID.value])
                sample_details = connector.get_sample_detail(sample_id=samples[0][ConnectorKeys.SAMPLE_ID.value])
                spatialx_connector.format_print(sample_details)
                study = studies[0]
                print(study)
                print(len(studies), len(study), study[0]["title"], study["SP-1"][0]["data_id"])
                study[0].rename("P2")
                study.delete()
                study.delete()
                """, "no\nYes\n");

        assertEquals(List.of("GET openapi/account/groups", "POST openapi/study/list",
                "GET openapi/study/detail?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&limit=50&offset=0",
                "GET openapi/sample/detail?key=SP-1&limit=50&offset=0",
                "GET openapi/study/detail?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&limit=50&offset=0",
                "GET openapi/study/detail?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&limit=50&offset=0",
                "GET openapi/sample/detail?key=SP-1&limit=50&offset=0",
                "GET openapi/sample/list?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&limit=50&offset=0&need_data=False",
                "GET openapi/sample/detail?key=SP-1&limit=50&offset=0",
                "GET openapi/study/detail?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&limit=50&offset=0",
                "GET openapi/sample/detail?key=SP-1&limit=50&offset=0",
                "POST openapi/sample/rename",
                "POST openapi/study/stop_create_submit?key=ST-01JMGMH3AT8HH8S23QV8ZC2G9T&cleanup_flg=False"),
                requestLines(), "studies[0] reads the study and its live samples, as the SDK's Study does");
        assertTrue(printed.startsWith("""
                  │ Study ID                      │ Title                            │ Total Sample │ Total Data │
                ──┼───────────────────────────────┼──────────────────────────────────┼──────────────┼────────────┤
                0 │ ST-01JMGMH3AT8HH8S23QV8ZC2G9T │ Human Colon Cancer - 10xgenomics │            2 │          3 │
                {
                    sample: {
                        sample_id: SP-1
                        title: Human_Colon_Cancer_P2
                    }
                    sample_data: [
                        {
                            data_id: DA-1
                            title: Xenium_V1
                            technology: XENIUM
                            percent: 1
                        }
                    ]
                }
                Human Colon Cancer - 10xgenomics (Species: human)
                    0: Human_Colon_Cancer_P2 (SP-1)
                        0: Xenium_V1 (DA-1, XENIUM)
                1 1 Human_Colon_Cancer_P2 DA-1
                """), "the sample detail shows only the fields the server sent:\n" + printed);
        assertTrue(printed.contains("Delete study 'Human Colon Cancer - 10xgenomics' (ST-01JMGMH3AT8HH8S23QV8ZC2G9T) "
                + "with its samples and data? Type 'Yes' to confirm: Cancelled: study"), printed);
    }

    // ------------------------------------------------------------------ item 4: basic authentication (1.1, 1.2)

    @Test
    void authenticationSendsBasicAuthWithEveryRequest() throws Exception {
        runCells("""
                connector = SpatialXConnector(domain=DOMAIN, token=TOKEN, authentication=("ann", "pa55word"))
                spatialx_connector.format_print(connector.groups)
                """, "");
        RecordedRequest groups = spatialx.single();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ann:pa55word".getBytes(StandardCharsets.UTF_8)),
                groups.header("Authorization"));
        assertEquals(TOKEN, groups.header("SpatialX-Token"));
    }

    // ------------------------------------------------------------------ item 5: enum members as keys (1.4, 4.3)

    @Test
    void addCustomSampleTakesEnumMembersAsKeysValuesAndGroups() throws Exception {
        spatialx.on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-C\"}"));
        spatialx.on("POST", OPENAPI + "sample/create", ok("""
                {"study_id": "ST-C", "sample_id": "SP-C", "sample_data": [{"data_id": "DA-C", "submit_id": "SB-C",
                 "submit_name": "human_pancreas_codex"}], "submit_id": "SB-C", "job_id": 1, "err_message": ""}"""));
        runCells("""
                from spatialx_connector import ImagesSubmission
                study_id = connector.create_study(
                    group=DefaultGroup.PERSONAL_WORKSPACE,
                    species=Species.HUMAN,
                    title="Human Pancreas - CODEX"
                )
                connector.add_custom_sample(
                    study_id=study_id,
                    sample_name="human_pancreas_codex",
                    data_name="human_pancreas_codex",
                    technology=Technologies.PROTEIN_QPTIFF,
                    adding_types=[
                        ImagesSubmission.PROTEIN_QPTIFF,
                        SegmentationSubmission.PARQUET,
                        ExpressionSubmission.IMPORT_ANNDATA,
                    ],
                    paths={
                        SubmissionElementKeys.PROTEIN_IMAGES: os.path.join(
                            "/b", "mount/examples/spatialx/human_pancreas_codex/human_pancreas_codex.qptiff",
                        ),
                        SubmissionElementKeys.SEGMENTATION: os.path.join(
                            "/b", "mount/examples/spatialx/human_pancreas_codex/human_pancreas_segmentation.parquet",
                        ),
                        SubmissionElementKeys.EXPRESSION: os.path.join(
                            "/b", "mount/examples/spatialx/human_pancreas_codex/human_pancreas_protein.h5ad",
                        ),
                    },
                    args={
                        SubmissionElementKeys.MPP: 1,
                    },
                )
                """, "");
        List<RecordedRequest> requests = spatialx.requests();
        assertEquals("{\"group_id\": \"662bd88b50da063e1870a4efc01fe185\", \"species\": \"human\", \"title\": "
                + "\"Human Pancreas - CODEX\", \"description\": \"\", \"type\": 1}", requests.get(1).bodyText());
        String codex = "/b/mount/examples/spatialx/human_pancreas_codex/";
        assertEquals("{\"study_id\": \"ST-C\", \"name\": \"human_pancreas_codex\", \"data\": [{\"name\": "
                + "\"human_pancreas_codex\", \"submission_type\": \"SUBMIT_SPATIAL_PROTEOMICS\", \"technology\": "
                + "\"PROTEIN_QPTIFF\", \"identities\": [\"IMAGES_PROTEIN_QPTIFF\", \"SEGMENTATION_PARQUET\", \"IMPORT_ANNDATA\"], "
                + "\"files\": [{\"key\": \"protein_images\", \"value\": \"" + codex + "human_pancreas_codex.qptiff\"}, "
                + "{\"key\": \"segmentation\", \"value\": \"" + codex + "human_pancreas_segmentation.parquet\"}, "
                + "{\"key\": \"annotated_data\", \"value\": \"" + codex + "human_pancreas_protein.h5ad\"}], "
                + "\"folders\": [], \"args\": [{\"key\": \"mpp\", \"value\": 1}, "
                + "{\"key\": \"ignore_technology_elements\", \"value\": true}], \"kwargs\": []}]}",
                requests.get(2).bodyText());
    }

    @Test
    void javascriptTakesTheSameCellsObjectsCredentialsAndEnumKeys() throws Exception {
        spatialx.on("POST", OPENAPI + "study/list", ok("""
                {"list": [{"study_id": "ST-1", "title": "Colon", "total_sample": 0, "total_data": 0}]}"""));
        spatialx.on("GET", OPENAPI + "study/detail", ok("""
                {"study": {"study_id": "ST-1", "title": "Colon", "species": "human"}, "samples": []}"""));
        spatialx.on("POST", OPENAPI + "sample/create", ok("""
                {"study_id": "ST-1", "sample_id": "SP-C", "sample_data": [], "submit_id": "SB-C", "job_id": 1,
                 "err_message": ""}"""));
        String printed = runJavaScript("""
                const connector = new SpatialXConnector({domain: DOMAIN, token: TOKEN, authentication: ["ann", "pa55word"]});
                const studies = connector.list_study({group: DefaultGroup.PERSONAL_WORKSPACE, species: Species.HUMAN.value});
                spatialx_connector.format_print(studies);
                console.log(studies.length, studies[0][ConnectorKeys.STUDY_ID.value], String(studies[0]), studies[0][3]);
                connector.add_custom_sample({study_id: studies[0].study_id, sample_name: "s", data_name: "d",
                  technology: Technologies.PROTEIN_QPTIFF, adding_types: [ImagesSubmission.PROTEIN_QPTIFF],
                  paths: {[SubmissionElementKeys.PROTEIN_IMAGES]: "/b/codex.qptiff"}, args: {[SubmissionElementKeys.MPP]: 1}});
                """);
        assertEquals("""
                  │ Study ID │ Title │ Total Sample │ Total Data │
                ──┼──────────┼───────┼──────────────┼────────────┤
                0 │ ST-1     │ Colon │            0 │          0 │
                1 ST-1 Colon (Species: human) undefined
                """, printed);
        String basic = "Basic " + Base64.getEncoder().encodeToString("ann:pa55word".getBytes(StandardCharsets.UTF_8));
        for (RecordedRequest request : spatialx.requests()) {
            assertEquals(basic, request.header("Authorization"), request.toString());
        }
        String body = spatialx.requests().get(spatialx.requests().size() - 1).bodyText();
        assertTrue(body.contains("\"identities\": [\"IMAGES_PROTEIN_QPTIFF\"], \"files\": [{\"key\": \"protein_images\", "
                + "\"value\": \"/b/codex.qptiff\"}], \"folders\": [], \"args\": [{\"key\": \"mpp\", \"value\": 1}, "
                + "{\"key\": \"ignore_technology_elements\", \"value\": true}]"), body);
    }

    // ------------------------------------------------------------------ item 6: Lens (9) and combining (4.3)

    @Test
    void lensCellsListAndConvertThroughTheLensTransport() throws Exception {
        String lensToken = "lens-000000000000000000NM";
        Map<String, Object> breast = new LinkedHashMap<>();
        breast.put("id", "96f6e21e9ac74f74bfe656a2a59ba058");
        breast.put("accession_id", "XENIUM");
        breast.put("title", "breast");
        breast.put("abstract", "TBD");
        breast.put("authors", "TBD");
        breast.put("reference", "TBD");
        Map<String, Object> other = new LinkedHashMap<>(breast);
        other.put("id", "49998dd7de8340c19a0acdd177b71fb4");
        other.put("title", "TBD");
        spatialx.on("POST", OPENAPI + "study/convert_from_lens", ok("{\"study_id\": \"ST-96f6e21e9ac74f74bfe656a2a59ba058\"}"));
        try (LensTestServer lens = LensTestServer.start("/lens_sc/", lensToken)
                .study("personal", "human", breast).study("personal", "human", other)) {
            String printed = runCells("""
                    LENS_SC_HOST: str = "%s"
                    LENS_SC_TOKEN: str = "%s"
                    lens_sc_studies = connector.list_lens_sc_studies(
                        host=LENS_SC_HOST, token=LENS_SC_TOKEN,
                        group=DefaultGroup.PERSONAL_WORKSPACE,
                        species=Species.HUMAN.value,
                    )
                    spatialx_connector.format_print(lens_sc_studies)
                    # Convert a study
                    print(connector.convert_data_from_lens(lens_sc_studies[0]))
                    """.formatted(lens.host(), lensToken), "");

            String connecting = "Connecting to host at " + lens.host() + "api/v1/test_connection\nConnection successful\n";
            assertTrue(printed.startsWith(connecting), printed);
            String block = printed.substring(connecting.length(), printed.indexOf("\n]\n") + 2);
            Notebook.assertPrintsLikeNotebook("lens_sc_studies", block);
            assertEquals(List.of("/lens_sc/api/v1/test_connection", "/lens_sc/api/v1/get_all_studies_info_in_group"),
                    lens.requests().stream().map(RecordedRequest::path).toList());
            assertEquals("{\"species\": \"human\", \"group_id\": \"personal\"}", lens.requests().get(1).bodyText());
            assertEquals(List.of("GET openapi/account/groups", "POST openapi/study/convert_from_lens"), requestLines());
            assertEquals("study_id=ST-96f6e21e9ac74f74bfe656a2a59ba058&title=breast&group_id=662bd88b50da063e1870a4efc01fe185"
                    + "&species=human&lens_data_path=96f6e21e9ac74f74bfe656a2a59ba058", spatialx.requests().get(1).bodyText());
            assertTrue(printed.endsWith("[{'study_id': 'ST-96f6e21e9ac74f74bfe656a2a59ba058'}]\n"), printed);
        }
    }

    @Test
    void combineMultipleDatasetsSendsOneCombinedSample() throws Exception {
        spatialx.on("POST", OPENAPI + "sample/create", ok("""
                {"study_id": "ST-1", "sample_id": "SP-C", "sample_data": [], "submit_id": "SB-C", "job_id": 2,
                 "err_message": ""}"""));
        runCells("""
                from spatialx_connector import CombinedTechnologies
                connector.combine_multiple_datasets("ST-1", "All samples", CombinedTechnologies.SINGLE_CELL_TRANSCRIPTOMICS,
                    [("P2", "SP-1", "AD-1"), ("P3", "SP-2", "AD-2")], metadata_action="separate")
                """, "");
        assertEquals("{\"study_id\": \"ST-1\", \"name\": \"Default combined samples\", \"data\": [{\"name\": \"All samples\", "
                + "\"submission_type\": \"COMBINED_DATASETS\", \"technology\": \"Single cell transcriptomics\", "
                + "\"identities\": [\"MERGE_MULTIPLE_ANNDATA\"], \"files\": [], \"folders\": [], \"kwargs\": [], "
                + "\"args\": [{\"key\": \"reference_anndata_paths\", \"value\": \"[[\\\"P2\\\", \\\"SP-1\\\", \\\"AD-1\\\"], "
                + "[\\\"P3\\\", \\\"SP-2\\\", \\\"AD-2\\\"]]\"}, {\"key\": \"metadata_action\", \"value\": \"separate\"}, "
                + "{\"key\": \"ignore_technology_elements\", \"value\": true}]}]}", spatialx.single().bodyText());
    }
}
