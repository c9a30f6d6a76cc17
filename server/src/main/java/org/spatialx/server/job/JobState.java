package org.spatialx.server.job;

import java.util.Locale;

/** Where a job is in its life: queued, running, then done or failed. */
public enum JobState {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    /** The value kept in the {@code jobs} table ({@code queued}, {@code running}, ...). */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state kept as {@code stored} in the {@code jobs} table. */
    static JobState ofStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** True for done or failed. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
