package org.spatialx.api;

/**
 * Root of every error this project raises, in every module: the connector's transport and input
 * errors, detection failures, the local server's envelope errors and the shell's argument errors.
 * Each message says what failed and what to do about it; none contains the token or a password.
 * Callers that want "anything SpatialX said no to" catch this one type.
 */
public class SpatialXException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message saying what failed and what to do. */
    public SpatialXException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}; the cause's message is not trusted to be secret-free. */
    public SpatialXException(String message, Throwable cause) {
        super(message, cause);
    }
}
