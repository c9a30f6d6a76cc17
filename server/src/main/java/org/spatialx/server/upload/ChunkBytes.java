package org.spatialx.server.upload;

import java.nio.file.Path;

/** Where the bytes of a chunk are when its request is handled. */
sealed interface ChunkBytes {

    /** Their SHA-256 as computed while they arrived, or null when it was not. */
    String sha256();

    /**
     * Already at their offset in the staging file: streamed there while they arrived, because the
     * chunk's fields came first (as the protocol's clients send them).
     */
    record InPlace(StagedFile.ChunkWriter writer, String sha256) implements ChunkBytes {
    }

    /** In a temporary file (the chunk's fields came after its bytes); always hashed. */
    record InTemporaryFile(Path file, String sha256) implements ChunkBytes {
    }
}
