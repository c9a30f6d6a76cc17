package org.spatialx.core.tracking;

/** How the tracking of one log ended (protocol 4.6). */
public enum TrackingOutcome {
    /** The log's tail contains {@code DONE.}. */
    DONE,
    /** The log's tail contains {@code maximum retry limit}: the server gave up. */
    RETRY_LIMIT_REACHED,
    /** The time limit passed first; the job may still be running. */
    TIMED_OUT
}
