package org.spatialx.core.testing;

import java.time.Duration;

/**
 * An answer the {@link RecordingHttpServer} gives.
 *
 * @param status      HTTP status
 * @param body        body text
 * @param contentType Content-Type header
 * @param delay       time to wait before answering (for timeout tests)
 * @param location    the Location header of a redirect, or null
 */
public record ScriptedResponse(int status, String body, String contentType, Duration delay, String location) {

    public ScriptedResponse(int status, String body, String contentType, Duration delay) {
        this(status, body, contentType, delay, null);
    }

    /** A redirect ({@code 301}, {@code 302}, {@code 303}, {@code 307}, {@code 308}) to {@code location}. */
    public static ScriptedResponse redirect(int status, String location) {
        return new ScriptedResponse(status, "", "text/plain; charset=utf-8", Duration.ZERO, location);
    }

    /** HTTP 200 with a JSON body. */
    public static ScriptedResponse json(String body) {
        return new ScriptedResponse(200, body, "application/json", Duration.ZERO);
    }

    /** HTTP 200 with the SpatialX envelope {@code {"status": 0, "message": <payloadJson>}}. */
    public static ScriptedResponse ok(String payloadJson) {
        return json("{\"status\": 0, \"message\": " + payloadJson + "}");
    }

    /** HTTP 200 with a plain-text body (a log file). */
    public static ScriptedResponse text(String body) {
        return new ScriptedResponse(200, body, "text/plain; charset=utf-8", Duration.ZERO);
    }

    /** Another HTTP status with a text body. */
    public static ScriptedResponse status(int status, String body) {
        return new ScriptedResponse(status, body, "text/plain; charset=utf-8", Duration.ZERO);
    }

    /** This answer given after {@code wait}. */
    public ScriptedResponse delayed(Duration wait) {
        return new ScriptedResponse(status, body, contentType, wait, location);
    }
}
