package org.spatialx.server.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.storage.Mounts;
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
        assertKind(UploadException.Kind.INVALID, () -> uploads.open("../elsewhere", ""));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.staging(session, target, uploads.layout(2, 10)));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.merge(session, target, 3, null, true)); // no chunk yet
        assertKind(UploadException.Kind.INVALID, () -> uploads.merge(session, target, 2, null, true)); // total
        assertKind(UploadException.Kind.NOT_FOUND, () -> uploads.merge(session, uploads.target("", "d.bin"), 1, null,
                true));
        assertKind(UploadException.Kind.CONFLICT, () -> uploads.finish(session, "", uploads.folder("")));
        assertTrue(uploads.find("../elsewhere").isEmpty());
        assertTrue(uploads.find("never-started").isEmpty());
    }

    private static void assertKind(UploadException.Kind kind, Executable call) {
        assertEquals(kind, assertThrows(UploadException.class, call).kind());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
