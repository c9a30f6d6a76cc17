package org.spatialx.server.upload;

/**
 * How a file is cut into chunks (protocol 3.4): every chunk has {@code chunkSize} bytes but the last,
 * which ends at {@code fileSize}. The one place where a chunk's fields are checked against each other.
 *
 * @param chunkSize the nominal chunk size (also sent with the last, shorter chunk)
 * @param fileSize  the whole file's size
 */
record ChunkLayout(long chunkSize, long fileSize) {

    /** One chunk: its index, where it starts and how many bytes it has. */
    record Chunk(long index, long start, long length) {

        /** Where it ends: the {@code offset} a client sends with it (the END position, protocol 3.4). */
        long end() {
            return start + length;
        }
    }

    /** The layout of {@code chunk_size} and {@code file_size}; chunks larger than {@code maxChunkSize} are refused. */
    static ChunkLayout of(long chunkSize, long fileSize, long maxChunkSize) {
        if (chunkSize <= 0 || chunkSize > maxChunkSize) {
            throw UploadException.invalid("chunk_size must be 1.." + maxChunkSize + " bytes, got " + chunkSize + ".");
        }
        return new ChunkLayout(chunkSize, fileSize);
    }

    /** How many chunks make the file (one, empty, for an empty file): the {@code total} of merge. */
    long count() {
        return Math.max(ceilCount(), 1);
    }

    private long ceilCount() {
        return (fileSize + chunkSize - 1) / chunkSize;
    }

    /** Chunk {@code index} of file {@code name}, or an error when the file has no such chunk. */
    Chunk chunk(long index, String name) {
        if (fileSize < 0 || index < 0 || index >= count()) {
            throw UploadException.invalid("sending_index " + index + " of " + name + " is outside 0.."
                    + (ceilCount() - 1) + " (file_size " + fileSize + ", chunk_size " + chunkSize + ").");
        }
        return new Chunk(index, index * chunkSize, end(index) - index * chunkSize);
    }

    /** Where chunk {@code index} ends. */
    long end(long index) {
        return Math.min(fileSize, (index + 1) * chunkSize);
    }
}
