package org.spatialx.api.technology;

/** Whether a storage entry, or what an {@link Alternative} looks for, is a file or a folder. */
public enum EntryKind {
    /** A regular file; lands in a SampleData's {@code files}. */
    FILE,
    /** A directory; lands in a SampleData's {@code folders}. */
    FOLDER
}
