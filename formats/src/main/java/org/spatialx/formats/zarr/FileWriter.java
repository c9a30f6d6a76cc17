package org.spatialx.formats.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How writers put a chunk file on disk. {@link #DEFAULT} is {@link Files#write}; tests substitute one
 * that fails part way to prove that a failed write leaves nothing visible.
 */
@FunctionalInterface
public interface FileWriter {

    /** Writes {@link Files#write(Path, byte[], java.nio.file.OpenOption...)}. */
    FileWriter DEFAULT = (file, bytes) -> Files.write(file, bytes);

    /** Writes {@code bytes} as the new file {@code file}. */
    void write(Path file, byte[] bytes) throws IOException;
}
