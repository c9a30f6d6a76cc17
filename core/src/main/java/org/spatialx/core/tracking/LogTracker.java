package org.spatialx.core.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * Follows a server log through the UCC gateway until it reports {@code DONE.} or
 * {@code maximum retry limit}, printing each new line once (Python {@code tracking_log},
 * protocol 4.6). {@code maxTime} is a time limit only (11.12 F); a log that does not exist yet
 * (HTTP 404) is polled again. Analyses use it with 60 s. What is shown while it follows a log is
 * its {@link TrackingListener}'s choice (by default every new line, printed).
 */
public final class LogTracker {

    /** Text that ends a log successfully. */
    public static final String DONE_MARKER = "DONE.";
    /** Text that ends a log after the server gave up. */
    public static final String RETRY_LIMIT_MARKER = "maximum retry limit";
    /** How many trailing characters are searched for the markers. */
    public static final int TAIL_LENGTH = 1000;

    private final SpatialXTransport transport;
    private final Duration pollInterval;
    private final Consumer<String> output;
    private final TrackingListener listener;

    /**
     * A tracker reading logs through {@code transport}, pausing {@code pollInterval} between reads,
     * printing each new line to {@code output}.
     */
    public LogTracker(SpatialXTransport transport, Duration pollInterval, Consumer<String> output) {
        this(transport, pollInterval, output, TrackingListener.PRINT_LINES);
    }

    /** A tracker whose logs are shown by {@code listener} ({@code output}: where it may print their lines). */
    public LogTracker(SpatialXTransport transport, Duration pollInterval, Consumer<String> output,
                      TrackingListener listener) {
        this.transport = transport;
        this.pollInterval = pollInterval;
        this.output = output;
        this.listener = listener;
    }

    /**
     * Follows the log at server path {@code logPath} for at most {@code maxTime}.
     *
     * @throws SpatialXHttpException when reading the log fails with another status than 404
     */
    public TrackedLog track(String logPath, Duration maxTime) {
        TrackingListener.Tracking tracking = listener.started(logPath, output);
        TrackingOutcome outcome = TrackingOutcome.TIMED_OUT;
        try {
            TrackedLog tracked = follow(logPath, maxTime, tracking);
            outcome = tracked.outcome();
            return tracked;
        } finally {
            tracking.finished(outcome); // also when reading the log failed or was interrupted
        }
    }

    private TrackedLog follow(String logPath, Duration maxTime, TrackingListener.Tracking tracking) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        List<String> lines = new ArrayList<>();
        while (true) {
            String text = read(logPath);
            if (text != null) {
                if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
                List<String> current = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
                for (int i = lines.size(); i < current.size(); i++) {
                    tracking.line(current.get(i));
                    lines.add(current.get(i));
                }
                String tail = text.substring(Math.max(0, text.length() - TAIL_LENGTH));
                if (tail.contains(DONE_MARKER)) {
                    return new TrackedLog(logPath, TrackingOutcome.DONE, lines);
                }
                if (tail.contains(RETRY_LIMIT_MARKER)) {
                    return new TrackedLog(logPath, TrackingOutcome.RETRY_LIMIT_REACHED, lines);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return new TrackedLog(logPath, TrackingOutcome.TIMED_OUT, lines);
            }
            pause(logPath);
        }
    }

    private String read(String logPath) {
        try {
            return transport.readText(ApiRequest.get(UrlFamily.UCC, logPath).build());
        } catch (SpatialXHttpException e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void pause(String logPath) {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpatialXConnectionException("Interrupted while tracking " + logPath, e);
        }
    }
}
