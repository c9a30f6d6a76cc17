package org.spatialx.core;

/**
 * Optional arguments of {@code submit} (protocol 4.3).
 *
 * @param description study description (default empty)
 * @param tracking    follow the submission logs until done (default false, protocol 4.6)
 * @param maxTime     tracking time limit in seconds (default 600)
 */
public record SubmitOptions(String description, boolean tracking, int maxTime) {

    /** The Python defaults: {@code description="", tracking=False, max_time=600}. */
    public static SubmitOptions defaults() {
        return new SubmitOptions("", false, 600);
    }
}
