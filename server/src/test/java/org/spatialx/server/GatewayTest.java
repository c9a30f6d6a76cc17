package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ucc.go gateway while a job appends to the log being read (what every client's log polling does):
 * each response is a consistent snapshot, and none leaves the client waiting. Before the fix the
 * server announced the size it saw, then refused to send the grown file, and the client hung.
 */
class GatewayTest {

    @TempDir
    Path temp;

    @Test
    void aLogGrowingWhileItIsPolledIsServedAsConsistentSnapshots() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(temp).withToken("t"))) {
            ProtocolClient client = new ProtocolClient(server);
            String studyId = ServerFixture.createStudy(client, "gateway");
            Path dataPath = Path.of(client.get("openapi/study/detail", ProtocolClient.map("key", studyId)).ok()
                    .at("/study/data_path").asText());
            Path log = Files.createDirectories(dataPath.resolve("submit/SB-1")).resolve("submission.log");
            Files.writeString(log, "started\n");
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                    // a line every ~0.2 ms, as a busy job's log; at most 40,000 lines (2.4 MB) so that the
                    // polls, which read the whole log, stay cheap on a slow machine
                    for (int line = 0; writing.get() && line < 40_000; line++) {
                        out.write("[2026-11-29 12:00:00] line " + line + " of a job that logs a lot\n");
                        out.flush();
                        LockSupport.parkNanos(200_000);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (Files.size(log) <= "started\n".length()) {
                Thread.sleep(1); // the first poll expects the writer's first line (a loaded machine starts it late)
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(server.url() + "ucc.go/" + log.toString().substring(1));
            int polls = 0;
            long lastLength = 0;
            try {
                for (; polls < 300; polls++) {
                    // a bounded wait: the failure this guards against is a response that never completes
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("SpatialX-Token", "t")
                            .method("GET", HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode());
                    String body = response.body();
                    assertEquals(response.headers().firstValueAsLong("Content-Length").orElse(-1), body.length());
                    assertTrue(body.startsWith("started\n[2026-11-29 12:00:00] line 0 "), body);
                    assertTrue(body.length() >= lastLength, "the log never shrinks");
                    lastLength = body.length();
                }
            } finally {
                writing.set(false);
                writer.join();
            }
            String whole = Files.readString(log);
            assertTrue(whole.length() >= lastLength);
            assertTrue(lastLength > "started\n".length(), "the writer was appending while the log was polled");
            assertEquals(300, polls);
        }
    }

    @Test
    void aFileWhoseNameHasASpaceIsServedByItsEncodedName() throws Exception {
        // AnnData columns are folders named as the column ("gene id", "log2 fold change"): the client encodes them
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(temp).withToken("t"))) {
            ProtocolClient client = new ProtocolClient(server);
            String studyId = ServerFixture.createStudy(client, "gateway names");
            Path dataPath = Path.of(client.get("openapi/study/detail", ProtocolClient.map("key", studyId)).ok()
                    .at("/study/data_path").asText());
            Path column = Files.createDirectories(dataPath.resolve("spatial/SP-1/table/TB-1/uns/AN-1/gene id"));
            Files.writeString(column.resolve(".zarray"), "{\"zarr_format\": 2}");
            Path spaced = Files.createDirectories(dataPath.resolve("spatial/SP-1/log2 fold change"));
            Files.writeString(spaced.resolve("a b.txt"), "ok");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = server.url() + "ucc.go/" + dataPath.toString().substring(1);
            for (String[] asked : new String[][] {
                    {"/spatial/SP-1/table/TB-1/uns/AN-1/gene%20id/.zarray", "{\"zarr_format\": 2}"},
                    {"/spatial/SP-1/log2%20fold%20change/a%20b.txt", "ok"}}) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + asked[0]))
                        .header("SpatialX-Token", "t").GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), asked[0] + ": " + response.body());
                assertEquals(asked[1], response.body());
            }
            // an encoded parent reference is still refused after decoding
            HttpResponse<String> escape = http.send(HttpRequest.newBuilder(URI.create(base + "/%2e%2e/%2e%2e/token"))
                    .header("SpatialX-Token", "t").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(escape.statusCode() >= 400 && escape.statusCode() < 500, escape.statusCode() + " " + escape.body());
        }
    }
}
