package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/** An argument given to the connector is unusable (an invalid domain, an empty token, NaN in JSON...). */
public class SpatialXInvalidInputException extends SpatialXException {

    /** An invalid argument, with what to give instead. */
    public SpatialXInvalidInputException(String message) {
        super(message);
    }

    /** An invalid argument detected through {@code cause}. */
    public SpatialXInvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
