package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/** Connecting to the server or waiting for its answer took longer than the configured timeout. */
public class SpatialXTimeoutException extends SpatialXException {

    /** A timeout; {@code message} is already masked. */
    public SpatialXTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
