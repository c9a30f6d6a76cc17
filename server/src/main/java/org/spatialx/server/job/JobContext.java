package org.spatialx.server.job;

import java.nio.file.Path;

/** What a running {@link Job} sees: its id, its log, and a way to report progress. */
public interface JobContext {

    /** The integer job id (the protocol's {@code job_id}). */
    long jobId();

    /** The log file the job writes (protocol 2.3 path). */
    Path logPath();

    /** Appends a time-stamped line to the log and flushes it, so clients polling {@code ucc.go/} see it at once. */
    void log(String line);

    /** True once the server is shutting down; long jobs should stop soon after. */
    boolean cancelled();
}
