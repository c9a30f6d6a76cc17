package org.spatialx.server.upload;

import org.spatialx.api.SpatialXException;

/**
 * An upload request the store refuses: its {@link Kind} says why (the HTTP adapter answers each kind
 * with its envelope status), the message what was wrong and what to do.
 */
public final class UploadException extends SpatialXException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Kind {
        /** A field is missing, malformed or disagrees with another one. */
        INVALID,
        /** The session or the file the request names does not exist. */
        NOT_FOUND,
        /** The request does not fit what the session already holds. */
        CONFLICT
    }

    private final Kind kind;

    private UploadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static UploadException invalid(String message) {
        return new UploadException(Kind.INVALID, message);
    }

    static UploadException notFound(String message) {
        return new UploadException(Kind.NOT_FOUND, message);
    }

    static UploadException conflict(String message) {
        return new UploadException(Kind.CONFLICT, message);
    }

    /** Why the request was refused. */
    public Kind kind() {
        return kind;
    }
}
