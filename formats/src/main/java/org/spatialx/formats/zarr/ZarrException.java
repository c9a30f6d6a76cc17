package org.spatialx.formats.zarr;

import org.spatialx.api.SpatialXException;

/** A zarr store that cannot be read or written as asked: missing key, unsupported encoding, I/O failure. */
public class ZarrException extends SpatialXException {

    /** An error with its explanation. */
    public ZarrException(String message) {
        super(message);
    }

    /** An error caused by {@code cause} (usually an I/O failure). */
    public ZarrException(String message, Throwable cause) {
        super(message, cause);
    }
}
