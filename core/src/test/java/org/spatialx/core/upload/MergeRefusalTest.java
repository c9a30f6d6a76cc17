package org.spatialx.core.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingHttpServer;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/**
 * A merge the server refuses, with the upload extensions: missing chunks (a status-409 envelope)
 * keep the resume record, so the next run sends only those chunks; any other refusal (a checksum
 * mismatch) drops it, so the next run starts afresh.
 */
class MergeRefusalTest {

    private static final String OPENAPI = TestConnectors.OPENAPI;

    @TempDir
    Path dir;

    private RecordingHttpServer server;
    private SpatialXConnector connector;
    private Path file;

    @BeforeEach
    void start() throws IOException {
        server = RecordingHttpServer.start();
        server.on("POST", OPENAPI + "upload/chunk/start", ScriptedResponse.ok("{\"unique_id\": \"U1\", \"root_folder\": \"/srv/up\"}"));
        server.on("POST", OPENAPI + "upload/chunk/process", ScriptedResponse.ok("{}"));
        connector = new SpatialXConnector(server.url(TestConnectors.DOMAIN_PATH), TestConnectors.TOKEN,
                TestConnectors.options(new ArrayList<>()).uploads(UploadSettings.defaults()
                        .withMode(UploadSettings.Mode.EXTENDED).withResumeDirectory(dir.resolve("resume"))
                        .withRetries(1, Duration.ZERO)).build());
        byte[] content = new byte[3 << 20];
        new Random(3).nextBytes(content);
        file = Files.write(dir.resolve("big.tif"), content);
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    @Test
    void missingChunksKeepTheSessionAndTheNextRunSendsOnlyThose() throws Exception {
        server.on("POST", OPENAPI + "upload/chunk/merge",
                ScriptedResponse.json("{\"status\": 409, \"message\": \"missing chunk 1 of big.tif; re-send it and merge again.\"}"),
                ScriptedResponse.ok("{\"path\": \"/srv/up/big.tif\", \"sha256\": \"" + sha256(file) + "\"}"));
        server.on("POST", OPENAPI + "upload/chunk/status", ScriptedResponse.ok(
                "{\"chunk_size\": 1048576, \"file_size\": 3145728, \"received\": [0, 2]}"));

        MissingChunksException refused = assertThrows(MissingChunksException.class,
                () -> connector.uploadBigFile(file.toString()));
        assertTrue(refused.getMessage().contains("missing chunk 1 of big.tif"), refused.getMessage());
        assertEquals(1, resumeRecords(), "the session is remembered");

        server.clearRequests();
        Map<String, Object> answer = connector.uploadBigFile(file.toString());

        assertEquals("/srv/up/big.tif", answer.get("path"));
        List<RecordedRequest> requests = server.requests();
        assertEquals(List.of("upload/chunk/status", "upload/chunk/process", "upload/chunk/merge"), routes(requests));
        assertEquals("1", MultipartView.of(requests.get(1)).text("sending_index"), "only the missing chunk is sent");
        assertEquals("U1", MultipartView.of(requests.get(1)).text("unique_id"));
        assertEquals(0, resumeRecords(), "a merged file leaves no record");
    }

    @Test
    void aMergeRefusedForAnotherReasonStartsAfreshNextTime() throws Exception {
        server.on("POST", OPENAPI + "upload/chunk/merge", ScriptedResponse.json("{\"status\": 400, \"message\":"
                + " \"The merged big.tif has SHA-256 0000 but the client read 1111; the merged file was deleted.\"}"));

        UploadException refused = assertThrows(UploadException.class, () -> connector.uploadBigFile(file.toString()));

        assertFalse(refused instanceof MissingChunksException, refused.toString());
        assertTrue(refused.getMessage().contains("the merged file was deleted"), refused.getMessage());
        assertEquals(0, resumeRecords(), "the refused session is forgotten");
    }

    private long resumeRecords() throws IOException {
        Path records = dir.resolve("resume");
        if (!Files.isDirectory(records)) {
            return 0;
        }
        try (Stream<Path> listing = Files.list(records)) {
            return listing.count();
        }
    }

    private static List<String> routes(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.path().substring(OPENAPI.length())).toList();
    }

    private static String sha256(Path path) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }
}
