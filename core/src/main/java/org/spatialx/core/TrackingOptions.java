package org.spatialx.core;

/**
 * Optional arguments of submission tracking (protocol 4.6).
 *
 * @param maxTime time limit in seconds for each log (default 600; analyses use 60)
 */
public record TrackingOptions(int maxTime) {

    /** The Python default: {@code max_time=600}. */
    public static TrackingOptions defaults() {
        return new TrackingOptions(600);
    }
}
