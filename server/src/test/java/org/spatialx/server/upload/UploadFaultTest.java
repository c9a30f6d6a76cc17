package org.spatialx.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.upload.ConnectorUploadTest.MIB;
import static org.spatialx.server.upload.ConnectorUploadTest.randomFile;
import static org.spatialx.server.upload.ConnectorUploadTest.sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadException;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * Faults injected into one chunk of a real upload to the local server (connection reset, error
 * envelope, server restart, a changed file, a flipped bit), then the same call run again: it
 * resumes, never re-sends a chunk the server holds, and ends with equal SHA-256.
 */
class UploadFaultTest {

    static final int CHUNKS = 10;
    static final long CHUNK = 4L * MIB;

    @TempDir
    Path temp;
    LocalServer server;
    FaultProxy proxy;
    Path file;

    @BeforeEach
    void start() throws IOException {
        server = startServer();
        proxy = new FaultProxy(server.port());
        file = randomFile(temp.resolve("local/transcripts.parquet"), CHUNKS * CHUNK - 12345);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.close();
    }

    LocalServer startServer() {
        return LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("tok"));
    }

    @Test
    void connectionResetDuringAChunkThenTheSameCallResumes() throws IOException {
        failThenResume(FaultProxy.Fault.RESET, 5, 3);
    }

    @Test
    void errorEnvelopeOnAChunkThenTheSameCallResumes() throws IOException {
        failThenResume(FaultProxy.Fault.ENVELOPE, 3, 2);
    }

    @Test
    void serverRestartBetweenChunksThenTheSameCallResumes() throws IOException {
        proxy.inject(FaultProxy.Fault.CALLBACK, 4, index -> server.close());
        try (SpatialXConnector connector = connect(1, 1)) {
            UploadException error = assertThrows(UploadException.class, () -> upload(connector));
            assertTrue(error.getMessage().contains("Run the same call again to resume"), error.getMessage());
        }
        assertFalse(Files.exists(target()), "nothing half-finished is visible");
        List<Integer> first = proxy.forwardedChunks();
        assertEquals(List.of(0, 1, 2, 3), first);

        server = startServer();
        proxy.upstream(server.port());
        proxy.clearRecord();
        try (SpatialXConnector connector = connect(1, 1)) {
            Map<String, Object> answer = upload(connector);
            assertEquals(sha256(file), answer.get("sha256"));
        }
        assertEquals(List.of(4, 5, 6, 7, 8, 9), proxy.forwardedChunks(), "only the missing chunks are re-sent");
        assertEquals(sha256(file), sha256(target()));
    }

    @Test
    void aFailedChunkIsRetriedWithinTheCall() throws IOException {
        proxy.inject(FaultProxy.Fault.RESET, 2, null);
        try (SpatialXConnector connector = connect(3, 3)) {
            upload(connector);
        }
        assertTrue(proxy.fired());
        List<Integer> sent = new ArrayList<>(proxy.forwardedChunks());
        sent.sort(null);
        assertEquals(IntStream.range(0, CHUNKS).boxed().toList(), sent, "every chunk once, chunk 2 after a retry");
        assertEquals(sha256(file), sha256(target()));
    }

    @Test
    void aFileChangingDuringTheUploadIsAnErrorAndNothingIsMerged() throws IOException {
        for (UploadSettings.Mode mode : List.of(UploadSettings.Mode.WIRE_EXACT, UploadSettings.Mode.AUTO)) {
            proxy.inject(FaultProxy.Fault.CALLBACK, 1, index -> append(file));
            try (SpatialXConnector connector = connect(uploads(1, 1).withMode(mode))) {
                UploadException error = assertThrows(UploadException.class, () -> upload(connector));
                assertTrue(error.getMessage().contains("changed while it was uploaded"), error.getMessage());
                assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            }
            assertFalse(Files.exists(target()), mode + ": nothing half-finished is visible");
        }
    }

    @Test
    void aCorruptedChunkFailsTheSha256CheckAndTheNextCallStartsAfresh() throws IOException {
        proxy.inject(FaultProxy.Fault.CORRUPT, 6, null);
        try (SpatialXConnector connector = connect(2, 1)) {
            UploadException error = assertThrows(UploadException.class, () -> upload(connector));
            assertTrue(error.getMessage().contains("SHA-256"), error.getMessage());
        }
        assertFalse(Files.exists(target()), "a mismatching merge is deleted, never shown as finished");
        proxy.clearRecord();
        try (SpatialXConnector connector = connect(2, 1)) {
            assertEquals(sha256(file), upload(connector).get("sha256"));
        }
        assertEquals(CHUNKS, proxy.forwardedChunks().size(), "a rejected session is not resumed");
        assertEquals(sha256(file), sha256(target()));
    }

    @Test
    void aFileChangedBetweenTwoCallsNeverResumesTheStaleSession() throws IOException {
        proxy.inject(FaultProxy.Fault.ENVELOPE, 6, null);
        try (SpatialXConnector connector = connect(1, 1)) {
            assertThrows(UploadException.class, () -> upload(connector));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), proxy.forwardedChunks());
        randomFile(file.resolveSibling("other"), Files.size(file));
        Files.move(file.resolveSibling("other"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 5000));
        proxy.clearRecord();

        try (SpatialXConnector connector = connect(1, 1)) {
            assertEquals(sha256(file), upload(connector).get("sha256"));
        }
        assertEquals(IntStream.range(0, CHUNKS).boxed().toList(), proxy.forwardedChunks(), "a new session from chunk 0");
        assertEquals(sha256(file), sha256(target()));
    }

    @Test
    void anInterruptedFolderUploadResumesWithoutResendingFinishedFiles() throws IOException {
        Path top = temp.resolve("local/run7");
        randomFile(top.resolve("a.txt"), 100);
        randomFile(top.resolve("b.bin"), 3L * MIB);
        randomFile(top.resolve("c.bin"), 6L * MIB);
        proxy.inject(FaultProxy.Fault.RESET, 4, null); // only c.bin has a chunk 4
        UploadFolderOptions options = new UploadFolderOptions(MIB, false, "", null, false);
        try (SpatialXConnector connector = connect(1, 1)) {
            UploadException error = assertThrows(UploadException.class,
                    () -> connector.uploadFolder(top.toString(), options));
            assertTrue(error.getMessage().contains("c.bin"), error.getMessage());
        }
        Path stored = server.mounts().upload().root().resolve("run7");
        assertFalse(Files.exists(stored), "a folder is visible only after folder_finish");
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 3), proxy.forwardedChunks());
        proxy.clearRecord();

        try (SpatialXConnector connector = connect(1, 1)) {
            connector.uploadFolder(top.toString(), options);
        }
        assertEquals(List.of(4, 5), proxy.forwardedChunks(), "b.bin and the held chunks of c.bin are not re-sent");
        assertEquals(ConnectorUploadTest.digests(top), ConnectorUploadTest.digests(stored));
    }

    private void failThenResume(FaultProxy.Fault fault, int index, int parallel) throws IOException {
        proxy.inject(fault, index, null);
        try (SpatialXConnector connector = connect(parallel, 1)) {
            UploadException error = assertThrows(UploadException.class, () -> upload(connector));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("sending_index " + index), error.getMessage());
        }
        assertTrue(proxy.fired());
        assertFalse(Files.exists(target()), "nothing half-finished is visible");
        Set<Integer> first = new TreeSet<>(proxy.forwardedChunks());
        assertFalse(first.contains(index));
        proxy.clearRecord();

        try (SpatialXConnector connector = connect(parallel, 1)) {
            Map<String, Object> answer = upload(connector);
            assertEquals(sha256(file), answer.get("sha256"));
        }
        List<Integer> second = proxy.forwardedChunks();
        assertEquals(second.size(), new HashSet<>(second).size(), "no chunk sent twice");
        Set<Integer> overlap = new TreeSet<>(second);
        overlap.retainAll(first);
        assertEquals(Set.of(), overlap, "chunks the server held were re-sent");
        Set<Integer> all = new TreeSet<>(first);
        all.addAll(second);
        assertEquals(new TreeSet<>(IntStream.range(0, CHUNKS).boxed().toList()), all);
        assertEquals(sha256(file), sha256(target()));
    }

    private Map<String, Object> upload(SpatialXConnector connector) {
        return connector.uploadBigFile(file.toString(), new UploadBigFileOptions(CHUNK, false, "faults", Map.of(),
                true, false));
    }

    private Path target() {
        return server.mounts().upload().root().resolve("faults").resolve(file.getFileName());
    }

    private SpatialXConnector connect(int parallel, int attempts) {
        return connect(uploads(parallel, attempts));
    }

    private UploadSettings uploads(int parallel, int attempts) {
        return UploadSettings.defaults().withResumeDirectory(temp.resolve("resume"))
                .withParallelChunks(parallel).withRetries(attempts, Duration.ofMillis(10));
    }

    private SpatialXConnector connect(UploadSettings uploads) {
        return new SpatialXConnector(proxy.url(), server.token(), ConnectorOptions.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60)).maxConnectRetries(0)
                .uploads(uploads).build());
    }

    private static void append(Path file) {
        try {
            Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
