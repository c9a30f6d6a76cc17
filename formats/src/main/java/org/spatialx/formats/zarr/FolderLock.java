package org.spatialx.formats.zarr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serialises read-modify-write updates of a folder's metadata ({@code .zattrs}) across threads and
 * processes with an OS lock on a {@code .lock} file in the folder (ignored by zarr readers).
 */
public final class FolderLock {

    private static final long TIMEOUT_MILLIS = 120_000;

    private FolderLock() {
    }

    /** Work done while holding the lock. */
    @FunctionalInterface
    public interface Work {
        /** Does the update. */
        void run() throws IOException;
    }

    /** Runs {@code work} holding the lock of {@code folder}; I/O failures become a {@link ZarrException}. */
    public static void run(Path folder, Work work) {
        try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            FileLock lock = null;
            while (lock == null) {
                try {
                    lock = channel.lock();
                } catch (OverlappingFileLockException e) { // another thread of this JVM holds it
                    if (System.currentTimeMillis() > deadline) {
                        throw new ZarrException(folder + " stayed locked by another writer for "
                                + TIMEOUT_MILLIS / 1000 + " s");
                    }
                    Thread.sleep(5);
                }
            }
            try {
                work.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new ZarrException("Cannot update " + folder + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZarrException("Interrupted while waiting for the lock of " + folder, e);
        }
    }
}
