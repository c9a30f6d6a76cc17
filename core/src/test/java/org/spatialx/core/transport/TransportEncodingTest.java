package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.Species;
import org.spatialx.api.StudyFilter;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/** URL building, body encodings (protocol 1.4) and envelope unwrapping (1.5) of the transport. */
class TransportEncodingTest {

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.serverOnly();

    private SpatialXTransport transport(String domainPath, ConnectorOptions options) {
        return new SpatialXTransport(recording.server().url(domainPath), TestConnectors.TOKEN, options);
    }

    private SpatialXTransport transport(String domainPath) {
        return transport(domainPath, TestConnectors.options(new ArrayList<>()).build());
    }

    @Test
    void familiesAreJoinedWithExactlyOneSlash() {
        try (SpatialXTransport noSlash = transport("/spatialx"); SpatialXTransport slash = transport("/spatialx/");
             SpatialXTransport bare = transport("")) {
            String base = recording.server().baseUrl();
            assertEquals(base + "/spatialx/openapi/account/info",
                    noSlash.uri(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()).toString());
            assertEquals(base + "/spatialx/pyapi/v1/submission/parse_data_information",
                    slash.uri(ApiRequest.post(UrlFamily.PYAPI, "submission/parse_data_information").build()).toString());
            assertEquals(base + "/ucc.go/data/u/a%20b.log",
                    bare.uri(ApiRequest.get(UrlFamily.UCC, "/data/u/a b.log").build()).toString());
        }
    }

    @Test
    void domainQueryParametersJoinAndOverrideEveryRequest() {
        try (SpatialXTransport transport = transport("/spatialx/?org=a%20b&key=FORCED&org=second#frag")) {
            assertEquals(Map.of("org", "a b", "key", "FORCED"), transport.domainParameters());
            assertEquals(recording.server().baseUrl() + "/spatialx/", transport.domain());
            String uri = transport.uri(ApiRequest.get(UrlFamily.OPENAPI, "study/detail")
                    .query("key", "ST-1").query("limit", 50).build()).toString();
            assertTrue(uri.endsWith("/spatialx/openapi/study/detail?key=FORCED&limit=50&org=a+b"), uri);
        }
    }

    @Test
    void invalidDomainsAndEmptyTokensAreRefusedWithTheFix() {
        ConnectorOptions options = ConnectorOptions.defaults();
        SpatialXInvalidInputException noHost = assertThrows(SpatialXInvalidInputException.class,
                () -> new SpatialXTransport("example.bioturing.com/spatialx", "0123456789abcdef", options));
        assertTrue(noHost.getMessage().startsWith("invalid domain: example.bioturing.com/spatialx;"), noHost.getMessage());
        SpatialXInvalidInputException noToken = assertThrows(SpatialXInvalidInputException.class,
                () -> new SpatialXTransport("https://h/", " ", options));
        assertTrue(noToken.getMessage().contains("SpatialX SDK"), noToken.getMessage());
    }

    @Test
    void queryAndFormValuesFollowPythonStr() {
        recording.server().on("POST", "/s/openapi/x", ScriptedResponse.ok("{}"));
        try (SpatialXTransport transport = transport("/s/")) {
            transport.call(ApiRequest.post(UrlFamily.OPENAPI, "x")
                    .query("flag", true).query("off", false).query("none", null).query("tags", List.of("a", "b c"))
                    .query("empty", List.of()).query("ratio", 0.25).query("big", 1e16).query("n", 2)
                    .query("species", Species.NON_HUMAN_PRIMATE).query("compare", StudyFilter.NOT_LARGER)
                    .query("path", "/a/é&=+")
                    .form("ignore_hidden", true).form("gone", null).form("ids", List.of(1, 2)).build());
            RecordedRequest request = recording.server().single();
            assertEquals("flag=True&off=False&tags=a&tags=b+c&ratio=0.25&big=1e%2B16&n=2&species=nonHumanPrimate"
                    + "&compare=1&path=%2Fa%2F%C3%A9%26%3D%2B", request.rawQuery());
            assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
            assertEquals("ignore_hidden=True&ids=1&ids=2", request.bodyText());
        }
    }

    @Test
    void jsonBodiesUsePythonLayoutEnumValuesAndAsciiEscapes() {
        recording.server().on("POST", "/s/openapi/j", ScriptedResponse.ok("{}"));
        Map<Object, Object> body = new LinkedHashMap<>();
        body.put("species", Species.HUMAN);
        body.put(Species.MOUSE, List.of(true, false));
        body.put("none", null);
        body.put("float", 1.0);
        body.put("tiny", 1e-5);
        body.put("text", "naïve \"q\" 😀\n");
        body.put("nested", Map.of("filter", StudyFilter.LARGER));
        try (SpatialXTransport transport = transport("/s/")) {
            transport.call(ApiRequest.post(UrlFamily.OPENAPI, "j").json(body).build());
            assertEquals("{\"species\": \"human\", \"mouse\": [true, false], \"none\": null, \"float\": 1.0,"
                    + " \"tiny\": 1e-05, \"text\": \"na\\u00efve \\\"q\\\" \\ud83d\\ude00\\n\","
                    + " \"nested\": {\"filter\": 2}}", recording.server().single().bodyText());
            SpatialXInvalidInputException nan = assertThrows(SpatialXInvalidInputException.class,
                    () -> transport.call(ApiRequest.post(UrlFamily.OPENAPI, "j").json(Map.of("x", Double.NaN)).build()));
            assertTrue(nan.getMessage().contains("not JSON compliant"), nan.getMessage());
        }
    }

    @Test
    void basicAuthIsSentAsOneStandardHeader() {
        recording.server().on("GET", "/s/openapi/account/info", ScriptedResponse.ok("{}"));
        ConnectorOptions options = TestConnectors.options(new ArrayList<>()).basicAuth("user", "pä55:word").build();
        try (SpatialXTransport transport = transport("/s/", options)) {
            transport.call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build());
            RecordedRequest request = recording.server().single();
            assertEquals("Basic " + Base64.getEncoder().encodeToString("user:pä55:word".getBytes(StandardCharsets.UTF_8)),
                    request.header("Authorization"));
            assertEquals(List.of(request.header("Authorization")), request.headers().get("authorization"));
            assertEquals(TestConnectors.TOKEN, request.header("SpatialX-Token"));
        }
    }

    @Test
    void envelopePayloadIsTheMessageAndOtherBodiesPassThrough() {
        recording.server().on("GET", "/s/openapi/a", ScriptedResponse.ok("{\"x\": 1}"));
        recording.server().on("GET", "/s/openapi/b", ScriptedResponse.json("{\"status\": 0, \"list\": [1]}"));
        recording.server().on("GET", "/s/openapi/c", ScriptedResponse.json("[1, 2.5]"));
        recording.server().on("GET", "/s/openapi/d", ScriptedResponse.text("plain log text\n"));
        recording.server().on("GET", "/s/openapi/e", ScriptedResponse.json("{\"message\": null}"));
        recording.server().on("GET", "/s/openapi/f", ScriptedResponse.json("{\"a\": 1} trailing"));
        try (SpatialXTransport transport = transport("/s/")) {
            assertEquals(1, transport.call(ApiRequest.get(UrlFamily.OPENAPI, "a").build()).get("x").intValue());
            assertEquals("{\"status\":0,\"list\":[1]}", transport.call(ApiRequest.get(UrlFamily.OPENAPI, "b").build()).toString());
            JsonNode list = transport.call(ApiRequest.get(UrlFamily.OPENAPI, "c").build());
            assertEquals(List.of(1, 2.5), transport.json().plain(list));
            assertEquals("plain log text\n", transport.call(ApiRequest.get(UrlFamily.OPENAPI, "d").build()).asText());
            assertTrue(transport.call(ApiRequest.get(UrlFamily.OPENAPI, "e").build()).isNull());
            assertEquals("{\"a\": 1} trailing", transport.call(ApiRequest.get(UrlFamily.OPENAPI, "f").build()).asText());
            assertEquals("plain log text\n", transport.readText(ApiRequest.get(UrlFamily.OPENAPI, "d").build()));
        }
    }

    @Test
    void multipartStreamsAFileRegionAndReportsProgress(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = dir.resolve("big.tif");
        Files.write(file, content);
        recording.server().on("POST", "/s/openapi/upload/chunk/process", ScriptedResponse.ok("{}"));
        AtomicLong lastProgress = new AtomicLong();
        MultipartBody body = MultipartBody.builder().boundary("BOUNDARY")
                .text("folder_name", "").text("parent_is_file", 2).text("is_chunk", true).text("skip", null)
                .file("file", "file", new FileRegion(file, 100_000, 150_000))
                .progress((sent, total) -> lastProgress.set(total == 150_000 ? sent : -1))
                .build();
        try (SpatialXTransport transport = transport("/s/")) {
            transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/process").multipart(body).build());
        }
        RecordedRequest request = recording.server().single();
        assertEquals("multipart/form-data; boundary=BOUNDARY", request.header("Content-Type"));
        String head = "--BOUNDARY\r\nContent-Disposition: form-data; name=\"folder_name\"\r\n\r\n\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"parent_is_file\"\r\n\r\n2\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"is_chunk\"\r\n\r\nTrue\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\r\n";
        String tail = "\r\n--BOUNDARY--\r\n";
        byte[] received = request.body();
        assertEquals(head.length() + 150_000 + tail.length(), received.length);
        assertEquals(head, new String(received, 0, head.length(), StandardCharsets.ISO_8859_1));
        assertArrayEquals(Arrays.copyOfRange(content, 100_000, 250_000),
                Arrays.copyOfRange(received, head.length(), head.length() + 150_000));
        assertEquals(tail, new String(received, received.length - tail.length(), tail.length(), StandardCharsets.ISO_8859_1));
        assertEquals(150_000, lastProgress.get());
    }

    @Test
    void aMissingOrTooShortFileIsRefusedBeforeSending(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("small.bin"), new byte[10]);
        try (SpatialXTransport transport = transport("/s/")) {
            for (FileRegion region : List.of(new FileRegion(dir.resolve("absent.bin"), 0, 1), new FileRegion(file, 5, 6))) {
                SpatialXInvalidInputException error = assertThrows(SpatialXInvalidInputException.class,
                        () -> transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/simple")
                                .multipart(MultipartBody.builder().file("file", "f", region).build()).build()));
                assertTrue(error.getMessage().contains(region.path().toString()), error.getMessage());
            }
        }
        assertEquals(List.of(), recording.server().requests());
    }
}
