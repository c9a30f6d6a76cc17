package org.spatialx.server.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.storage.StorageException;
import org.spatialx.server.store.Database;
import org.spatialx.server.upload.ChunkLayout.Chunk;

/** The upload store on its own, without HTTP: sessions, staged chunks, publishing, and its typed refusals. */
class UploadSessionsTest {

    @TempDir
    Path home;
    Database database;
    UploadSessions uploads;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(home.resolve("spatialx.db"));
        Path sessions = Files.createDirectories(home.resolve("upload-sessions"));
        uploads = new UploadSessions(database, Mounts.create(home, Map.of()), sessions, 4, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void chunksArriveInAnyOrderAndTheFileAppearsOnlyAtMerge() throws Exception {
        byte[] content = "0123456789".getBytes(StandardCharsets.UTF_8);
        UploadSession session = uploads.create("runs");
        UploadTarget target = uploads.target("runs", "a.bin");
        ChunkLayout layout = uploads.layout(4, content.length);
        StagedFile staged = uploads.staging(session, target, layout);
        for (long index : List.of(2L, 0L, 1L)) {
            Chunk chunk = layout.chunk(index, target.name());
            Path part = Files.write(home.resolve("part-" + index),
                    Arrays.copyOfRange(content, (int) chunk.start(), (int) chunk.end()));
            assertFalse(Files.exists(target.path()), "visible before merge");
            uploads.receive(session, staged, chunk, new ChunkBytes.InTemporaryFile(part, null), null);
        }
        assertEquals(List.of(), staged.missing());

        StoredFile merged = uploads.merge(session, target, 3, sha256(content), true);

        assertArrayEquals(content, Files.readAllBytes(target.path()));
        assertEquals(new StoredFile(target.path().toString(), 10, sha256(content)), merged);
        assertTrue(uploads.find(session.id()).isEmpty(), "the session closes once nothing waits in it");
    }

    @Test
    void theFilesOfAFolderUploadWaitInTheSessionUntilItIsFinished() throws Exception {
        UploadSession session = uploads.create("folder");
        UploadTarget second = uploads.target("folder/sub", "b.txt");
        UploadTarget first = uploads.target("folder", "a.txt");
        uploads.addToFolder(session, Files.writeString(home.resolve("b"), "bb"), second, 2, sha256("bb".getBytes()));
        uploads.addToFolder(session, Files.writeString(home.resolve("a"), "a"), first, 1, sha256("a".getBytes()));
        assertFalse(Files.exists(first.path()) || Files.exists(second.path()), "visible before folder_finish");

        List<StoredFile> files = uploads.finish(session, "folder", uploads.folder("folder"));

        assertEquals(List.of(first.path().toString(), second.path().toString()),
                files.stream().map(StoredFile::path).toList());
        assertEquals("bb", Files.readString(second.path()));
        assertTrue(uploads.find(session.id()).isEmpty());
    }

    @Test
    void refusalsSayWhyByTheirKind() throws Exception {
        UploadSession session = uploads.create("");
        UploadTarget target = uploads.target("", "c.bin");
        ChunkLayout layout = uploads.layout(4, 10);
        uploads.staging(session, target, layout);

        assertKind(UploadException.Kind.INVALID, () -> uploads.layout(5, 10)); // larger than the largest chunk
        assertKind(UploadException.Kind.INVALID, () -> layout.chunk(3, "c.bin"));
        assertKind(UploadException.Kind.INVALID, () -> uploads.target("", ".."));
        assertKind(UploadException.Kind.NOT_FOUND, () -> uploads.require("../elsewhere"));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.staging(session, target, uploads.layout(2, 10)));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.merge(session, target, 3, null, true)); // no chunk yet
        assertKind(UploadException.Kind.INVALID, () -> uploads.merge(session, target, 2, null, true)); // total
        assertKind(UploadException.Kind.NOT_FOUND, () -> uploads.merge(session, uploads.target("", "d.bin"), 1, null,
                true));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.finish(session, "", uploads.folder("")));
        assertTrue(uploads.find("../elsewhere").isEmpty());
        assertTrue(uploads.find("never-started").isEmpty());
        assertTrue(uploads.find("0123456789abcdef0123456789abcdef").isEmpty(), "an id the server never issued");
    }

    @Test
    void aMergeWhosePublishingFailsKeepsTheReceivedChunks() throws Exception {
        byte[] content = TEN;
        for (IOException failure : List.of(new AccessDeniedException(home.resolve("Upload").toString()),
                new FileSystemException(home.resolve("Upload/a.bin").toString(), null, "No space left on device"))) {
            AtomicInteger attempts = new AtomicInteger();
            UploadSessions failing = new UploadSessions(database, Mounts.create(home, Map.of()),
                    home.resolve("upload-sessions"), 4, Clock.systemUTC(), (source, target) -> {
                        if (attempts.getAndIncrement() == 0) {
                            throw failure;
                        }
                        AtomicFiles.publish(source, target);
                    });
            Staged ten = stageTen(failing);
            UploadSession session = ten.session();
            UploadTarget target = ten.target();

            StorageException refused = assertThrows(StorageException.class,
                    () -> failing.merge(session, target, 3, sha256(content), true));
            assertTrue(refused.getMessage().contains(failure instanceof AccessDeniedException ? "permission denied on "
                    + home.resolve("Upload") : "disk full"), refused.getMessage());
            assertTrue(refused.getMessage().contains("received chunk(s) are kept"), refused.getMessage());
            assertFalse(Files.exists(target.path()));
            assertEquals(List.of(), failing.staged(session, target).orElseThrow().missing(), "the chunks are kept");

            assertEquals(10, failing.merge(session, target, 3, sha256(content), true).size()); // once fixed
            assertArrayEquals(content, Files.readAllBytes(target.path()));
            Files.delete(target.path());
        }
    }

    @Test
    void receivedChunksWhoseStagingFileIsGoneAreNeverPublished() throws Exception {
        // what a crash between a merge's rename and its cleanup left, before merges wrote a marker
        Staged ten = stageTen(uploads);
        Files.move(ten.file().data(), ten.target().path()); // the rename happened, the cleanup did not
        UploadSessions restarted = new UploadSessions(database, Mounts.create(home, Map.of()),
                home.resolve("upload-sessions"), 4, Clock.systemUTC());

        UploadException refused = assertThrows(UploadException.class, () -> restarted.merge(ten.session(),
                ten.target(), 3, null, true)); // the Python client's merge: no sha256
        assertEquals(UploadException.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("missing chunks 0-2"), refused.getMessage());
        assertArrayEquals(TEN, Files.readAllBytes(ten.target().path()), "the published file was overwritten");
    }

    @Test
    void aChunkBegunAfterTheMergeIsRefused() throws Exception {
        Staged ten = stageTen(uploads);
        assertEquals(sha256(TEN), uploads.merge(ten.session(), ten.target(), 3, null, true).sha256());
        assertKind(UploadException.Kind.CONFLICT, () -> ten.file().begin(1));
        assertArrayEquals(TEN, Files.readAllBytes(ten.target().path()));
    }

    @Test
    void aDuplicateStillStreamingWhenTheFileIsMergedCannotWriteIntoIt() throws Exception {
        Staged ten = stageTen(uploads);
        StagedFile.ChunkWriter slow = ten.file().begin(1); // a duplicate of chunk 1, streaming slowly
        slow.write("XX".getBytes(StandardCharsets.UTF_8), 0, 2);
        Chunk chunk1 = uploads.layout(4, 10).chunk(1, "a.bin"); // meanwhile chunk 1 was re-sent and arrived whole
        uploads.receive(ten.session(), ten.file(), chunk1, new ChunkBytes.InTemporaryFile(Files.write(
                home.resolve("again"), Arrays.copyOfRange(TEN, 4, 8)), null), null);

        assertEquals(sha256(TEN), uploads.merge(ten.session(), ten.target(), 3, sha256(TEN), true).sha256());
        slow.write("YY".getBytes(StandardCharsets.UTF_8), 0, 2); // the rest of the duplicate, after the merge

        assertKind(UploadException.Kind.CONFLICT, slow::commit);
        slow.close();
        assertArrayEquals(TEN, Files.readAllBytes(ten.target().path()), "a late chunk wrote into the published file");
    }

    @Test
    void aFileNameWithATabStaysInTheFolderUploadsList() throws Exception {
        UploadSession session = uploads.create("folder");
        UploadTarget tabbed = uploads.target("folder", "a\tb.txt");
        uploads.addToFolder(session, Files.writeString(home.resolve("t"), "t"), tabbed, 1, sha256("t".getBytes()));

        List<StoredFile> files = uploads.finish(session, "folder", uploads.folder("folder"));

        assertEquals(List.of(tabbed.path().toString()), files.stream().map(StoredFile::path).toList());
        assertEquals("t", Files.readString(tabbed.path()));
    }

    @Test
    void missingChunksAreNamedAsRangesAndTheirCostDoesNotGrowWithTheChunkCount() throws Exception {
        UploadSessions big = new UploadSessions(database, Mounts.create(home, Map.of()), home.resolve("upload-sessions"),
                1L << 30, Clock.systemUTC());
        assertKind(UploadException.Kind.INVALID, () -> big.layout(1, 100_000_000_000L)); // 1e11 chunks
        assertKind(UploadException.Kind.INVALID, () -> big.layout(1 << 20, Long.MAX_VALUE));
        assertKind(UploadException.Kind.INVALID, () -> big.layout(1 << 20, 1_000_000_000_000_000_000L));
        ChunkLayout layout = big.layout(10, 1_000_000); // 100 000 chunks: the most one file may have
        UploadSession session = big.create("");
        UploadTarget target = big.target("", "many.bin");
        StagedFile staged = big.staging(session, target, layout);
        for (long index : List.of(0L, 5L, 6L, 99_999L)) {
            Chunk chunk = layout.chunk(index, "many.bin");
            big.receive(session, staged, chunk, new ChunkBytes.InTemporaryFile(Files.write(home.resolve("c" + index),
                    new byte[(int) chunk.length()]), null), null);
        }
        assertKind(UploadException.Kind.INVALID, () -> big.merge(session, target, 100_000_000_000L, null, true));
        UploadException missing = assertThrows(UploadException.class, () -> big.merge(session, target, 100_000, null,
                true));
        assertEquals("missing chunks 1-4, 7-99998 of many.bin; re-send them and merge again.", missing.getMessage());
    }

    private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.UTF_8);

    /** A file staged whole: its session, target and staging. */
    private record Staged(UploadSession session, UploadTarget target, StagedFile file) {
    }

    /** {@link #TEN} staged whole in a new session of {@code store}, going to {@code a.bin}, in chunks of 4. */
    private Staged stageTen(UploadSessions store) throws IOException {
        UploadSession session = store.create("");
        UploadTarget target = store.target("", "a.bin");
        return new Staged(session, target, stageAll(store, session, target, TEN));
    }

    private StagedFile stageAll(UploadSessions store, UploadSession session, UploadTarget target, byte[] content)
            throws IOException {
        ChunkLayout layout = store.layout(4, content.length);
        StagedFile staged = store.staging(session, target, layout);
        for (long index = 0; index < layout.count(); index++) {
            Chunk chunk = layout.chunk(index, target.name());
            Path part = Files.write(home.resolve("part-" + index),
                    Arrays.copyOfRange(content, (int) chunk.start(), (int) chunk.end()));
            store.receive(session, staged, chunk, new ChunkBytes.InTemporaryFile(part, null), null);
        }
        return staged;
    }

    private static void assertKind(UploadException.Kind kind, Executable call) {
        assertEquals(kind, assertThrows(UploadException.class, call).kind());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
