package org.spatialx.core.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingHttpServer;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/** The request sequences of protocol 3.3-3.5, checked field by field on a recording loopback server. */
class WireExactUploadTest {

    private static final String OPENAPI = TestConnectors.OPENAPI;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHUNK_FIELDS = List.of("folder_name", "parent_is_file", "chunk_size",
            "file_size", "offset", "name", "unique_id", "path", "sending_index", "file");

    @TempDir
    Path dir;

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.serverOnly();

    private RecordingHttpServer server;
    private SpatialXConnector connector;

    @BeforeEach
    void start() {
        server = recording.server();
        server.on("POST", OPENAPI + "upload/chunk/start",
                ScriptedResponse.ok("{\"unique_id\": \"U1\", \"root_folder\": \"/srv/up\", \"path\": \"/srv/up/x\"}"));
        server.on("POST", OPENAPI + "upload/chunk/process", ScriptedResponse.ok("{\"ok\": true}"));
        server.on("POST", OPENAPI + "upload/chunk/merge", ScriptedResponse.ok("{\"path\": \"/srv/up/big.tif\"}"));
        server.on("POST", OPENAPI + "upload/simple", ScriptedResponse.ok(
                "{\"path\": \"/srv/up/a/b.txt\", \"unique_id\": \"U2\", \"root_folder\": \"/srv/up\"}"));
        server.on("POST", OPENAPI + "upload/folder_finish", ScriptedResponse.ok("{\"path\": \"/srv/up/a\"}"));
        connector = connect(settings(), UploadProgressListener.NONE);
    }

    private UploadSettings settings() {
        return UploadSettings.defaults().withResumeDirectory(dir.resolve("resume"));
    }

    private SpatialXConnector connect(UploadSettings uploads, UploadProgressListener progress) {
        return new SpatialXConnector(server.url(TestConnectors.DOMAIN_PATH), TestConnectors.TOKEN,
                TestConnectors.options(new ArrayList<>()).uploads(uploads).uploadProgress(progress).build());
    }

    @AfterEach
    void stop() {
        connector.close();
    }

    @Test
    void bigFileOf40MiBIsStartThreeChunksWithEndOffsetsAndMerge() throws IOException {
        Path file = write("big.tif", 40 << 20);
        server.on("GET", OPENAPI + "account/info", ScriptedResponse.ok("{\"email\": \"a@b\", \"sub_dir\": \"x\"}"));

        Map<String, Object> answer = connector.uploadBigFile(file.toString());

        assertEquals("/srv/up/big.tif", answer.get("path"));
        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("GET account/info", "POST upload/chunk/start", "POST upload/chunk/process",
                "POST upload/chunk/process", "POST upload/chunk/process", "POST upload/chunk/merge"), routes(requests));
        JsonNode start = JSON.readTree(requests.get(1).body());
        assertEquals(List.of("folder_name", "parent_is_file"), fieldNames(start));
        assertEquals("", start.get("folder_name").asText());
        assertEquals(2, start.get("parent_is_file").intValue());
        byte[] content = Files.readAllBytes(file);
        long[] ends = {16 << 20, 32 << 20, 40 << 20};
        for (int i = 0; i < 3; i++) {
            MultipartView chunk = MultipartView.of(requests.get(2 + i));
            assertEquals(CHUNK_FIELDS, chunk.names());
            assertEquals("", chunk.text("folder_name"));
            assertEquals("2", chunk.text("parent_is_file"));
            assertEquals("16777216", chunk.text("chunk_size"), "nominal chunk size, also on the last chunk");
            assertEquals("41943040", chunk.text("file_size"));
            assertEquals(Long.toString(ends[i]), chunk.text("offset"), "END offset of chunk " + i);
            assertEquals("big.tif", chunk.text("name"));
            assertEquals("U1", chunk.text("unique_id"));
            assertEquals("/srv/up", chunk.text("path"), "root_folder wins over path");
            assertEquals(Integer.toString(i), chunk.text("sending_index"));
            MultipartView.Part part = chunk.part("file");
            assertEquals("file", part.filename(), "the chunk part's filename is literally 'file'");
            assertFalse(part.headers().toLowerCase().contains("content-type"), part.headers());
            assertArrayEquals(Arrays.copyOfRange(content, i * (16 << 20), (int) ends[i]), part.content());
        }
        JsonNode merge = JSON.readTree(requests.get(5).body());
        assertEquals(List.of("folder_name", "parent_is_file", "total", "name", "unique_id", "path", "move_to_parent"),
                fieldNames(merge));
        assertEquals(3, merge.get("total").intValue());
        assertEquals(2, merge.get("parent_is_file").intValue());
        assertEquals("big.tif", merge.get("name").asText());
        assertEquals("U1", merge.get("unique_id").asText());
        assertEquals("/srv/up", merge.get("path").asText());
        assertTrue(merge.get("move_to_parent").booleanValue());
        assertEquals("application/json", requests.get(5).header("Content-Type"));
    }

    @Test
    void fileBelowOneMiBIsOneSimpleUpload() throws IOException {
        wireExact();
        Path file = write("small.csv", 900_000);

        connector.uploadBigFile(file.toString(), new UploadBigFileOptions(0, false, "results", Map.of(), true, false));

        MultipartView simple = MultipartView.of(server.single());
        assertEquals(OPENAPI + "upload/simple", server.single().path());
        assertEquals(List.of("folder_name", "unique_id", "is_chunk", "file"), simple.names());
        assertEquals("results", simple.text("folder_name"));
        assertEquals("", simple.text("unique_id"));
        assertEquals("False", simple.text("is_chunk"));
        assertEquals("small.csv", simple.part("file").filename());
        assertArrayEquals(Files.readAllBytes(file), simple.part("file").content());
    }

    @Test
    void exactlyOneMiBIsOneChunkAndARequestedChunkSizeIsNominal() throws IOException {
        wireExact();
        Path one = write("one.bin", 1 << 20);
        connector.uploadBigFile(one.toString());
        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("POST upload/chunk/start", "POST upload/chunk/process", "POST upload/chunk/merge"),
                routes(requests));
        assertEquals("1048576", MultipartView.of(requests.get(1)).text("offset"));
        assertEquals("0", MultipartView.of(requests.get(1)).text("sending_index"));

        server.clearRequests();
        Path odd = write("odd.bin", (1 << 20) + 1);
        connector.uploadBigFile(odd.toString(), new UploadBigFileOptions(700_000, false, "", Map.of(), true, false));
        List<MultipartView> chunks = server.requests().stream().filter(r -> r.path().endsWith("process"))
                .map(MultipartView::of).toList();
        assertEquals(2, chunks.size());
        assertEquals(List.of("700000", "700000"), chunks.stream().map(c -> c.text("chunk_size")).toList());
        assertEquals(List.of("700000", "1048577"), chunks.stream().map(c -> c.text("offset")).toList());
    }

    @Test
    void folderSharesOneSessionInSortedOrderSkipsLinksAndFinishesAtTheTop() throws IOException {
        wireExact();
        Path top = Files.createDirectory(dir.resolve("a"));
        Files.createDirectories(top.resolve("sub"));
        Files.createDirectories(top.resolve("empty"));
        Files.write(top.resolve("b.txt"), "hello".getBytes());
        write("a/sub/c.bin", 2 << 20);
        Files.write(top.resolve("a-first.txt"), "first".getBytes());
        Files.createSymbolicLink(top.resolve("link.txt"), top.resolve("b.txt"));
        Files.createSymbolicLink(top.resolve("linkdir"), top.resolve("sub"));

        Map<String, Object> answer = connector.uploadFolder(top.toString(),
                new UploadFolderOptions(0, false, "runs", null, false));

        assertEquals("/srv/up/a", answer.get("path"));
        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("POST upload/simple", "POST upload/simple", "POST upload/chunk/process",
                "POST upload/chunk/process", "POST upload/chunk/merge", "POST upload/folder_finish"), routes(requests));
        MultipartView first = MultipartView.of(requests.get(0));
        assertEquals("a-first.txt", first.part("file").filename());
        assertEquals("runs/a", first.text("folder_name"));
        assertEquals("", first.text("unique_id"), "the first file opens the session");
        assertEquals("True", first.text("is_chunk"));
        MultipartView second = MultipartView.of(requests.get(1));
        assertEquals("b.txt", second.part("file").filename());
        assertEquals("U2", second.text("unique_id"), "the simple answer is the session of the next file");
        for (int i = 2; i < 4; i++) {
            MultipartView chunk = MultipartView.of(requests.get(i));
            assertEquals("runs/a/sub", chunk.text("folder_name"));
            assertEquals("U2", chunk.text("unique_id"));
            assertEquals("/srv/up", chunk.text("path"));
            assertEquals("c.bin", chunk.text("name"));
        }
        JsonNode merge = JSON.readTree(requests.get(4).body());
        assertFalse(merge.get("move_to_parent").booleanValue());
        assertEquals("runs/a/sub", merge.get("folder_name").asText());
        assertEquals(List.of(Map.entry("folder_name", "runs/a"), Map.entry("unique_id", "U2")),
                requests.get(5).formPairs());
    }

    @Test
    void emptyFolderOpensASessionSoFolderFinishWorks() throws IOException {
        wireExact();
        Path empty = Files.createDirectory(dir.resolve("nothing"));

        connector.uploadFolder(empty.toString());

        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("POST upload/chunk/start", "POST upload/folder_finish"), routes(requests));
        assertEquals("nothing", JSON.readTree(requests.get(0).body()).get("folder_name").asText());
        assertEquals(List.of(Map.entry("folder_name", "nothing"), Map.entry("unique_id", "U1")),
                requests.get(1).formPairs());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() throws IOException {
        wireExact();
        SpatialXInvalidInputException missing = assertThrows(SpatialXInvalidInputException.class,
                () -> connector.uploadBigFile(dir.resolve("nope.tif").toString()));
        assertTrue(missing.getMessage().startsWith("Invalid file: "), missing.getMessage());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        SpatialXInvalidInputException folder = assertThrows(SpatialXInvalidInputException.class,
                () -> connector.uploadBigFile(dir.toString()));
        assertTrue(folder.getMessage().contains("is a directory"), folder.getMessage());
        SpatialXInvalidInputException notDir = assertThrows(SpatialXInvalidInputException.class,
                () -> connector.uploadFolder(write("f.txt", 3).toString()));
        assertTrue(notDir.getMessage().startsWith("Invalid directory: "), notDir.getMessage());
        Path locked = write("locked.bin", 10);
        if (locked.toFile().setReadable(false) && !Files.isReadable(locked)) { // root can read anything
            SpatialXInvalidInputException unreadable = assertThrows(SpatialXInvalidInputException.class,
                    () -> connector.uploadFile(locked.toString(), UploadFileOptions.defaults()));
            assertTrue(unreadable.getMessage().contains("cannot be read"), unreadable.getMessage());
        }
        assertEquals(List.of(), server.requests());
    }

    @Test
    void errorEnvelopeOnAChunkStopsBeforeMerge() throws IOException {
        wireExact();
        server.on("POST", OPENAPI + "upload/chunk/process", ScriptedResponse.ok("{}"),
                ScriptedResponse.json("{\"status\": 1, \"message\": \"disk full\"}"));
        Path file = write("big.tif", 3 << 20);

        UploadException error = assertThrows(UploadException.class, () -> connector.uploadBigFile(file.toString()));

        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("disk full"),
                error.getMessage());
        assertFalse(error.getMessage().contains(TestConnectors.TOKEN));
        assertFalse(routes(server.requests()).contains("POST upload/chunk/merge"), "nothing half-finished is merged");
    }

    @Test
    void debugModeAsksForABarAndPrintsPythonsChunkLines() throws IOException {
        List<String> bars = new CopyOnWriteArrayList<>();
        AtomicLong drawn = new AtomicLong();
        connector.close();
        connector = connect(settings().withMode(UploadSettings.Mode.WIRE_EXACT), (label, total, debugMode) -> {
            bars.add(label + " " + total + " " + debugMode);
            return drawn::addAndGet;
        });
        Path file = write("big.tif", 3 << 20);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            connector.uploadBigFile(file.toString(), new UploadBigFileOptions(0, true, "", Map.of(), true, false));
        } finally {
            System.setOut(original);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 1; i <= 3; i++) {
            assertTrue(text.contains("Upload " + file + ", chunk index : " + i + " ..."), text);
        }
        assertEquals(3, routes(server.requests()).stream().filter(r -> r.endsWith("process")).count());
        assertEquals(List.of(file + " " + (3 << 20) + " true"), bars, "one bar, asked for by debug_mode");
        assertEquals(3 << 20, drawn.get(), "every byte sent is reported once");
    }

    @Test
    void chunkSizeRuleOfSection32() {
        assertEquals(1 << 20, ChunkPlan.chunkSize(0, 0));
        assertEquals(1 << 20, ChunkPlan.chunkSize(0, (15L << 20) - 1));
        assertEquals(16 << 20, ChunkPlan.chunkSize(0, 15L << 20));
        assertEquals(16 << 20, ChunkPlan.chunkSize(0, (100L << 20) - 1));
        assertEquals(50 << 20, ChunkPlan.chunkSize(0, 100L << 20));
        assertEquals(50 << 20, ChunkPlan.chunkSize(0, (1L << 30) - 1));
        assertEquals(100 << 20, ChunkPlan.chunkSize(0, 1L << 30));
        assertEquals(100 << 20, ChunkPlan.chunkSize(500L << 20, 10));
        assertEquals(5, ChunkPlan.chunkSize(5, 1L << 30), "no lower bound");
        ChunkPlan plan = ChunkPlan.of(0, 41_943_040);
        assertEquals(3, plan.chunkCount());
        assertEquals(41_943_040, plan.end(2));
        assertEquals(8 << 20, plan.length(2));
        assertFalse(UploadCapabilities.from(null).extended());
    }

    private void wireExact() {
        connector.close();
        connector = connect(settings().withMode(UploadSettings.Mode.WIRE_EXACT), UploadProgressListener.NONE);
    }

    private Path write(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static List<String> routes(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.method() + " " + r.path().substring(OPENAPI.length())).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
