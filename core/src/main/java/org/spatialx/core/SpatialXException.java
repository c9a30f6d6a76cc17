package org.spatialx.core;

/**
 * Root of every error the SpatialX connector raises. Each message says what failed and what to
 * do about it; none contains the token or a password.
 */
public class SpatialXException extends RuntimeException {

    /** An error with a message saying what failed and what to do. */
    public SpatialXException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}; the cause's message is not trusted to be secret-free. */
    public SpatialXException(String message, Throwable cause) {
        super(message, cause);
    }
}
