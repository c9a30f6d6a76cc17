package org.spatialx.core.upload;

import org.spatialx.api.SpatialXException;

/**
 * An upload could not be finished: a chunk kept failing, the file changed while it was read, or the
 * server's SHA-256 differs from the one read locally. The message names the file and what to do;
 * nothing of the failed file is visible at its final place on the server.
 */
public class UploadException extends SpatialXException {

    /** An upload failure, with what to do next. */
    public UploadException(String message) {
        super(message);
    }

    /** An upload failure caused by {@code cause}. */
    public UploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
