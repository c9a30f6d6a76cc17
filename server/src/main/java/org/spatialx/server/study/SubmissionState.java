package org.spatialx.server.study;

import java.util.Locale;

/** Where a submission is: queued, running, then received (its data stored) or failed. */
public enum SubmissionState {
    QUEUED,
    RUNNING,
    RECEIVED,
    FAILED;

    /** The value kept in the {@code submissions} table ({@code queued}, {@code received}, ...). */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }
}
