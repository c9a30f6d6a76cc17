package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/**
 * The server answered HTTP 200 with an envelope whose {@code status} is not 0 (protocol 1.5,
 * rule 4): an application error. The message contains the whole envelope rendered like
 * {@code format_print}.
 */
public class SpatialXServerException extends SpatialXException {

    private final String url;
    private final Object status;
    private final Object serverMessage;

    /** An application error of {@code url}; {@code message} is already masked. */
    public SpatialXServerException(String message, String url, Object status, Object serverMessage) {
        super(message);
        this.url = url;
        this.status = status;
        this.serverMessage = serverMessage;
    }

    /** The URL that was called. */
    public String url() {
        return url;
    }

    /** The envelope's {@code status} (usually a non-zero integer). */
    public Object status() {
        return status;
    }

    /** The envelope's {@code message}: the server's explanation. */
    public Object serverMessage() {
        return serverMessage;
    }
}
