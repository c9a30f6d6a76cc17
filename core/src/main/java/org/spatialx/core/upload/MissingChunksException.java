package org.spatialx.core.upload;

/**
 * The server refused to merge a file because some of its chunks never arrived (a status-409
 * envelope, docs/protocol-extensions.md section 4). The chunks it holds stay on the server: running
 * the same upload again sends only the missing ones.
 */
public final class MissingChunksException extends UploadException {

    /** A merge refused for missing chunks, caused by the server's answer. */
    public MissingChunksException(String message, Throwable cause) {
        super(message, cause);
    }
}
