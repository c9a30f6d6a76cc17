package org.spatialx.core;

/**
 * Optional arguments of {@code listdir} (protocol 8.1).
 *
 * @param ignoreHidden skip hidden entries (default true)
 * @param getDetails   return whole {@link org.spatialx.api.Entity} records instead of names (default false)
 */
public record ListdirOptions(boolean ignoreHidden, boolean getDetails) {

    /** The Python defaults: {@code ignore_hidden=True, get_details=False}. */
    public static ListdirOptions defaults() {
        return new ListdirOptions(true, false);
    }
}
