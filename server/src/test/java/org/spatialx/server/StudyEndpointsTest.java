package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** study/create, list (paging, status filter), detail, update, stop_create_submit, list_public. */
class StudyEndpointsTest {

    @TempDir
    Path temp;
    LocalServer server;
    ProtocolClient client;
    String group;

    @BeforeEach
    void start() {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp).withToken("secret-token"));
        client = new ProtocolClient(server);
        group = ServerFixture.personalGroup(client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createReturnsAnUlidStudyIdAndDetailHasEveryField() {
        JsonNode created = client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                "title", "Colon cancer", "description", "two slides", "type", 1)).ok();
        String id = created.get("study_id").asText();
        assertTrue(id.matches("ST-[0-9A-HJKMNP-TV-Z]{26}"), id);
        JsonNode detail = client.get("openapi/study/detail", map("key", id, "limit", 50, "offset", 0)).ok();
        JsonNode study = detail.get("study");
        assertEquals(id, study.get("study_id").asText());
        assertEquals("Colon cancer", study.get("title").asText());
        assertEquals("human", study.get("species").asText());
        assertEquals("two slides", study.get("description").asText());
        assertEquals(group, study.get("group_id").asText());
        assertTrue(Files.isDirectory(Path.of(study.get("data_path").asText())));
        for (String field : List.of("email_id", "publication", "tags", "author")) {
            assertTrue(study.has(field), field);
        }
        assertEquals(0, detail.get("samples").size());
    }

    @Test
    void listPagesNewestFirstAndHidesDeletedStudies() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(ServerFixture.createStudy(client, "study " + i));
        }
        client.postQuery("openapi/study/stop_create_submit", map("key", ids.get(3), "cleanup_flg", false)).ok();
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 10; offset += 4) {
            JsonNode page = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                    "limit", 4, "offset", offset, "active", 2, "compare", 1)).ok();
            assertEquals(6, page.get("total").asInt());
            for (JsonNode row : page.get("list")) {
                assertTrue(seen.add(row.get("study_id").asText()));
                assertTrue(row.has("total_sample") && row.has("total_data") && row.has("title"));
            }
        }
        assertEquals(6, seen.size());
        assertTrue(!seen.contains(ids.get(3)));
        JsonNode first = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                "limit", 1, "offset", 0, "active", 2, "compare", 1)).ok();
        assertEquals(ids.get(6), first.at("/list/0/study_id").asText());
        JsonNode deleted = client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                "limit", 50, "offset", 0, "active", 3, "compare", 0)).ok();
        assertEquals(1, deleted.get("list").size());
        assertEquals(3, deleted.at("/list/0/status").asInt());
        JsonNode mouse = client.postForm("openapi/study/list", map("group_id", group, "species", "mouse",
                "limit", 50, "offset", 0, "active", 2, "compare", 1)).ok();
        assertEquals(0, mouse.get("list").size());
        JsonNode global = client.postForm("openapi/study/list", map("group_id", "GLOBAL_GROUP", "species", "human",
                "limit", 50, "offset", 0, "active", 2, "compare", 1)).ok();
        assertEquals(0, global.get("list").size());
    }

    @Test
    void updateTakesItsFieldsFromTheQueryStringWithRepeatedListKeys() {
        String id = ServerFixture.createStudy(client, "old");
        JsonNode updated = client.postQuery("openapi/study/update", map("study_id", id, "title", "new title",
                "description", "d", "group_id", group, "species", "mouse", "publication", List.of("p1", "p2"),
                "tags", List.of("t"), "author", List.of())).ok();
        assertEquals("new title", updated.get("title").asText());
        JsonNode study = client.get("openapi/study/detail", map("key", id)).ok().get("study");
        assertEquals("new title", study.get("title").asText());
        assertEquals("mouse", study.get("species").asText());
        assertEquals(2, study.get("publication").size());
        assertEquals("p2", study.at("/publication/1").asText());
        assertEquals("t", study.at("/tags/0").asText());
    }

    @Test
    void badInputGetsAnErrorEnvelopeNamingTheProblem() {
        String species = client.postJson("openapi/study/create", map("group_id", group, "species", "cat",
                "title", "x", "type", 1)).error();
        assertTrue(species.contains("Unknown species 'cat'"), species);
        String unknownGroup = client.postJson("openapi/study/create", map("group_id", "nope", "species", "human",
                "title", "x", "type", 1)).error();
        assertTrue(unknownGroup.contains("Unknown group 'nope'"), unknownGroup);
        String noTitle = client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                "type", 1)).error();
        assertTrue(noTitle.contains("Missing 'title'"), noTitle);
        String missing = client.get("openapi/study/detail", map("key", "ST-NOPE")).error();
        assertTrue(missing.contains("ST-NOPE") && missing.contains("does not exist"), missing);
        String badJson = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url()
                        + "openapi/study/create")).header("SpatialX-Token", server.token())
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{x")))
                .error();
        assertTrue(badJson.contains("not valid JSON"), badJson);
    }

    @Test
    void listPublicIsToleratedAndEmpty() {
        JsonNode pub = client.postJson("openapi/study/list_public", map("group_id", group, "species", "human",
                "limit", 50, "offset", 0, "active", 2)).ok();
        assertEquals(0, pub.get("list").size());
    }
}
