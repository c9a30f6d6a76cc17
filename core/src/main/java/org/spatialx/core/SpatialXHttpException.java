package org.spatialx.core;

import org.spatialx.api.SpatialXException;

/**
 * The server answered with an HTTP status of 400 or more (protocol 1.5, rule 1). The message is
 * the Python connector's {@code Call request to <url> failed with status code <code>, response <body>}
 * followed by a hint.
 */
public class SpatialXHttpException extends SpatialXException {

    private final String url;
    private final int statusCode;
    private final String responseBody;

    /** An HTTP failure of {@code url}; {@code message} and {@code responseBody} are already masked. */
    public SpatialXHttpException(String message, String url, int statusCode, String responseBody) {
        super(message);
        this.url = url;
        this.statusCode = statusCode;
        this.responseBody = responseBody;
    }

    /** The URL that failed (without credentials). */
    public String url() {
        return url;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The response body text, with any secret masked. */
    public String responseBody() {
        return responseBody;
    }
}
