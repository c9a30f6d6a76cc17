package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.LocalServer;
import org.spatialx.server.ProtocolClient;
import org.spatialx.server.ServerFixture;

/**
 * Malformed HTTP: broken framing, bad request lines and headers, bad URL encoding. Each gets a 4xx answer in
 * the protocol's error envelope, never a 500, and the server keeps serving (issue 14, item 7).
 */
class MalformedHttpSecurityTest {

    private static final Duration PROMPT = Duration.ofSeconds(10);

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();
    LocalServer server;
    ProtocolClient client;

    @BeforeEach
    void start() {
        server = local.server();
        client = local.client();
    }

    private RawHttp.Answer raw(String request) throws IOException {
        try (RawHttp connection = RawHttp.connect(server.url())) {
            return connection.send(request).read(PROMPT);
        }
    }

    private static void assertEnvelope(int status, RawHttp.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/json"), answer.headers()
                .toString());
        assertTrue(answer.body().startsWith("{\"status\":" + status + ",\"message\":\""), answer.body());
    }

    @Test
    void invalidChunkedEncodingIsABadRequest() throws IOException {
        String group = ServerFixture.personalGroup(client);
        String body = "{\"group_id\":\"" + group + "\",\"species\":\"human\",\"title\":\"x\"}";
        RawHttp.Answer answer = raw("POST /openapi/study/create HTTP/1.1\r\nHost: x\r\nSpatialX-Token: t\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n" + body + "\r\n0\r\n\r\n"); // "zz" is no chunk size
        assertEnvelope(400, answer);
        assertTrue(answer.body().contains("could not be read") || answer.body().contains("Bad HTTP request"),
                answer.body());
        assertEquals(0, client.postForm("openapi/study/list", map("group_id", group, "species", "human")).ok()
                .get("total").asInt(), "nothing was created from the broken body");
    }

    @Test
    void malformedRequestLinesAndHeadersGetEnvelopes() throws IOException {
        assertEnvelope(400, raw("GARBAGE\r\n\r\n"));
        assertEnvelope(400, raw("GET /openapi/account/info HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n"));
        assertEnvelope(400, raw("POST /openapi/study/list HTTP/1.1\r\nHost: x\r\nSpatialX-Token: t\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")); // a smuggling attempt
        assertEnvelope(431, raw("GET /openapi/account/info HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\n\r\n"));
        assertEnvelope(405, raw("DELETE /openapi/account/info HTTP/1.1\r\nHost: x\r\nSpatialX-Token: t\r\n"
                + "Connection: close\r\n\r\n"));
        assertEquals(200, client.get("openapi/account/info").code(), "the server still serves");
    }

    @Test
    void badUrlEncodingInAFormIsABadRequest() {
        String group = ServerFixture.personalGroup(client);
        ProtocolClient.Response form = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url() + "openapi/study/list"))
                .header("SpatialX-Token", "t").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("group_id=" + group + "&title=%zz")));
        assertEquals(400, form.status(), form.text());
        assertTrue(form.body().path("message").asText().contains("not valid URL encoding"), form.text());
    }

    @Test
    void badUrlEncodingInTheQueryIsABadRequest() throws IOException {
        RawHttp.Answer answer = raw("GET /openapi/study/detail?key=%2 HTTP/1.1\r\nHost: x\r\nSpatialX-Token: t\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(400, answer.status() == 200 ? ProtocolClient.JSON.readTree(answer.body()).path("status").asInt()
                : answer.status(), answer.body());
    }

    @Test
    void pathsThatNoFileSystemHoldsAreBadRequests() {
        Path upload = server.home().resolve("Upload");
        for (String path : new String[] {"Upload/a\0b", upload + "/a\0b", "\0"}) {
            ProtocolClient.Response listing = client.postForm("openapi/directory/entities", map("path", path,
                    "ignore_hidden", true));
            assertEquals(400, listing.status(), listing.text());
            assertTrue(listing.body().path("message").asText().contains("NUL"), listing.text());
            ProtocolClient.Response parse = client.postJson("pyapi/v1/submission/parse_data_information",
                    map("data_name", "x", "technology", "XENIUM", "data_path", path));
            assertEquals(400, parse.status(), parse.text());
        }
        String longName = "n".repeat(256);
        ProtocolClient.Response tooLong = client.postMultipart("openapi/upload/simple", map("folder_name", longName,
                "unique_id", "", "is_chunk", false), "a.txt", new byte[] {1});
        assertEquals(400, tooLong.status(), tooLong.text());
        assertTrue(tooLong.body().path("message").asText().contains("at most 255 bytes"), tooLong.text());
        assertEquals(400, client.postForm("openapi/directory/entities", map("path", upload + "/" + longName,
                "ignore_hidden", true)).status());
    }
}
