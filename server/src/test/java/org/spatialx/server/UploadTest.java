package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Protocol section 3 uploads and the local extensions (docs/protocol-extensions.md). */
class UploadTest {

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

    @ParameterizedTest
    @ValueSource(longs = {0, 1, MIB - 1, MIB, 40L * MIB})
    void aFileUploadedAsPythonDoesArrivesIdentical(long size) throws Exception {
        Path local = ProtocolClient.randomFile(temp.resolve("local/file-" + size + ".bin"), size, size);
        JsonNode result = client.uploadBigFile(local, 0, "sizes", null, true, false);
        Path stored = Path.of(result.get("path").asText());
        assertEquals(server.home().resolve("Upload/sizes/file-" + size + ".bin").toRealPath(), stored.toRealPath());
        assertEquals(size, Files.size(stored));
        assertEquals(ProtocolClient.sha256(local), ProtocolClient.sha256(stored));
        assertEquals(ProtocolClient.sha256(local), result.get("sha256").asText());
        assertEquals(size, result.get("size").asLong());
        assertNoStagingLeft();
    }

    @Test
    void fortyMibGoesInThreeSixteenMibChunksAsInTheWorkedExample() throws Exception {
        Path local = ProtocolClient.randomFile(temp.resolve("local/big.tif"), 40L * MIB, 7);
        assertEquals(16L * MIB, ProtocolClient.chunkSize(0, Files.size(local)));
        JsonNode merged = client.uploadBigFile(local, 0, "", null, true, false);
        assertEquals(server.home().resolve("Upload/big.tif").toRealPath().toString(), merged.get("path").asText());
        assertEquals(ProtocolClient.sha256(local), merged.get("sha256").asText());
    }

    @Test
    void aNestedFolderUploadBecomesVisibleAtFolderFinishWithEqualChecksums() throws Exception {
        Path dir = temp.resolve("local/run1");
        ProtocolClient.randomFile(dir.resolve("experiment.xenium"), 300, 1);
        ProtocolClient.randomFile(dir.resolve("cells.csv.gz"), 2L * MIB + 5, 2);
        ProtocolClient.randomFile(dir.resolve("spatial/tissue_positions.csv"), MIB, 3);
        ProtocolClient.randomFile(dir.resolve("spatial/deeper/empty.txt"), 0, 4);
        ProtocolClient.randomFile(dir.resolve("spatial/deeper/scalefactors_json.json"), 77, 5);
        JsonNode finished = client.uploadFolder(dir, "projects", null, false);
        Path remote = server.home().resolve("Upload/projects/run1").toRealPath();
        assertEquals(remote.toString(), finished.get("path").asText());
        assertEquals(5, finished.get("files").size());
        List<Path> localFiles;
        try (Stream<Path> s = Files.walk(dir)) {
            localFiles = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : localFiles) {
            Path r = remote.resolve(dir.relativize(f).toString());
            assertEquals(ProtocolClient.sha256(f), ProtocolClient.sha256(r), r.toString());
        }
        for (JsonNode f : finished.get("files")) {
            assertEquals(ProtocolClient.sha256(Path.of(f.get("path").asText())), f.get("sha256").asText());
        }
        assertNoStagingLeft();
    }

    @Test
    void folderFilesAreInvisibleUntilFolderFinish() throws Exception {
        Path a = ProtocolClient.randomFile(temp.resolve("local/a.txt"), 10, 1);
        JsonNode session = client.uploadFile(a, "pending", "", true);
        String uniqueId = session.get("unique_id").asText();
        assertFalse(uniqueId.isEmpty());
        assertEquals(server.home().resolve("Upload").toRealPath().toString(), session.get("root_folder").asText());
        assertFalse(Files.exists(server.home().resolve("Upload/pending/a.txt")));
        Path b = ProtocolClient.randomFile(temp.resolve("local/b.bin"), 3L * MIB, 2);
        client.uploadBigFile(b, 0, "pending/sub", session, false, true);
        assertFalse(Files.exists(server.home().resolve("Upload/pending")));
        client.postForm("openapi/upload/folder_finish", map("folder_name", "pending", "unique_id", uniqueId)).ok();
        assertEquals(ProtocolClient.sha256(a), ProtocolClient.sha256(server.home().resolve("Upload/pending/a.txt")));
        assertEquals(ProtocolClient.sha256(b), ProtocolClient.sha256(server.home().resolve("Upload/pending/sub/b.bin")));
    }

    @Test
    void chunksMayArriveInAnyOrderAndInParallel() throws Exception {
        byte[] content = new byte[5 * MIB + 123];
        new Random(9).nextBytes(content);
        String id = client.postJson("openapi/upload/chunk/start", map("folder_name", "par", "parent_is_file", 2))
                .ok().get("unique_id").asText();
        int chunk = MIB;
        int total = (content.length + chunk - 1) / chunk;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> sent = new ArrayList<>();
            for (int i : order) {
                sent.add(pool.submit(() -> sendChunk(id, "par", "p.bin", content, chunk, i, true)));
            }
            for (Future<JsonNode> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        JsonNode merged = client.postJson("openapi/upload/chunk/merge", map("folder_name", "par", "parent_is_file", 2,
                "total", total, "name", "p.bin", "unique_id", id, "path", "", "move_to_parent", true,
                "sha256", ProtocolClient.sha256(content))).ok();
        assertEquals(ProtocolClient.sha256(content), merged.get("sha256").asText());
        assertTrue(Arrays.equals(content, Files.readAllBytes(Path.of(merged.get("path").asText()))));
    }

    @Test
    void statusReportsReceivedChunksSoAClientCanResume() throws Exception {
        byte[] content = new byte[4 * MIB];
        new Random(4).nextBytes(content);
        String id = client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2))
                .ok().get("unique_id").asText();
        JsonNode before = client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "",
                "name", "r.bin")).ok();
        assertEquals(0, before.get("received").size());
        sendChunk(id, "", "r.bin", content, MIB, 0, false);
        sendChunk(id, "", "r.bin", content, MIB, 2, false);
        JsonNode status = client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "",
                "name", "r.bin")).ok();
        assertEquals("[0,2]", status.get("received").toString());
        assertEquals(2L * MIB, status.get("received_bytes").asLong());
        assertEquals(MIB, status.get("chunk_size").asLong());
        assertEquals(4L * MIB, status.get("file_size").asLong());

        String missing = client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2,
                "total", 4, "name", "r.bin", "unique_id", id, "path", "", "move_to_parent", true)).error();
        assertEquals("missing chunks 1, 3 of r.bin; re-send them and merge again.", missing);
        assertFalse(Files.exists(server.home().resolve("Upload/r.bin")), "nothing half-merged is visible");

        // resume after a server restart: the received chunks are still there
        server.close();
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")));
        client = new ProtocolClient(server);
        JsonNode resumed = client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "",
                "name", "r.bin")).ok();
        assertEquals("[0,2]", resumed.get("received").toString());
        sendChunk(id, "", "r.bin", content, MIB, 3, false);
        sendChunk(id, "", "r.bin", content, MIB, 1, false);
        JsonNode merged = client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2,
                "total", 4, "name", "r.bin", "unique_id", id, "path", "", "move_to_parent", true)).ok();
        assertTrue(Arrays.equals(content, Files.readAllBytes(Path.of(merged.get("path").asText()))));
        JsonNode unknown = client.postJson("openapi/upload/chunk/status", map("unique_id", "nope", "path", "",
                "name", "x")).ok();
        assertEquals(0, unknown.get("received").size());
    }

    @Test
    void damagedChunksAndMergesAreRefusedAndNothingIsKept() throws Exception {
        byte[] content = new byte[2 * MIB];
        new Random(5).nextBytes(content);
        String id = client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2))
                .ok().get("unique_id").asText();
        byte[] first = Arrays.copyOfRange(content, 0, MIB);
        String bad = client.postMultipart("openapi/upload/chunk/process", map("folder_name", "", "parent_is_file", 2,
                "chunk_size", MIB, "file_size", content.length, "offset", MIB, "name", "d.bin", "unique_id", id,
                "path", "", "sending_index", 0, "sha256", "00" + ProtocolClient.sha256(first).substring(2)),
                "file", first).error();
        assertTrue(bad.contains("Chunk 0 of d.bin arrived damaged"), bad);
        JsonNode status = client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "",
                "name", "d.bin")).ok();
        assertEquals(0, status.get("received").size());

        String wrongLength = client.postMultipart("openapi/upload/chunk/process", map("folder_name", "",
                "parent_is_file", 2, "chunk_size", MIB, "file_size", content.length, "offset", MIB, "name", "d.bin",
                "unique_id", id, "path", "", "sending_index", 0), "file", Arrays.copyOf(first, 10)).error();
        assertTrue(wrongLength.contains("offset is the END position"), wrongLength);

        sendChunk(id, "", "d.bin", content, MIB, 0, true);
        sendChunk(id, "", "d.bin", content, MIB, 1, true);
        String mismatch = client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2,
                "total", 2, "name", "d.bin", "unique_id", id, "path", "", "move_to_parent", true,
                "sha256", ProtocolClient.sha256(new byte[0]))).error();
        assertTrue(mismatch.contains("the merged file was deleted"), mismatch);
        assertFalse(Files.exists(server.home().resolve("Upload/d.bin")));
    }

    @Test
    void resendingAChunkReplacesIt() throws Exception {
        byte[] content = new byte[2 * MIB];
        new Random(6).nextBytes(content);
        byte[] wrong = content.clone();
        wrong[5] ^= 1;
        String id = client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2))
                .ok().get("unique_id").asText();
        sendChunk(id, "", "x.bin", wrong, MIB, 0, false);
        sendChunk(id, "", "x.bin", content, MIB, 1, false);
        sendChunk(id, "", "x.bin", content, MIB, 0, false);
        JsonNode merged = client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2,
                "total", 2, "name", "x.bin", "unique_id", id, "path", "", "move_to_parent", true)).ok();
        assertEquals(ProtocolClient.sha256(content), merged.get("sha256").asText());
    }

    private JsonNode sendChunk(String id, String folder, String name, byte[] content, int chunk, int index,
                               boolean withSha) {
        int from = index * chunk;
        int to = Math.min(content.length, from + chunk);
        byte[] block = Arrays.copyOfRange(content, from, to);
        var fields = map("folder_name", folder, "parent_is_file", 2, "chunk_size", chunk, "file_size", content.length,
                "offset", to, "name", name, "unique_id", id, "path", "", "sending_index", index);
        if (withSha) {
            fields.put("sha256", ProtocolClient.sha256(block));
        }
        return client.postMultipart("openapi/upload/chunk/process", fields, "file", block).ok();
    }

    private void assertNoStagingLeft() throws Exception {
        try (Stream<Path> s = Files.walk(server.home().resolve("upload-sessions"))) {
            assertEquals(0, s.filter(Files::isRegularFile).count(), "staging is cleaned up");
        }
        try (Stream<Path> s = Files.list(server.home().resolve("tmp"))) {
            assertEquals(0, s.count(), "no temporary part left");
        }
    }
}
