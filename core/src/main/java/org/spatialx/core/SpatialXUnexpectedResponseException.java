package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/**
 * The server answered successfully but not with what the call needs: text or malformed JSON
 * where an object was expected, a missing documented field, a field of the wrong type.
 */
public class SpatialXUnexpectedResponseException extends SpatialXException {

    /** An unusable answer; {@code message} is already masked. */
    public SpatialXUnexpectedResponseException(String message) {
        super(message);
    }

    /** An unusable answer detected through {@code cause}. */
    public SpatialXUnexpectedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
