package org.spatialx.server.http;

import java.nio.file.Path;

/**
 * A file part of a multipart request, streamed either to a hidden temporary file or to the route's
 * {@link PartReceiver}.
 *
 * @param field    the part name (the protocol always uses {@code file})
 * @param fileName the filename the client gave (for chunks the literal {@code file}, protocol 11.4)
 * @param content  the temporary file holding the bytes (moved away by the handler that keeps it); null when
 *                 a {@link PartReceiver} took them
 * @param size     number of bytes
 * @param sha256   lower-case hex SHA-256 of the bytes, computed while receiving; null for a part given to a
 *                 {@link PartReceiver} when no {@code sha256} text field came before it
 * @param receiver the route's receiver that took the bytes, or null
 */
public record FilePart(String field, String fileName, Path content, long size, String sha256, PartReceiver receiver) {

    /** A part held in a temporary file. */
    public FilePart(String field, String fileName, Path content, long size, String sha256) {
        this(field, fileName, content, size, sha256, null);
    }
}
