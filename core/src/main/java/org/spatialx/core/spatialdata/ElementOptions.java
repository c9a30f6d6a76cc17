package org.spatialx.core.spatialdata;

/**
 * Which element of a group to open.
 *
 * @param name the display name or id; null for the only element of the group
 */
public record ElementOptions(String name) {

    /** The only element of the group. */
    public static ElementOptions defaults() {
        return new ElementOptions(null);
    }

    /** The element {@code name}. */
    public static ElementOptions named(String name) {
        return new ElementOptions(name);
    }
}
