package org.spatialx.core.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A byte range of a local file, streamed as the content of a multipart file part without being
 * loaded into memory (the block of a chunked upload, protocol 3.4).
 *
 * @param path   the local file
 * @param offset first byte to send
 * @param length number of bytes to send
 */
public record FileRegion(Path path, long offset, long length) {

    /** Validates the range. */
    public FileRegion {
        Objects.requireNonNull(path, "path");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("File region of " + path + " needs offset >= 0 and length >= 0, got "
                    + offset + " and " + length);
        }
    }
}
