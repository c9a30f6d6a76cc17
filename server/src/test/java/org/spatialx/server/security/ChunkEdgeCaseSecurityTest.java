package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.ProtocolClient;

/**
 * Chunk edge cases: layouts whose cost would grow without bound, offsets and sizes that disagree, uploads
 * onto folders and folders onto files, names the manifest could not hold (issue 14, items 3, 7, 9).
 */
class ChunkEdgeCaseSecurityTest {

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();
    ProtocolClient client;
    Path upload;

    @BeforeEach
    void start() throws Exception {
        client = local.client();
        upload = local.server().home().resolve("Upload").toRealPath();
    }

    private String startSession() {
        return client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2)).ok()
                .get("unique_id").asText();
    }

    private ProtocolClient.Response chunk(String id, String name, Object chunkSize, Object fileSize, Object offset,
                                          Object index, byte[] bytes) {
        return client.postMultipart("openapi/upload/chunk/process", map("folder_name", "", "parent_is_file", 2,
                "chunk_size", chunkSize, "file_size", fileSize, "offset", offset, "name", name, "unique_id", id,
                "path", "", "sending_index", index), "file", bytes);
    }

    private ProtocolClient.Response merge(String id, String name, Object total) {
        return client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2,
                "total", total, "name", name, "unique_id", id, "path", "", "move_to_parent", true));
    }

    @Test
    void aLayoutWithTooManyChunksIsRefusedAtTheFirstChunkAndMergeStaysCheap() {
        String id = startSession();
        ProtocolClient.Response tiny = chunk(id, "big.bin", 1, 100_000_000_000L, 1, 0, new byte[] {7});
        assertEquals(400, tiny.status(), tiny.text());
        assertTrue(tiny.body().path("message").asText().contains("at most 100000 chunks"), tiny.text());
        // a layout within the limit, then merges with absurd totals: answered at once, in a few hundred bytes
        chunk(id, "ok.bin", 1, 100_000, 1, 0, new byte[] {7}).ok();
        for (Object total : new Object[] {100_000_000_000L, 30_000_000, Long.MAX_VALUE, "1e30"}) {
            ProtocolClient.Response refused = merge(id, "ok.bin", total);
            assertEquals(400, refused.status(), refused.text());
            assertTrue(refused.raw().length < 1_000, "a " + refused.raw().length + "-byte answer");
        }
        ProtocolClient.Response missing = merge(id, "ok.bin", 100_000);
        assertEquals(409, missing.status());
        assertEquals("missing chunks 1-99999 of ok.bin; re-send them and merge again.",
                missing.body().path("message").asText());
    }

    @Test
    void sizesAndOffsetsOutOfRangeAreBadRequests() {
        String id = startSession();
        byte[] one = {1};
        for (Object[] fields : new Object[][] {
                {1, Long.MAX_VALUE, 1, 0}, {1, 1_000_000_000_000_000_000L, 1, 0}, {1, -1, 1, 0}, {0, 1, 1, 0},
                {1, 1, "1e30", 0}, {1, 1, 1, -1}, {1, 1, 1, 1}, {1, 2, 2, 0}, {1, 1, 1, "Infinity"}}) {
            ProtocolClient.Response refused = chunk(id, "r.bin", fields[0], fields[1], fields[2], fields[3], one);
            assertEquals(400, refused.status(), java.util.Arrays.toString(fields) + ": " + refused.text());
        }
        ProtocolClient.Response atStart = client.postJson("openapi/upload/chunk/start", map("folder_name", "",
                "parent_is_file", 2, "chunk_size", 1, "file_size", Long.MAX_VALUE));
        assertEquals(400, atStart.status(), atStart.text());
    }

    @Test
    void anUploadOntoAFolderOrAFolderOntoAFileIsAConflict() throws Exception {
        Files.createDirectories(upload.resolve("taken.bin/inside"));
        ProtocolClient.Response simple = client.postMultipart("openapi/upload/simple", map("folder_name", "",
                "unique_id", "", "is_chunk", false), "taken.bin", new byte[] {1});
        assertEquals(409, simple.status(), simple.text());
        assertTrue(simple.body().path("message").asText().contains("A folder already exists at"), simple.text());

        String id = startSession();
        chunk(id, "taken.bin", 4, 3, 3, 0, new byte[] {1, 2, 3}).ok();
        ProtocolClient.Response merged = merge(id, "taken.bin", 1);
        assertEquals(409, merged.status(), merged.text());
        assertTrue(Files.isDirectory(upload.resolve("taken.bin/inside")), "the folder is untouched");
        assertEquals("[0]", client.postJson("openapi/upload/chunk/status", map("unique_id", id, "name", "taken.bin"))
                .ok().get("received").toString(), "the received chunk is kept");

        Files.writeString(upload.resolve("plain"), "a file");
        JsonNode folderSession = client.postMultipart("openapi/upload/simple", map("folder_name", "plain/sub",
                "unique_id", "", "is_chunk", true), "a.txt", new byte[] {1}).ok();
        ProtocolClient.Response finish = client.postForm("openapi/upload/folder_finish", map("folder_name",
                "plain/sub", "unique_id", folderSession.get("unique_id").asText()));
        assertEquals(409, finish.status(), finish.text());
        assertTrue(finish.body().path("message").asText().contains("A file already exists at " + upload.resolve("plain")),
                finish.text());
        assertEquals("a file", Files.readString(upload.resolve("plain")));
    }

    @Test
    void aTabInAFileNameOfAFolderUploadStaysInTheFinishedList() throws Exception {
        JsonNode session = client.postMultipart("openapi/upload/simple", map("folder_name", "run", "unique_id", "",
                "is_chunk", true), "a\tb.txt", "tab".getBytes(StandardCharsets.UTF_8)).ok();
        client.postMultipart("openapi/upload/simple", map("folder_name", "run", "unique_id",
                session.get("unique_id").asText(), "is_chunk", true), "semi;colon.txt", new byte[] {2}).ok();
        JsonNode finished = client.postForm("openapi/upload/folder_finish", map("folder_name", "run", "unique_id",
                session.get("unique_id").asText())).ok();
        assertEquals(2, finished.get("files").size(), finished.toString());
        assertEquals(upload.resolve("run/a\tb.txt").toString(), finished.at("/files/0/path").asText());
        assertEquals(upload.resolve("run/semi;colon.txt").toString(), finished.at("/files/1/path").asText());
        assertArrayEquals("tab".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(upload.resolve("run/a\tb.txt")));
    }

    @Test
    void anEmptyFileIsOneEmptyChunk() throws Exception {
        String id = startSession();
        chunk(id, "empty.bin", 1 << 20, 0, 0, 0, new byte[0]).ok();
        JsonNode merged = merge(id, "empty.bin", 1).ok();
        assertEquals(0, merged.get("size").asLong());
        assertEquals(0, Files.size(upload.resolve("empty.bin")));
    }
}
