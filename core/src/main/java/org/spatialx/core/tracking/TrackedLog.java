package org.spatialx.core.tracking;

import java.util.List;

/**
 * The result of following one server log (protocol 4.6).
 *
 * @param logPath the server path of the log
 * @param outcome how the tracking ended
 * @param lines   every line read, in order
 */
public record TrackedLog(String logPath, TrackingOutcome outcome, List<String> lines) {

    /** Copies the lines. */
    public TrackedLog {
        lines = List.copyOf(lines);
    }
}
