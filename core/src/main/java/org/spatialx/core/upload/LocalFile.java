package org.spatialx.core.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.spatialx.core.SpatialXInvalidInputException;

/**
 * A local file about to be uploaded, as it was when the upload started: its absolute path, size
 * and modification time (to notice a file that changes while it is read).
 *
 * @param given          the path as the caller gave it (shown in Python's debug lines)
 * @param path           absolute, normalised path
 * @param size           size in bytes
 * @param modifiedMillis last modification time
 */
record LocalFile(Path given, Path path, long size, long modifiedMillis) {

    private static final int HASH_BUFFER = 1 << 20;

    /**
     * Checks that {@code given} is a readable regular file (Python: {@code Invalid file: <path>}).
     *
     * @throws SpatialXInvalidInputException naming the file and what to do
     */
    static LocalFile open(Path given) {
        Path path = given.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SpatialXInvalidInputException("Invalid file: " + given + " does not exist (looked at " + path
                    + "). Check the path; relative paths start at " + Path.of("").toAbsolutePath() + ".");
        }
        if (Files.isDirectory(path)) {
            throw new SpatialXInvalidInputException("Invalid file: " + path + " is a directory. Upload folders with"
                    + " upload_folder.");
        }
        if (!Files.isRegularFile(path)) {
            throw new SpatialXInvalidInputException("Invalid file: " + path + " is not a regular file (a device, pipe"
                    + " or socket). Copy its content into a file first.");
        }
        if (!Files.isReadable(path)) {
            throw new SpatialXInvalidInputException("Invalid file: " + path + " cannot be read (permission denied)."
                    + " Give your user read permission on it (e.g. chmod u+r).");
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new LocalFile(given, path, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new SpatialXInvalidInputException("Invalid file: cannot read the attributes of " + path + " ("
                    + e.getMessage() + "). Check that it exists and is readable.", e);
        }
    }

    /** The base name sent as {@code name} and as the filename of {@code upload/simple}. */
    String name() {
        return path.getFileName().toString();
    }

    /**
     * Fails when the file is no longer as it was when the upload started.
     *
     * @throws UploadException naming the file and what to do
     */
    void requireUnchanged(String what) {
        LocalFile now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            now = new LocalFile(given, path, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UploadException(path + " disappeared or became unreadable while it was uploaded (" + e
                    .getMessage() + "); " + what + ". Restore the file and run the upload again.", e);
        }
        if (now.size != size || now.modifiedMillis != modifiedMillis) {
            throw new UploadException(path + " changed while it was uploaded (size " + size + " -> " + now.size
                    + " bytes, modified " + modifiedMillis + " -> " + now.modifiedMillis + " ms); " + what
                    + ". Wait until whatever writes it has finished, then run the upload again.");
        }
    }

    /**
     * SHA-256 of the file read front to back.
     *
     * @throws UploadException when it cannot be read, or its size changed
     */
    String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
        long read = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                read += n;
            }
        } catch (IOException e) {
            throw new UploadException("Cannot read " + path + " (" + e.getMessage() + "); check that it still"
                    + " exists and is readable, then run the upload again.", e);
        }
        if (read != size) {
            throw new UploadException(path + " changed while it was uploaded (" + read + " bytes read, "
                    + size + " expected); nothing was merged. Wait until whatever writes it has finished, then"
                    + " run the upload again.");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Fails unless the server's SHA-256 of the stored file is {@code localSha}.
     *
     * @param call the call that answered {@code serverSha}
     * @throws UploadException naming both checksums and what to do
     */
    void requireSameSha256(String localSha, String serverSha, String call) {
        if (!localSha.equalsIgnoreCase(serverSha)) {
            throw new UploadException("Integrity check failed for " + path + ": " + call + " answered SHA-256 '"
                    + serverSha + "' but the file read here has " + localSha + ". Upload the file again; if it keeps"
                    + " failing, check the disk and the network path to the server.");
        }
    }
}
