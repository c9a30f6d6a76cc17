package org.spatialx.core.tracking;

import java.util.function.Consumer;

/**
 * Told how a tracked job log progresses (a submission's ingestion with {@code tracking=True},
 * {@code track_submission}; later analyses), to show it: the shell draws one live line on a terminal.
 * Set with {@code ConnectorOptions.builder().trackingProgress(listener)}; by default each new log line
 * goes to the connector's {@code trackingOutput}, as the Python SDK prints it.
 */
@FunctionalInterface
public interface TrackingListener {

    /** Each new log line to the connector's {@code trackingOutput} (the default). */
    TrackingListener PRINT_LINES = (logPath, output) -> output::accept;

    /**
     * The connector starts following the log at server path {@code logPath}.
     *
     * @param output where the connector prints a log line ({@code trackingOutput}); a listener that
     *               shows the log another way need not use it
     * @return what receives this log's lines until it ends
     */
    Tracking started(String logPath, Consumer<String> output);

    /** The progress of one tracked log. */
    @FunctionalInterface
    interface Tracking {

        /** A new line of the log, in order, each once. */
        void line(String line);

        /**
         * The log ended ({@code DONE.}, the retry limit), or tracking stopped first: at its time limit,
         * or because reading the log failed ({@link TrackingOutcome#TIMED_OUT} for both).
         */
        default void finished(TrackingOutcome outcome) {
        }
    }
}
