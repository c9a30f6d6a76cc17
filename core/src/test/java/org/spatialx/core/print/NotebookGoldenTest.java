package org.spatialx.core.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.spatialx.core.testing.Notebook.assertPrintsLikeNotebook;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.SubmissionResult;
import org.spatialx.core.AddSampleDataElementOptions;
import org.spatialx.core.SubmitMultipleSamplesOptions;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.json.SpatialXJson;
import org.spatialx.core.testing.RecordingServerExtension;

/**
 * The notebook's printed blocks, rendered by {@link FormatPrint} from the values the connector
 * returns for the same server answers (golden files in {@code src/test/resources/notebook}).
 */
class NotebookGoldenTest {

    private static final String DATASETS = "/.../bioturingpublic/SpatialX_datasets/";
    private static final String XENIUM_DIR = DATASETS + "Human_Colon_Cancer_P2/Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE/";
    private static final String VISIUM_DIR = DATASETS + "Human_Colon_Cancer_P2/Visium_V2_Human_Colon_Cancer_P2/";

    static final String VISIUM_PARSE = """
            [{"name": "Visium_V2_Human_Colon_Cancer_P2", "submission_type": "SUBMIT_SPATIAL_BULK", "technology": "VISIUM",
              "files": [{"key": "images", "value": "%1$sVisium_V2_Human_Colon_Cancer_P2_tissue_image.btf"},
                        {"key": "matrix", "value": "%1$sVisium_V2_Human_Colon_Cancer_P2_raw_feature_bc_matrix.h5"},
                        {"key": "tissue_positions", "value": "%1$sspatial/tissue_positions.csv"},
                        {"key": "scalefactors", "value": "%1$sspatial/scalefactors_json.json"}],
              "folders": [], "args": [], "kwargs": [], "identities": []}]""".formatted(VISIUM_DIR);

    static final String XENIUM_PARSE = """
            [{"name": "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE", "submission_type": "SUBMIT_SPATIAL_TRANSCRIPTOMICS",
              "technology": "XENIUM",
              "files": [{"key": "experiment", "value": "%1$sexperiment.xenium"},
                        {"key": "images", "value": "%1$smorphology.ome.tif"},
                        {"key": "alignment", "value": "%1$sXenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE_he_imagealignment.csv"},
                        {"key": "segmentation", "value": "%1$scell_boundaries.csv.gz"},
                        {"key": "transcripts", "value": "%1$stranscripts.csv.gz"}],
              "folders": [], "args": [], "kwargs": [], "identities": []}]""".formatted(XENIUM_DIR);

    private final SpatialXJson json = SpatialXJson.create();
    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector();

    private List<SampleData> sampleData(String serverJson) throws Exception {
        return List.of(json.responseMapper().readValue(serverJson, SampleData[].class));
    }

    @Test
    void groupsPrintLikeTheNotebook() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": [{"id": "bioturing_public_studies", "name": "BioTuring Public Studies", "type": 2}]}"""));
        assertPrintsLikeNotebook("groups", FormatPrint.parseToStr(recording.connector().groups()));
    }

    @Test
    void s3AndFoldersPrintLikeTheNotebook() {
        String root = "/.../4e3de55d66ef57b14c9119c90fd7f4e1/";
        recording.server().on("GET", OPENAPI + "account/info", ok("""
                {"email": "a@b.c", "sub_dir": "x", "name": "A", "app_base_url": "u", "routing_table": {},
                 "default_mount": {"folders": [{"name": "shared", "path": "%1$sshared_folder/shared"},
                                               {"name": "Converted", "path": "%1$sconverted"}],
                                   "s3": [{"id": "bioturingpublic", "name": "bioturingpublic", "path": "/.../bioturingpublic"}]}}"""
                .formatted(root)));
        recording.server().on("GET", OPENAPI + "mount/external_listing", ok("""
                {"folders": [{"name": "Submitted", "path": "%1$sstudy"}, {"name": "Upload", "path": "%1$supload"}]}"""
                .formatted(root)));
        recording.server().on("POST", OPENAPI + "cloud/setting_list", ok("[]"));
        assertPrintsLikeNotebook("s3", FormatPrint.parseToStr(recording.connector().s3()));
        assertPrintsLikeNotebook("folders", FormatPrint.parseToStr(recording.connector().folders()));
    }

    @Test
    void parseResultsPrintLikeTheNotebook() throws Exception {
        assertPrintsLikeNotebook("parse_data_information_visium", FormatPrint.parseToStr(sampleData(VISIUM_PARSE)));
        assertPrintsLikeNotebook("parse_data_information_xenium", FormatPrint.parseToStr(sampleData(XENIUM_PARSE)));
    }

    @Test
    void multipleSampleParseResultPrintsLikeTheNotebook() throws Exception {
        String[][] runs = {{"Lung6", "Human Lung Cancer - Sample 6", "Sample 6"},
            {"Lung9_Rep1", "Human Lung Cancer - Sample 9 Rep 1", "Sample 9 Rep 1"},
            {"Lung9_Rep2", "Human Lung Cancer - Sample 9 Rep 2", "Sample 9 Rep 2"}};
        StringBuilder serverJson = new StringBuilder("[");
        for (String[] run : runs) {
            String dir = DATASETS + "COSMX_VER1/" + run[0] + "/" + run[0];
            serverJson.append(serverJson.length() > 1 ? "," : "").append("""
                    {"sample_name": "%s", "data": [{"name": "%s", "submission_type": "SUBMIT_SPATIAL_TRANSCRIPTOMICS",
                     "technology": "COSMX_VER1",
                     "files": [{"key": "fov_positions", "value": "%3$s-Flat_files_and_images/%4$s_fov_positions_file.csv"},
                               {"key": "transcripts", "value": "%3$s-Flat_files_and_images/%4$s_tx_file.csv"}],
                     "folders": [{"key": "images", "value": "%3$s-RawMorphologyImages"},
                                 {"key": "segmentation", "value": "%3$s-Flat_files_and_images/CellLabels"}],
                     "args": [{"key": "mpp", "value": 0.18}], "kwargs": [], "identities": []}]}"""
                    .formatted(run[1], run[2], dir, run[0]));
        }
        SampleSubmission[] parsed = json.responseMapper().readValue(serverJson + "]", SampleSubmission[].class);
        assertPrintsLikeNotebook("parse_multiple_samples_information_cosmx", FormatPrint.parseToStr(List.of(parsed)));
    }

    @Test
    void submitResultPrintsLikeTheNotebook() throws Exception {
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace"}, "groups": []}"""));
        recording.server().on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-01JMGMH3AT8HH8S23QV8ZC2G9T\"}"));
        recording.server().on("POST", OPENAPI + "sample/create", ok("""
                {"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "sample_id": "SP-01JMGMH408Q5QDH2YPNXRR2WS6",
                 "sample_data": [{"data_id": "DA-01JMGMH409ZPBZPQGHBCF4RXF6", "submit_id": "SB-01JMGMH408Q5QDH2YPNWG5ZH46",
                                  "submit_name": "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE"},
                                 {"data_id": "DA-01JMGMH43QEYAC44YPGTQY80XY", "submit_id": "SB-01JMGMH43QEYAC44YPGWMFTJ54",
                                  "submit_name": "Visium_V2_Human_Colon_Cancer_P2"}],
                 "submit_id": "SB-01JMGMH408Q5QDH2YPNWG5ZH46", "job_id": 2, "err_message": ""}"""));
        List<SampleData> data = new java.util.ArrayList<>(sampleData(XENIUM_PARSE));
        data.addAll(sampleData(VISIUM_PARSE));
        SubmissionResult result = recording.connector().submit("Personal workspace", "human",
                "Human Colon Cancer - 10xgenomics", "Human_Colon_Cancer_P2", data, SubmitOptions.defaults());
        assertPrintsLikeNotebook("submit", FormatPrint.parseToStr(result));
        assertEquals("DA-01JMGMH43QEYAC44YPGTQY80XY", result.sampleData().get(1).get("data_id"));
    }

    @Test
    void addSampleAndAddSampleDataResultsPrintLikeTheNotebook() throws Exception {
        recording.server().on("POST", OPENAPI + "sample/create", ok("""
                {"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "sample_id": "SP-01JMGMH7K19M32CWQ1RH5TBDKM",
                 "sample_data": [{"data_id": "DA-01JMGMH7K19M32CWQ1RMY7ZF8A", "submit_id": "SB-01JMGMH7K19M32CWQ1RDWJ1KDW",
                                  "submit_name": "Visium_V2_Human_Colon_Cancer_P2"}],
                 "submit_id": "SB-01JMGMH7K19M32CWQ1RDWJ1KDW", "job_id": 3, "err_message": ""}"""));
        recording.server().on("POST", OPENAPI + "data/create", ok("""
                {"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "sample_id": "SP-01JMGMH7K19M32CWQ1RH5TBDKM",
                 "sample_data": [{"data_id": "DA-01JMGMHCZRFGANB8H36BSEBS3V", "submit_id": "SB-01JMGMHCZRFGANB8H369FA1ZP7",
                                  "submit_name": "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE"}],
                 "submit_id": "SB-01JMGMHCZRFGANB8H369FA1ZP7", "job_id": 4, "err_message": ""}"""));
        SubmissionResult added = recording.connector().addSample("ST-01JMGMH3AT8HH8S23QV8ZC2G9T",
                "Human_Colon_Cancer_P2 - New Sample", sampleData(VISIUM_PARSE));
        assertPrintsLikeNotebook("add_sample", FormatPrint.parseToStr(added));
        SubmissionResult addedData = recording.connector().addSampleData((String) added.get("study_id"),
                (String) added.get("sample_id"), sampleData(XENIUM_PARSE));
        assertPrintsLikeNotebook("add_sample_data", FormatPrint.parseToStr(addedData));
    }

    @Test
    void submitMultipleSamplesResultPrintsLikeTheNotebook() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("{\"default\": {}, \"groups\": []}"));
        recording.server().on("POST", OPENAPI + "study/create", ok("{\"study_id\": \"ST-01JMGMHYDGZ6G1VM6QNNYR4492\"}"));
        String[][] samples = {
            {"SP-01JMGMHZ2QWSXH2DHE3C8X6TCZ", "DA-01JMGMHZ2QWSXH2DHE3FBFSD00", "SB-01JMGMHZ2QWSXH2DHE38VKV8NS", "Sample 6", "5"},
            {"SP-01JMGMHZRSPPD8PH8CS157RWZX", "DA-01JMGMHZRTJQXH6Z32WGYT9MDK", "SB-01JMGMHZRSPPD8PH8CRZ0X1C30", "Sample 9 Rep 1", "6"},
            {"SP-01JMGMJ0ET0PYY4PRZMKQ9XXDT", "DA-01JMGMJ0ET0PYY4PRZMN6R7SKW", "SB-01JMGMJ0ET0PYY4PRZMJ5JF5H7", "Sample 9 Rep 2", "7"}};
        List<SampleSubmission> request = new java.util.ArrayList<>();
        for (String[] s : samples) {
            recording.server().on("POST", OPENAPI + "sample/create", ok("""
                    {"study_id": "ST-01JMGMHYDGZ6G1VM6QNNYR4492", "sample_id": "%s",
                     "sample_data": [{"data_id": "%s", "submit_id": "%s", "submit_name": "%s"}],
                     "submit_id": "%3$s", "job_id": %5$s, "err_message": ""}""".formatted((Object[]) s)));
            request.add(new SampleSubmission(s[3], List.of(new SampleData(s[3], "SUBMIT_SPATIAL_TRANSCRIPTOMICS",
                    "COSMX_VER1", null, null, null, null, null))));
        }
        List<SubmissionResult> results = recording.connector().submitMultipleSamples("Personal workspace", "human",
                "Multiple Human Lung Cancer - CosMX Ver1", request, SubmitMultipleSamplesOptions.defaults());
        assertPrintsLikeNotebook("submit_multiple_samples", FormatPrint.parseToStr(results));
    }

    static final String DATA_DETAIL = """
            {"data_id": "DA-01JMGMH409ZPBZPQGHBCF4RXF6", "sample_id": "SP-01JMGMH408Q5QDH2YPNXRR2WS6",
             "study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "submit_id": "SB-01JMGMH408Q5QDH2YPNWG5ZH46",
             "email_id": "nhatnm@bioturing.com", "title": "Xenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE",
             "species_version": "", "submission_type": "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "technology": "XENIUM",
             "files": "",
             "files_map": [{"key": "experiment", "value": "%1$sexperiment.xenium"},
                           {"key": "images", "value": "%1$smorphology.ome.tif"},
                           {"key": "alignment", "value": "%1$sXenium_V1_Human_Colon_Cancer_P2_CRC_Add_on_FFPE_he_imagealignment.csv"},
                           {"key": "segmentation", "value": "%1$scell_boundaries.csv.gz"},
                           {"key": "transcripts", "value": "%1$stranscripts.csv.gz"}],
             "folders": "", "folders_map": [], "args": "", "args_map": [], "identities": "", "identities_map": [],
             "enable_status": 2, "by_bioturing_status": 0, "percent": 1, "setting": "", "map_setting": {},
             "submit_result": null, "map_submit_result": null, "extend_items": "", "map_extend_items": [],
             "created_at": 1740020158, "updated_at": 1740020159, "job_id": 1, "analysis_id": "", "sub_log_path": ""}"""
            .formatted(XENIUM_DIR);

    @Test
    void dataDetailPrintsLikeTheNotebook() {
        recording.server().on("GET", OPENAPI + "data/detail", ok(DATA_DETAIL));
        assertPrintsLikeNotebook("get_sample_data_detail",
                FormatPrint.parseToStr(recording.connector().getSampleDataDetail("DA-01JMGMH409ZPBZPQGHBCF4RXF6")));
    }

    @Test
    void addSampleDataElementResultPrintsLikeTheNotebook() {
        recording.server().on("GET", OPENAPI + "data/detail", ok(DATA_DETAIL));
        recording.server().on("POST", OPENAPI + "data_extend/add", ok("""
                {"study_id": "ST-01JMGMH3AT8HH8S23QV8ZC2G9T", "sample_id": "SP-01JMGMH408Q5QDH2YPNXRR2WS6",
                 "sample_data": null, "submit_id": "SB-01JMGMJG55Z7QT8V4S8V40M8Q5", "job_id": 8, "err_message": ""}"""));
        SubmissionResult result = recording.connector().addSampleDataElement("Proteomics Segmentation",
                "DA-01JMGMH409ZPBZPQGHBCF4RXF6", List.of("SEGMENTATION_PARQUET"),
                AddSampleDataElementOptions.defaults().withPathsAndArgs(
                        java.util.Map.of("segmentation", "/.../human_pancreas_segmentation.parquet"), null));
        assertPrintsLikeNotebook("add_sample_data_element", FormatPrint.parseToStr(result));
    }

    @Test
    void plainAnswersPrintLikeTheNotebook() throws Exception {
        JsonNode pca = json.responseMapper().readTree("""
                {"study_id": "ST-01JCGFMAK3GBMXBEAE2FYE02DV", "sample_id": "SP-01JCGFMB7GEV299VR986Z193DW",
                 "data_id": "DA-01JCGFMQ5GHYYEYRQKT0W061RF", "analysis_id": "AN-01JCGGHV7N620FCZMXWHB03Z1W", "job_id": 3}""");
        assertPrintsLikeNotebook("analysis_pca_response", FormatPrint.parseToStr(json.plain(pca)));
        assertPrintsLikeNotebook("analysis_pca_response", FormatPrint.parseToStr(pca));
        List<String> metadata = List.of("Connector - Louvain", "Connector - Louvain (1)", "Connector - k-means",
                "Louvain clustering - resolution=0.1", "Louvain clustering - resolution=0.5",
                "Louvain clustering - resolution=1", "MetaReference prediction", "MetaReference prediction (1)",
                "Number of genes", "Number of mRNA transcripts");
        assertPrintsLikeNotebook("analysis_list_metadata", FormatPrint.parseToStr(metadata));
    }
}
