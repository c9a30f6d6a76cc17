package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks written straight to their offset in one staging file per upload, with the running SHA-256 over
 * the contiguous prefix (docs/protocol-extensions.md, section 4): any order, gaps filled later, restarts,
 * re-sent and oversized chunks, and parts whose fields come after the file.
 */
class StagedChunkUploadTest {

    static final int MIB = 1 << 20;

    @TempDir
    Path temp;
    LocalServer server;
    ProtocolClient client;

    @BeforeEach
    void start() {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
        client = new ProtocolClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void outOfOrderChunksFillingGapsGiveTheWholeFilesHash() throws Exception {
        byte[] content = content(6 * MIB + 77, 11);
        String id = startSession();
        for (int index : new int[] {2, 4, 0, 6, 1, 5}) { // 0 extends the prefix, 1 fills the gap before 2
            sendChunk(id, "g.bin", content, index, true);
        }
        List<Path> staged = stagingFiles();
        assertEquals(1, staged.stream().filter(p -> p.getFileName().toString().equals("data.staging")).count(),
                () -> "one staging file, no part per chunk: " + staged);
        assertTrue(staged.stream().noneMatch(p -> p.getFileName().toString().endsWith(".part")), staged::toString);
        assertEquals("[0,1,2,4,5,6]", status(id, "g.bin").get("received").toString());
        assertEquals(content.length - MIB, status(id, "g.bin").get("received_bytes").asLong());
        sendChunk(id, "g.bin", content, 3, false);
        JsonNode merged = merge(id, "g.bin", 7, ProtocolClient.sha256(content)).ok();
        assertEquals(ProtocolClient.sha256(content), merged.get("sha256").asText());
        assertArrayEquals(content, Files.readAllBytes(Path.of(merged.get("path").asText())));
        assertTrue(stagingFiles().isEmpty(), "the staging file became the uploaded file");
    }

    @Test
    void aRestartMidUploadKeepsTheStagingFileAndTheResumedUploadVerifies() throws Exception {
        byte[] content = content(5 * MIB, 12);
        String id = startSession();
        sendChunk(id, "r.bin", content, 0, false);
        sendChunk(id, "r.bin", content, 1, false);
        sendChunk(id, "r.bin", content, 3, false);
        server.close();
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
        client = new ProtocolClient(server);
        assertEquals("[0,1,3]", status(id, "r.bin").get("received").toString());
        String missing = merge(id, "r.bin", 5, null).error();
        assertEquals("missing chunks 2, 4 of r.bin; re-send them and merge again.", missing);
        sendChunk(id, "r.bin", content, 4, false);
        sendChunk(id, "r.bin", content, 2, false);
        JsonNode merged = merge(id, "r.bin", 5, ProtocolClient.sha256(content)).ok();
        assertEquals(ProtocolClient.sha256(content), merged.get("sha256").asText());
        assertArrayEquals(content, Files.readAllBytes(server.home().resolve("Upload/r.bin")));
    }

    @Test
    void anOversizedChunkIsRefusedWithoutTouchingItsNeighbour() throws Exception {
        byte[] content = content(2 * MIB, 13);
        String id = startSession();
        sendChunk(id, "o.bin", content, 1, false);
        byte[] tooLong = Arrays.copyOf(content, MIB + 4096);
        Arrays.fill(tooLong, MIB, tooLong.length, (byte) 0x5A);
        String refused = client.postMultipart("openapi/upload/chunk/process", chunkFields(id, "o.bin", content, 0),
                "file", tooLong).error();
        assertTrue(refused.contains("Chunk 0 of o.bin has " + tooLong.length + " bytes"), refused);
        assertEquals("[1]", status(id, "o.bin").get("received").toString());
        sendChunk(id, "o.bin", content, 0, false);
        JsonNode merged = merge(id, "o.bin", 2, ProtocolClient.sha256(content)).ok();
        assertArrayEquals(content, Files.readAllBytes(Path.of(merged.get("path").asText())));
    }

    @Test
    void aChunkWhoseFieldsFollowTheFilePartIsStagedToo() throws Exception {
        byte[] content = content(3 * MIB, 14);
        String id = startSession();
        sendChunk(id, "f.bin", content, 0, false);
        postFileFirst(chunkFields(id, "f.bin", content, 1), Arrays.copyOfRange(content, MIB, 2 * MIB)).ok();
        sendChunk(id, "f.bin", content, 2, false);
        JsonNode merged = merge(id, "f.bin", 3, ProtocolClient.sha256(content)).ok();
        assertArrayEquals(content, Files.readAllBytes(Path.of(merged.get("path").asText())));
        try (Stream<Path> s = Files.list(server.home().resolve("tmp"))) {
            assertEquals(0, s.count(), "the temporary part was removed");
        }
    }

    @Test
    void aChunkSha256SentAfterTheFilePartIsCheckedAgainstTheStagedBytes() throws Exception {
        byte[] content = content(3 * MIB, 17);
        String id = startSession();
        byte[] block = Arrays.copyOfRange(content, MIB, 2 * MIB);
        String goodSha = ProtocolClient.sha256(block);
        String badSha = (goodSha.charAt(0) == '0' ? "1" : "0") + goodSha.substring(1);

        String refused = postShaLast(chunkFields(id, "l.bin", content, 1), block, badSha).error();
        assertTrue(refused.contains("Chunk 1 of l.bin arrived damaged: its SHA-256 is " + goodSha), refused);
        assertEquals(0, status(id, "l.bin").get("received").size(), "a damaged chunk is not counted");

        JsonNode answer = postShaLast(chunkFields(id, "l.bin", content, 1), block, goodSha).ok();
        assertEquals(goodSha, answer.get("sha256").asText());
        sendChunk(id, "l.bin", content, 0, false);
        sendChunk(id, "l.bin", content, 2, true);
        JsonNode merged = merge(id, "l.bin", 3, ProtocolClient.sha256(content)).ok();
        assertArrayEquals(content, Files.readAllBytes(Path.of(merged.get("path").asText())));
    }

    @Test
    void aDamagedChunkWithItsSha256BeforeTheFilePartIsRefused() {
        byte[] content = content(2 * MIB, 18);
        String id = startSession();
        byte[] damaged = Arrays.copyOfRange(content, 0, MIB);
        String sentSha = ProtocolClient.sha256(damaged); // what the client read
        damaged[MIB / 2] ^= 1; // one bit flipped on the way
        Map<String, Object> fields = chunkFields(id, "d.bin", content, 0);
        fields.put("sha256", sentSha);
        String refused = client.postMultipart("openapi/upload/chunk/process", fields, "file", damaged).error();
        assertTrue(refused.contains("Chunk 0 of d.bin arrived damaged: its SHA-256 is "
                + ProtocolClient.sha256(damaged) + " but the client sent " + sentSha), refused);
        assertEquals(0, status(id, "d.bin").get("received").size());
    }

    @Test
    void aRefusedMergeDeletesTheStagingFile() throws Exception {
        byte[] content = content(2 * MIB + 1, 15);
        String id = startSession();
        for (int i = 0; i < 3; i++) {
            sendChunk(id, "v.bin", content, i, false);
        }
        byte[] other = content.clone();
        other[MIB + 10] ^= 1;
        String refused = merge(id, "v.bin", 3, ProtocolClient.sha256(other)).error();
        assertTrue(refused.contains("the merged file was deleted"), refused);
        assertFalse(Files.exists(server.home().resolve("Upload/v.bin")));
        assertTrue(stagingFiles().stream().noneMatch(p -> p.getFileName().toString().equals("data.staging")),
                stagingFiles()::toString);
        assertEquals(0, status(id, "v.bin").get("received").size(), "the next upload starts afresh");
    }

    @Test
    void aChunkStillArrivingWhenItsPredecessorCompletesTakesOverTheRunningHash() throws Exception {
        byte[] content = content(3 * MIB, 16);
        String id = startSession();
        byte[] block = Arrays.copyOfRange(content, MIB, 2 * MIB);
        String boundary = "b0undarySlowChunk";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var e : chunkFields(id, "s.bin", content, 1).entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + ProtocolClient.pythonStr(e.getValue()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        int half = bytes.length - block.length / 2;
        CountDownLatch predecessorDone = new CountDownLatch(1);
        // chunk 1 sends its first half, waits until chunk 0 completed, then sends the rest
        InputStream slow = new SequenceInputStream(new ByteArrayInputStream(bytes, 0, half), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(bytes, half, bytes.length - half);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    predecessorDone.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read(b, off, len);
            }
        });
        CompletableFuture<ProtocolClient.Response> chunk1 = CompletableFuture.supplyAsync(() -> client.send(
                HttpRequest.newBuilder(URI.create(client.domain() + "openapi/upload/chunk/process"))
                        .header("SpatialX-Token", client.token())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                                () -> slow), bytes.length))));
        Thread.sleep(300); // let chunk 1's first half reach the server (the test holds either way)
        sendChunk(id, "s.bin", content, 0, false);
        predecessorDone.countDown();
        JsonNode answer1 = chunk1.get().ok();
        assertEquals(block.length, answer1.get("size").asLong());
        assertFalse(answer1.has("sha256"), answer1::toString);
        sendChunk(id, "s.bin", content, 2, false);
        JsonNode merged = merge(id, "s.bin", 3, ProtocolClient.sha256(content)).ok();
        assertArrayEquals(content, Files.readAllBytes(Path.of(merged.get("path").asText())));
    }

    private static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private String startSession() {
        return client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2))
                .ok().get("unique_id").asText();
    }

    private Map<String, Object> chunkFields(String id, String name, byte[] content, int index) {
        int to = Math.min(content.length, (index + 1) * MIB);
        return map("folder_name", "", "parent_is_file", 2, "chunk_size", MIB, "file_size", content.length,
                "offset", to, "name", name, "unique_id", id, "path", "", "sending_index", index);
    }

    private void sendChunk(String id, String name, byte[] content, int index, boolean withSha) {
        byte[] block = Arrays.copyOfRange(content, index * MIB, Math.min(content.length, (index + 1) * MIB));
        Map<String, Object> fields = chunkFields(id, name, content, index);
        if (withSha) {
            fields.put("sha256", ProtocolClient.sha256(block));
        }
        JsonNode answer = client.postMultipart("openapi/upload/chunk/process", fields, "file", block).ok();
        if (withSha) {
            assertEquals(ProtocolClient.sha256(block), answer.get("sha256").asText(), "the server's hash of the chunk");
        } else {
            assertFalse(answer.has("sha256"), () -> "no per-chunk hash when the client sent none: " + answer);
        }
        assertEquals(block.length, answer.get("size").asLong());
    }

    private JsonNode status(String id, String name) {
        return client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "", "name", name)).ok();
    }

    private ProtocolClient.Response merge(String id, String name, int total, String sha) {
        Map<String, Object> body = map("folder_name", "", "parent_is_file", 2, "total", total, "name", name,
                "unique_id", id, "path", "", "move_to_parent", true);
        if (sha != null) {
            body.put("sha256", sha);
        }
        return client.postJson("openapi/upload/chunk/merge", body);
    }

    /** A chunk whose multipart body has its protocol fields first, then the file part, then {@code sha256}. */
    private ProtocolClient.Response postShaLast(Map<String, ?> fields, byte[] block, String sha) throws Exception {
        String boundary = "b0undaryShaLast";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var e : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + ProtocolClient.pythonStr(e.getValue()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\n" + sha
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(client.domain() + "openapi/upload/chunk/process"))
                .header("SpatialX-Token", client.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A chunk whose multipart body has the file part first, the text fields after it. */
    private ProtocolClient.Response postFileFirst(Map<String, ?> fields, byte[] block) throws Exception {
        String boundary = "b0undaryFileFirst";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(block);
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        for (var e : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + ProtocolClient.pythonStr(e.getValue()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(client.domain() + "openapi/upload/chunk/process"))
                .header("SpatialX-Token", client.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private List<Path> stagingFiles() throws Exception {
        Path sessions = server.home().resolve("upload-sessions");
        if (!Files.isDirectory(sessions)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(sessions)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
