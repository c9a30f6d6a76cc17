package org.spatialx.formats.zarr;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a zarr v2 hierarchy is read from: a key ({@code obs/.zattrs}, {@code X/data/0}) gives its bytes.
 * {@link DirectoryStore} reads a folder; a client reads the same layout over HTTP by implementing
 * {@link #read} with one GET per key. Keys use {@code /} whatever the platform.
 */
public interface ZarrStore {

    /** The bytes stored under {@code key}, or empty when there is none. */
    Optional<byte[]> read(String key) throws IOException;

    /**
     * The names of the children (arrays and groups) directly under the group {@code prefix}
     * ({@code ""} for the root), in name order. Only needed for groups that do not list their members
     * in attributes; a store that cannot list (plain HTTP) keeps this default.
     */
    default List<String> children(String prefix) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list keys (asked for '"
                + prefix + "'): the group's .zattrs must name its members");
    }

    /** {@code parent/child}, or {@code child} under the root. */
    static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "/" + child;
    }
}
