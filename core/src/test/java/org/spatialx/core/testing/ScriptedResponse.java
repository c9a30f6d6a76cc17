package org.spatialx.core.testing;

import java.time.Duration;

/**
 * An answer the {@link RecordingHttpServer} gives.
 *
 * @param status      HTTP status
 * @param body        body text
 * @param contentType Content-Type header
 * @param delay       time to wait before answering (for timeout tests)
 */
public record ScriptedResponse(int status, String body, String contentType, Duration delay) {

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
        return new ScriptedResponse(status, body, contentType, wait);
    }
}
