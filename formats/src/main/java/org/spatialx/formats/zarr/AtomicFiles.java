package org.spatialx.formats.zarr;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Writes that a reader never sees half done: a file or a folder is written beside its destination
 * under a hidden temporary name and renamed into place. Readers of zarr ignore names starting with a dot.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target}, replacing it atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = temporarySibling(target);
        try {
            Files.write(temporary, bytes);
            move(temporary, target, true);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A hidden, unused name in {@code target}'s folder ({@code .name.tmp-<random>}). */
    public static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    }

    /**
     * Renames {@code source} to {@code target} in one step. A folder is never merged into an existing
     * one: with {@code replace} false an existing target fails the move.
     */
    public static void move(Path source, Path target, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target + " cannot rename atomically; SpatialX storage "
                    + "needs a local POSIX file system", e);
        }
    }

    /** Deletes a file or a folder tree; missing is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree after a failure, adding any problem to {@code failure} instead of hiding it. */
    public static void deleteQuietly(Path root, Throwable failure) {
        try {
            deleteTree(root);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
