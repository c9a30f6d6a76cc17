package org.spatialx.server.http;

import java.nio.file.Path;

/**
 * A file part of a multipart request, already streamed to a hidden temporary file.
 *
 * @param field    the part name (the protocol always uses {@code file})
 * @param fileName the filename the client gave (for chunks the literal {@code file}, protocol 11.4)
 * @param content  the temporary file holding the bytes; moved away by the handler that keeps it
 * @param size     number of bytes
 * @param sha256   lower-case hex SHA-256 of the bytes, computed while receiving
 */
public record FilePart(String field, String fileName, Path content, long size, String sha256) {
}
