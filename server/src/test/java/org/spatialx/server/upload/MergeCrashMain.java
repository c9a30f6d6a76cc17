package org.spatialx.server.upload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.upload.ChunkLayout.Chunk;

/**
 * Test helper run in a child JVM by {@code CrashSecurityTest}: stages {@link #content()} in three chunks in the
 * upload store of a server home, prints {@code SESSION <id> <target>}, then merges it and stops dead (as
 * {@code kill -9} would: no shutdown hook, no cleanup) right after the rename ({@code after}) or right before it
 * ({@code before}).
 */
public final class MergeCrashMain {

    private MergeCrashMain() {
    }

    /** The file the child uploads: 3 000 seeded bytes. */
    public static byte[] content() {
        byte[] bytes = new byte[3_000];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        boolean afterRename = args[1].equals("after");
        Database database = Database.open(home.resolve("spatialx.db"));
        UploadSessions uploads = new UploadSessions(database, Mounts.create(home, Map.of()),
                Files.createDirectories(home.resolve("upload-sessions")), 1 << 20, Clock.systemUTC(),
                (source, target) -> {
                    if (afterRename) {
                        AtomicFiles.publish(source, target);
                    }
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                });
        byte[] content = content();
        UploadSession session = uploads.create("");
        UploadTarget target = uploads.target("", "crash.bin");
        ChunkLayout layout = uploads.layout(1_000, content.length);
        StagedFile staged = uploads.staging(session, target, layout);
        for (long index = 0; index < layout.count(); index++) {
            Chunk chunk = layout.chunk(index, target.name());
            Path part = Files.write(home.resolve("part-" + index),
                    Arrays.copyOfRange(content, (int) chunk.start(), (int) chunk.end()));
            uploads.receive(session, staged, chunk, new ChunkBytes.InTemporaryFile(part, null), null);
            Files.delete(part);
        }
        System.out.println("SESSION " + session.id() + " " + target.path());
        System.out.flush();
        uploads.merge(session, target, layout.count(), null, true);
        throw new IllegalStateException("the merge returned instead of stopping the process");
    }
}
