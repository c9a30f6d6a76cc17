package org.spatialx.api.technology;

import java.util.Objects;

/**
 * One entry of a folder listing.
 *
 * @param name the entry's name inside its folder (no separator)
 * @param kind file or folder
 * @param size size in bytes of a file; 0 when unknown or for a folder
 */
public record StorageEntry(String name, EntryKind kind, long size) {

    /** Rejects a null or empty name and a null kind. */
    public StorageEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A storage entry needs a name");
        }
    }

    /** A file entry. */
    public static StorageEntry file(String name, long size) {
        return new StorageEntry(name, EntryKind.FILE, size);
    }

    /** A folder entry. */
    public static StorageEntry folder(String name) {
        return new StorageEntry(name, EntryKind.FOLDER, 0);
    }

    /** Whether this entry is a folder. */
    public boolean isFolder() {
        return kind == EntryKind.FOLDER;
    }
}
