package org.spatialx.server.job;

/**
 * A job's persisted state.
 *
 * @param jobId    protocol {@code job_id}
 * @param kind     what the job does (e.g. {@code submission.receive})
 * @param targetId the record it works on (a submission or analysis id)
 * @param logPath  its log file
 * @param state    where it is in its life
 * @param message  the failure reason, empty otherwise
 */
public record JobRecord(long jobId, String kind, String targetId, String logPath, JobState state, String message) {

    /** True for done or failed. */
    public boolean finished() {
        return state.finished();
    }
}
