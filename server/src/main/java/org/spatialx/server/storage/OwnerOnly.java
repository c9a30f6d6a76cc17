package org.spatialx.server.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one mode policy for everything the server writes: files 0600, folders 0700 (owner only), whatever
 * the process's umask or the mode of the folder they are written into. A no-op where the file system has
 * no POSIX permissions.
 */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** {@link Files#createDirectories}, each folder it creates owner-only (existing ones are left as they are). */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER))
                : Files.createDirectories(dir);
    }

    /** Creates an empty file readable and writable by the owner only. */
    public static Path createFile(Path file) throws IOException {
        return POSIX ? Files.createFile(file, fileAttribute()) : Files.createFile(file);
    }

    /** The attribute that creates a file owner-only (for {@link Files#createTempFile} and the like). */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {fileAttribute()} : new FileAttribute<?>[0];
    }

    private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    /** Makes an existing file (0600) or folder (0700) owner-only; a symbolic link is left alone. */
    public static void restrict(Path path) throws IOException {
        if (POSIX && !Files.isSymbolicLink(path)) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
        }
    }

    /**
     * {@link #restrict}s a folder and everything in it (links are not followed): for trees that code
     * outside the server writes with the process's defaults, such as a sample store's Zarr and Parquet files.
     * Entries that vanish during the walk are passed over: another job writing into the same sample store
     * renames its hidden temporary folders into place meanwhile (and restricts its own elements itself).
     */
    public static void restrictTree(Path root) throws IOException {
        if (!POSIX) {
            return;
        }
        restrict(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                return restrictUnlessGone(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                return restrictUnlessGone(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static FileVisitResult restrictUnlessGone(Path path) throws IOException {
        try {
            restrict(path);
        } catch (NoSuchFileException gone) {
            // renamed or removed by its writer since the walk listed it
        }
        return FileVisitResult.CONTINUE;
    }
}
