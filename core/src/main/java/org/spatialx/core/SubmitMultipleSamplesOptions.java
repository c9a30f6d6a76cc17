package org.spatialx.core;

/**
 * Optional arguments of {@code submit_multiple_samples} (protocol 4.3).
 *
 * @param description study description (default empty)
 */
public record SubmitMultipleSamplesOptions(String description) {

    /** The Python default: {@code description=""}. */
    public static SubmitMultipleSamplesOptions defaults() {
        return new SubmitMultipleSamplesOptions("");
    }
}
