package org.spatialx.server.http;

import org.spatialx.api.SpatialXException;

/**
 * An application error answered as the protocol's error envelope (HTTP 200,
 * {@code {"status": code, "message": text}}, protocol 1.5). The message says what was wrong and
 * what to do; it never contains a secret.
 */
public class ApiException extends SpatialXException {

    private static final long serialVersionUID = 1L;

    /** Envelope status for invalid input. */
    public static final int BAD_REQUEST = 400;
    /** Envelope status for a file or folder the server's user may not read or write ("permission denied"). */
    public static final int FORBIDDEN = 403;
    /** Envelope status for an unknown id or path. */
    public static final int NOT_FOUND = 404;
    /** Envelope status for a request that conflicts with the current state. */
    public static final int CONFLICT = 409;
    /** Envelope status for an unexpected server failure. */
    public static final int INTERNAL = 500;
    /** Envelope status for a protocol endpoint this server does not serve (yet). */
    public static final int NOT_IMPLEMENTED = 501;
    /** Envelope status for a write refused because the disk (or the database on it) is full. */
    public static final int INSUFFICIENT_STORAGE = 507;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The envelope's non-zero {@code status}. */
    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(NOT_FOUND, message);
    }
}
