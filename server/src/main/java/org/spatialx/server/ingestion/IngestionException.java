package org.spatialx.server.ingestion;

/** A step of an ingestion failed; the message names the step, the file and the reason. */
final class IngestionException extends Exception {

    private static final long serialVersionUID = 1L;

    IngestionException(String message, Throwable cause) {
        super(message, cause);
    }
}
