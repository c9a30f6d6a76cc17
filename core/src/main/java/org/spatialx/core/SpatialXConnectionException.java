package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/**
 * The request could not reach the server or the exchange broke off: connection refused, unknown
 * host, TLS certificate not trusted, connection reset (after the bounded connection retries).
 */
public class SpatialXConnectionException extends SpatialXException {

    /** A transport failure; {@code message} is already masked. */
    public SpatialXConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
