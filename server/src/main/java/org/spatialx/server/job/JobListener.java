package org.spatialx.server.job;

/** Told when a job of its kind ends, so the owner of the target record can update it. */
@FunctionalInterface
public interface JobListener {
    /** @param job the finished job (state {@code done} or {@code failed}) */
    void finished(JobRecord job);
}
