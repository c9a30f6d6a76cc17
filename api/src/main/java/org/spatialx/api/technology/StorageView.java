package org.spatialx.api.technology;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What detection may see of a storage: folder listings and, where available, the first bytes of a
 * small file. A local folder can do both; a server path listed through {@code directory/entities}
 * can only list, and detection then reports versions as unknown instead of failing.
 */
public interface StorageView {

    /**
     * The entries of {@code folder}, in any order; empty when the folder does not exist.
     *
     * @param folder a full path in this storage's own syntax
     */
    List<StorageEntry> list(String folder);

    /**
     * Up to {@code maxBytes} first bytes of {@code file}; empty when content cannot be read here
     * (the default) or the file is absent.
     */
    default Optional<byte[]> readHead(String file, int maxBytes) {
        return Optional.empty();
    }

    /** Whether {@link #readHead} can return content (false for a remote listing). */
    default boolean canReadContent() {
        return false;
    }

    /** The file on the local disk behind {@code file}, for header readers such as HDF5; empty by default. */
    default Optional<Path> localPath(String file) {
        return Optional.empty();
    }

    /** The path of {@code name} inside {@code folder}, joined with {@code /}. */
    default String join(String folder, String name) {
        if (name.isEmpty()) {
            return folder;
        }
        if (folder.isEmpty()) {
            return name;
        }
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /** A short description for reports, e.g. {@code local folder} or {@code server listing}. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
