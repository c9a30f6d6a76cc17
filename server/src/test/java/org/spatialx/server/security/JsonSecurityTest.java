package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.ProtocolClient;
import org.spatialx.server.ServerFixture;

/**
 * Malformed and lenient JSON and numbers: each value is what its field says or a clear 400, never a 500, a
 * stored object's text, or a number rounded or saturated into range (issue 14, items 7 and 14).
 */
class JsonSecurityTest {

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();
    ProtocolClient client;
    String group;

    @BeforeEach
    void personalWorkspace() {
        client = local.client();
        group = ServerFixture.personalGroup(client); // where the studies of these tests go
    }

    private String error(ProtocolClient.Response response) {
        assertEquals(400, response.status(), response.text());
        return response.body().path("message").asText();
    }

    @Test
    void aNullSampleDataIsABadRequest() {
        String studyId = ServerFixture.createStudy(client, "s");
        Map<String, Object> body = map("study_id", studyId, "name", "n", "data", java.util.Arrays.asList((Object) null));
        String message = error(client.postJson("openapi/sample/create", body));
        assertTrue(message.contains("data[0] must be a SampleData object"), message);
        assertTrue(error(client.postJson("openapi/sample/create", map("study_id", studyId, "name", "n", "data",
                List.of(1, "x")))).contains("data[0]"));
    }

    @Test
    void anObjectOrArrayIsNotTakenAsText() {
        String message = error(client.postJson("openapi/study/create", map("group_id", group, "species", "human",
                "title", Map.of("$gt", ""), "type", 1)));
        assertTrue(message.contains("'title' must be a single value"), message);
        assertTrue(error(client.postJson("openapi/study/create", map("group_id", group, "species", List.of("human"),
                "title", "t", "type", 1))).contains("'species'"));
        assertEquals(0, client.postForm("openapi/study/list", map("group_id", group, "species", "human")).ok()
                .get("total").asInt());
    }

    @Test
    void numbersOutOfRangeAreRefusedNotSaturated() {
        for (Object limit : List.of("Infinity", "NaN", "1e30", "9223372036854775808", "1.5", "-Infinity")) {
            String message = error(client.postForm("openapi/study/list", map("group_id", group, "species", "human",
                    "limit", limit)));
            assertTrue(message.contains("'limit' must be a whole number"), limit + ": " + message);
        }
        assertEquals(400, client.postJson("openapi/study/list", Map.of("group_id", group, "limit", 1e300)).status());
        // a whole number in exponent notation is still one
        assertEquals(0, client.postForm("openapi/study/list", map("group_id", group, "species", "human", "limit",
                "5e1", "offset", "0.0")).ok().get("total").asInt());
        // an exponent too large to expand is refused at once
        assertTrue(error(client.postForm("openapi/study/list", map("group_id", group, "limit", "1e999999999")))
                .contains("'limit'"));
    }

    @Test
    void invalidOrDeeplyNestedJsonIsABadRequest() {
        for (String body : new String[] {"{\"group_id\":", "[[[[", "{".repeat(5000) + "}".repeat(5000),
                "[".repeat(100_000)}) {
            ProtocolClient.Response response = client.send(HttpRequest.newBuilder(
                    URI.create(local.server().url() + "openapi/study/create")).header("SpatialX-Token", "t")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(400, response.status(), response.text());
        }
        assertEquals(200, client.get("openapi/account/info").code());
    }

    @Test
    void theElementsOfDataExtendAddAreKeyValuePairsOrABadRequest() {
        String path = local.server().home().resolve("Upload/cells.csv").toString();
        List<Object> badFiles = List.of(java.util.Arrays.asList((Object) null), List.of(1), List.of(Map.of("key", "a")),
                List.of(Map.of("value", path)), List.of(map("key", "a", "value", null)),
                List.of(Map.of("key", "a", "value", Map.of("$gt", ""))), Map.of("key", "a", "value", path));
        for (Object files : badFiles) {
            String message = error(client.postJson("openapi/data_extend/add", map("study_id", "ST-1", "sample_id",
                    "SP-1", "data_id", "DA-1", "files", files)));
            assertTrue(message.contains("files") || message.contains("'a' must name a server path"),
                    files + ": " + message);
        }
        String message = error(client.postJson("openapi/data_extend/add", map("study_id", "ST-1", "sample_id", "SP-1",
                "data_id", "DA-1", "files", List.of(Map.of("key", "a", "value", path)), "identities",
                List.of(Map.of("name", "x")))));
        assertTrue(message.contains("identities[0] must be a name"), message);
    }
}
