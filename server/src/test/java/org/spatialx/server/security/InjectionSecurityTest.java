package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.ProtocolClient;
import org.spatialx.server.ServerFixture;

/**
 * Injection: SQL, JSON and path syntax in values is stored and answered as plain text, never interpreted; ids
 * that name nothing find nothing.
 */
class InjectionSecurityTest {

    private static final List<String> HOSTILE = List.of("x' OR '1'='1", "'; DROP TABLE studies; --",
            "\" , \"status\": 0, \"x\": \"", "%00", "../../etc/passwd", "${jndi:ldap://x/a}", "<script>1</script>",
            "x\u0000y", "ST-' UNION SELECT * FROM upload_sessions --");

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();
    ProtocolClient client;
    String group;

    @BeforeEach
    void start() {
        client = local.client();
        group = ServerFixture.personalGroup(client);
    }

    @Test
    void hostileTextIsStoredAndAnsweredAsItWasSent() {
        for (String text : HOSTILE) {
            String studyId = client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                    "title", text, "description", text, "type", 1)).ok().get("study_id").asText();
            JsonNode study = client.get("openapi/study/detail", map("key", studyId)).ok().get("study");
            assertEquals(text.strip(), study.get("title").asText());
            assertEquals(text, study.get("description").asText());
        }
        assertEquals(HOSTILE.size(), client.postForm("openapi/study/list", map("group_id", group, "species",
                "human")).ok().get("total").asInt(), "every study is still there");
    }

    @Test
    void hostileIdsFindNothing() throws Exception {
        ServerFixture.createStudy(client, "only");
        for (String id : HOSTILE) {
            for (String path : new String[] {"openapi/study/detail", "openapi/sample/list", "openapi/sample/detail",
                    "openapi/data/detail"}) {
                ProtocolClient.Response answer = client.get(path, map("key", id));
                assertTrue(answer.status() == 404 || answer.status() == 400, path + " " + id + ": " + answer.text());
            }
            ProtocolClient.Response list = client.postForm("openapi/study/list", map("group_id", id, "species", "human"));
            assertTrue(list.status() != 0 || list.body().at("/message/total").asInt() == 0, list.text());
            ProtocolClient.Response status = client.postJson("openapi/upload/chunk/status", map("unique_id", id,
                    "name", "a.bin"));
            assertTrue(status.status() == 400 || !status.body().at("/message/session_open").asBoolean(), status.text());
        }
        assertEquals(1, client.postForm("openapi/study/list", map("group_id", group, "species", "human")).ok()
                .get("total").asInt());
        try (var sessions = Files.list(local.server().home().resolve("upload-sessions"))) {
            assertEquals(0, sessions.count());
        }
    }
}
