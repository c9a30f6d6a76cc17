package org.spatialx.server.job;

/**
 * A job's persisted state.
 *
 * @param jobId    protocol {@code job_id}
 * @param kind     what the job does (e.g. {@code submission.receive})
 * @param targetId the record it works on (a submission or analysis id)
 * @param logPath  its log file
 * @param state    {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param message  the failure reason, empty otherwise
 */
public record JobRecord(long jobId, String kind, String targetId, String logPath, String state, String message) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** True for done or failed. */
    public boolean finished() {
        return DONE.equals(state) || FAILED.equals(state);
    }
}
