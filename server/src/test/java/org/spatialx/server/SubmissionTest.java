package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;

/** sample/create, data/create, their jobs and logs, sample and data management, parse_data_information. */
class SubmissionTest {

    @TempDir
    Path temp;
    LocalServer server;
    ProtocolClient client;
    String studyId;
    String imagePath;
    String transcriptsPath;
    String experimentPath;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp).withToken("t")
                .withSampleParser((name, technology, path) -> List.of(new SampleData(name,
                        "SUBMIT_SPATIAL_TRANSCRIPTOMICS", technology,
                        List.of(new KeyValue("transcripts", path.resolve("transcripts.csv.gz").toString())),
                        List.of(), List.of(), List.of(), List.of()))));
        client = new ProtocolClient(server);
        studyId = ServerFixture.createStudy(client, "submissions");
        // a genuine Xenium run: the SFE toy's image and transcripts with an XOA 3 experiment.xenium
        Path xenium = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
        Path local = Files.createDirectories(temp.resolve("local"));
        imagePath = client.uploadFile(Files.copy(xenium.resolve("morphology_focus.ome.tif"),
                local.resolve("morphology.ome.tif")), "run1", "", false).get("path").asText();
        transcriptsPath = client.uploadFile(xenium.resolve("transcripts.csv.gz"), "run1", "", false).get("path").asText();
        experimentPath = client.uploadFile(ExampleData.bundled(
                "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/experiment.xenium"), "run1", "", false)
                .get("path").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> sampleData(String name, String images) {
        return map("name", name, "submission_type", "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "technology", "XENIUM",
                "files", List.of(map("key", "images", "value", images), map("key", "transcripts", "value", transcriptsPath),
                        map("key", "experiment", "value", experimentPath)),
                "folders", List.of(), "args", List.of(),
                "kwargs", List.of(map("key", "min_genes", "value", 1), map("key", "min_counts", "value", 1),
                        map("key", "mito_controls_percentage", "value", 0.25)),
                "identities", List.of());
    }

    @Test
    void sampleCreateReturnsTheSubmissionResultAndItsJobLogEndsWithDone() throws Exception {
        JsonNode result = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "slide 1",
                "data", List.of(sampleData("xenium run", imagePath)))).ok();
        assertEquals(List.of("study_id", "sample_id", "sample_data", "submit_id", "job_id", "err_message"),
                fieldNames(result));
        assertEquals(studyId, result.get("study_id").asText());
        assertTrue(result.get("sample_id").asText().startsWith("SP-"));
        assertTrue(result.get("job_id").isIntegralNumber());
        assertEquals("", result.get("err_message").asText());
        JsonNode entry = result.at("/sample_data/0");
        assertTrue(entry.get("data_id").asText().startsWith("DA-"));
        assertEquals(result.get("submit_id").asText(), entry.get("submit_id").asText());
        assertEquals("xenium run", entry.get("submit_name").asText());

        String log = ServerFixture.awaitLog(client,
                ServerFixture.submissionLog(client, studyId, result.get("submit_id").asText()));
        assertTrue(log.strip().endsWith("DONE."), log);
        assertTrue(log.contains(imagePath), log);

        JsonNode data = client.get("openapi/data/detail", map("key", entry.get("data_id").asText(), "limit", 50,
                "offset", 0)).ok();
        for (String field : List.of("data_id", "sample_id", "study_id", "submit_id", "email_id", "title",
                "species_version", "submission_type", "technology", "files", "files_map", "folders", "folders_map",
                "args", "args_map", "identities", "identities_map", "enable_status", "by_bioturing_status", "percent",
                "setting", "map_setting", "submit_result", "map_submit_result", "extend_items", "map_extend_items",
                "created_at", "updated_at", "job_id", "analysis_id", "sub_log_path")) {
            assertTrue(data.has(field), field);
        }
        assertEquals(1, data.get("enable_status").asInt());
        assertEquals(100, data.get("percent").asInt());
        assertEquals("XENIUM", data.get("technology").asText());
        assertEquals(imagePath, data.at("/files_map/0/value").asText());
        JsonNode elements = data.get("map_submit_result").get(entry.get("submit_id").asText());
        assertEquals(1, elements.get("images").size());
        assertEquals(1, elements.get("transcripts").size());
        assertFalse(elements.has("experiment"), "experiment is an input, not an element");
        assertEquals("xenium run - morphology.ome.tif", elements.get("images").elements().next().asText());
        assertEquals(1, elements.get("annotated_data").size(), "cells counted from the transcripts");

        JsonNode study = client.get("openapi/study/detail", map("key", studyId)).ok();
        assertEquals(1, study.at("/study/total_sample").asInt());
        assertEquals(1, study.at("/study/total_data").asInt());
        assertEquals(1, study.at("/study/status").asInt());
        assertEquals(1, study.at("/samples/0/enable_status").asInt());
    }

    @Test
    void aMissingFileFailsTheJobWithALineNamingIt() throws Exception {
        String absent = Path.of(imagePath).resolveSibling("absent.tif").toString();
        JsonNode result = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "s",
                "data", List.of(sampleData("d", absent)))).ok();
        String log = ServerFixture.awaitLog(client,
                ServerFixture.submissionLog(client, studyId, result.get("submit_id").asText()));
        assertTrue(log.contains("FAILED: file 'images' not found: " + absent), log);
        assertFalse(log.contains("DONE."), log);
        JsonNode data = client.get("openapi/data/detail", map("key", result.at("/sample_data/0/data_id").asText())).ok();
        assertEquals(0, data.get("enable_status").asInt());
        assertTrue(data.get("map_submit_result").isNull());
    }

    @Test
    void dataCreateAddsToAnExistingSampleAndRenameDeleteWork() throws Exception {
        JsonNode first = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "slide",
                "data", List.of())).ok();
        String sampleId = first.get("sample_id").asText();
        assertEquals(0, first.get("sample_data").size());
        JsonNode added = client.postJson("openapi/data/create", map("study_id", studyId, "sample_id", sampleId,
                "data", List.of(sampleData("a", imagePath), sampleData("b", imagePath)))).ok();
        assertEquals(2, added.get("sample_data").size());
        for (JsonNode e : added.get("sample_data")) {
            String log = ServerFixture.awaitLog(client,
                    ServerFixture.submissionLog(client, studyId, e.get("submit_id").asText()));
            assertTrue(log.strip().endsWith("DONE."), log);
        }
        String dataA = added.at("/sample_data/0/data_id").asText();
        String dataB = added.at("/sample_data/1/data_id").asText();

        JsonNode listed = client.get("openapi/sample/list", map("key", studyId, "limit", 50, "offset", 0,
                "need_data", true)).ok();
        assertEquals(1, listed.get("list").size());
        assertEquals(2, listed.at("/list/0/data").size());
        JsonNode withoutData = client.get("openapi/sample/list", map("key", studyId, "limit", 50, "offset", 0,
                "need_data", false)).ok();
        assertFalse(withoutData.at("/list/0").has("data"));

        client.postJson("openapi/sample/rename", map("sample_id", sampleId, "new_name", "renamed")).ok();
        JsonNode detail = client.get("openapi/sample/detail", map("key", sampleId, "limit", 50, "offset", 0)).ok();
        assertEquals("renamed", detail.at("/sample/title").asText());
        assertEquals(2, detail.get("sample_data").size());

        client.postJson("openapi/data/rename", map("data_id", dataA, "new_name", "A2")).ok();
        assertEquals("A2", client.get("openapi/data/detail", map("key", dataA)).ok().get("title").asText());

        JsonNode map = client.get("openapi/data/detail", map("key", dataB)).ok().get("map_submit_result");
        String submit = map.fieldNames().next();
        String imageElement = map.get(submit).get("images").fieldNames().next();
        client.postJson("openapi/data/delete_element", map("data_id", dataB, "element_id", imageElement)).ok();
        JsonNode after = client.get("openapi/data/detail", map("key", dataB)).ok().get("map_submit_result").get(submit);
        assertFalse(after.has("images"));
        assertTrue(after.has("transcripts"));
        String noElement = client.postJson("openapi/data/delete_element", map("data_id", dataB,
                "element_id", imageElement)).error();
        assertTrue(noElement.contains("has no element"), noElement);

        client.postJson("openapi/data/delete", map("data_id", dataB)).ok();
        assertEquals(3, client.get("openapi/data/detail", map("key", dataB)).ok().get("enable_status").asInt());
        assertEquals(1, client.get("openapi/sample/detail", map("key", sampleId)).ok().get("sample_data").size());

        client.postJson("openapi/sample/delete", map("sample_id", sampleId)).ok();
        assertEquals(0, client.get("openapi/sample/list", map("key", studyId)).ok().get("list").size());
        JsonNode study = client.get("openapi/study/detail", map("key", studyId)).ok();
        assertEquals(3, study.at("/samples/0/enable_status").asInt(), "the wrappers hide it (protocol 5.4)");
        assertEquals(0, study.at("/study/total_sample").asInt());
    }

    @Test
    void submissionsToDeletedOrUnknownRecordsAndPathsOutsideMountsAreRefused() {
        String outside = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "s",
                "data", List.of(sampleData("d", "/etc/passwd")))).error();
        assertTrue(outside.contains("Access denied to '/etc/passwd'"), outside);
        String unknown = client.postJson("openapi/sample/create", map("study_id", "ST-X", "name", "s",
                "data", List.of())).error();
        assertTrue(unknown.contains("ST-X"), unknown);
        client.postQuery("openapi/study/stop_create_submit", map("key", studyId, "cleanup_flg", false)).ok();
        String deleted = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "s",
                "data", List.of())).error();
        assertTrue(deleted.contains("was deleted"), deleted);
    }

    @Test
    void parseDataInformationUsesTheConfiguredParserAndChecksThePath() throws Exception {
        String folder = Path.of(transcriptsPath).getParent().toString();
        JsonNode parsed = client.postJson("pyapi/v1/submission/parse_data_information", map("data_name", "run",
                "technology", "XENIUM", "data_path", folder, "permission_name", "CREATE_NEW_STUDY")).ok();
        assertEquals(1, parsed.size());
        assertEquals("run", parsed.at("/0/name").asText());
        assertEquals(transcriptsPath, parsed.at("/0/files/0/value").asText());
        assertEquals(List.of("name", "submission_type", "technology", "files", "folders", "args", "kwargs",
                "identities"), fieldNames(parsed.get(0)));
        String outside = client.postJson("pyapi/v1/submission/parse_data_information", map("data_name", "run",
                "technology", "XENIUM", "data_path", "/tmp")).error();
        assertTrue(outside.contains("Access denied"), outside);
    }

    @Test
    void withoutTechnologyExtensionsParsingSaysNoneAreInstalled() throws Exception {
        server.close();
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp).withToken("t")
                .withSampleParser(org.spatialx.server.submission.SampleParser.NONE));
        client = new ProtocolClient(server);
        String folder = Path.of(transcriptsPath).getParent().toString();
        String error = client.postJson("pyapi/v1/submission/parse_data_information", map("data_name", "run",
                "technology", "XENIUM", "data_path", folder)).error();
        assertTrue(error.contains("no technology extensions are installed"), error);
        assertTrue(Files.isDirectory(Path.of(folder)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
