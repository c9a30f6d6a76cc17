package org.spatialx.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void posix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "owner-only modes are POSIX permissions; this file system has none");
    }

    @Test
    void restrictTreeMakesEveryFolderAndFileOwnerOnly() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store/points/PT-1"));
        Path chunk = Files.writeString(store.resolve("0"), "x");
        Files.setPosixFilePermissions(chunk, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.restrictTree(dir.resolve("store"));

        assertEquals("rw-------", mode(chunk));
        assertEquals("rwx------", mode(store));
        assertEquals("rwx------", mode(dir.resolve("store/points")));
        assertThrows(NoSuchFileException.class, () -> OwnerOnly.restrictTree(dir.resolve("absent")));
    }

    /**
     * Two ingestions into one sample store: while one walks the store, the other writes elements into hidden
     * temporary folders and renames them into place, so entries the walk listed are gone when it reaches them.
     */
    @Test
    void restrictTreeWalksPastEntriesAnotherWriterRenamesAway() throws Exception {
        Path points = Files.createDirectories(dir.resolve("store/points"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    Path hidden = Files.createDirectories(points.resolve(".PT-" + i + ".tmp-w/sub"));
                    for (int f = 0; f < 8; f++) {
                        Files.writeString(hidden.resolve("c" + f), "x");
                    }
                    Files.writeString(hidden.getParent().resolve(".zgroup"), "{}");
                    Files.move(hidden.getParent(), points.resolve("PT-" + i), StandardCopyOption.ATOMIC_MOVE);
                    if (i >= 4) { // a few elements at a time, as a store has: removed ones vanish mid-walk too
                        deleteTree(points.resolve("PT-" + (i - 4)));
                    }
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        });
        writer.start();
        try {
            for (int walk = 0; walk < 300; walk++) {
                OwnerOnly.restrictTree(dir.resolve("store"));
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(null, writerFailure.get());
        OwnerOnly.restrictTree(dir.resolve("store"));
        try (var tree = Files.walk(dir.resolve("store"))) {
            tree.forEach(p -> assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode(p), p.toString()));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
