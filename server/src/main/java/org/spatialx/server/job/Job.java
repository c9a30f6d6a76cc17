package org.spatialx.server.job;

/**
 * Background work run by the server's {@link JobExecutor} (submission ingestion, analyses). A job
 * reports progress through its context's log; returning normally ends the log with {@code DONE.},
 * throwing ends it with a {@code FAILED:} line carrying the exception's message.
 */
@FunctionalInterface
public interface Job {
    void run(JobContext context) throws Exception;
}
