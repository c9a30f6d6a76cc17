package org.spatialx.core.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.spatialx.core.SpatialXInvalidInputException;

/**
 * A local file about to be uploaded, as it was when the upload started: its absolute path, size
 * and modification time (to notice a file that changes while it is read).
 *
 * @param path           absolute, normalised path
 * @param size           size in bytes
 * @param modifiedMillis last modification time
 */
record LocalFile(Path path, long size, long modifiedMillis) {

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
        return snapshot(path);
    }

    /** The file's current size and modification time. */
    static LocalFile snapshot(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new LocalFile(path, attributes.size(), attributes.lastModifiedTime().toMillis());
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
            now = new LocalFile(path, attributes.size(), attributes.lastModifiedTime().toMillis());
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
}
