package org.spatialx.server.upload;

/**
 * How a file is cut into chunks (protocol 3.4): every chunk has {@code chunkSize} bytes but the last,
 * which ends at {@code fileSize}. The one place where a chunk's fields are checked against each other and
 * against the server's limits, so that no request makes the server's work grow without bound.
 *
 * @param chunkSize the nominal chunk size (also sent with the last, shorter chunk)
 * @param fileSize  the whole file's size
 */
record ChunkLayout(long chunkSize, long fileSize) {

    /** The largest file accepted: 64 TiB. */
    static final long MAX_FILE_SIZE = 1L << 46;
    /**
     * The most chunks one file may have: 10 TB in chunks of 100 MiB (protocol 3.1's largest), 100 GB in
     * chunks of 1 MiB. It bounds what a session keeps per file and what {@code upload/chunk/status} answers.
     */
    static final long MAX_CHUNKS = 100_000;

    /** One chunk: its index, where it starts and how many bytes it has. */
    record Chunk(long index, long start, long length) {

        /** Where it ends: the {@code offset} a client sends with it (the END position, protocol 3.4). */
        long end() {
            return start + length;
        }
    }

    /**
     * The layout of {@code chunk_size} and {@code file_size}, refused unless the chunk size is 1 ..
     * {@code maxChunkSize}, the file size 0 .. {@link #MAX_FILE_SIZE} and the chunks at most {@link #MAX_CHUNKS}.
     */
    static ChunkLayout of(long chunkSize, long fileSize, long maxChunkSize) {
        if (chunkSize <= 0 || chunkSize > maxChunkSize) {
            throw UploadException.invalid("chunk_size must be 1.." + maxChunkSize + " bytes, got " + chunkSize + ".");
        }
        if (fileSize < 0 || fileSize > MAX_FILE_SIZE) {
            throw UploadException.invalid("file_size must be 0.." + MAX_FILE_SIZE + " bytes (64 TiB), got " + fileSize
                    + ".");
        }
        ChunkLayout layout = new ChunkLayout(chunkSize, fileSize);
        if (layout.count() > MAX_CHUNKS) {
            long smallest = (fileSize + MAX_CHUNKS - 1) / MAX_CHUNKS;
            throw UploadException.invalid("chunk_size " + chunkSize + " cuts the " + fileSize + "-byte file into "
                    + layout.count() + " chunks; this server takes at most " + MAX_CHUNKS + " chunks per file. Use a"
                    + " chunk_size of at least " + smallest + " bytes (0 picks one by the file size, protocol 3.2).");
        }
        return layout;
    }

    /** How many chunks make the file (one, empty, for an empty file): the {@code total} of merge. */
    long count() {
        return Math.max(ceilCount(), 1);
    }

    private long ceilCount() {
        return fileSize / chunkSize + (fileSize % chunkSize == 0 ? 0 : 1);
    }

    /** Chunk {@code index} of file {@code name}, or an error when the file has no such chunk. */
    Chunk chunk(long index, String name) {
        if (fileSize < 0 || index < 0 || index >= count()) {
            throw UploadException.invalid("sending_index " + index + " of " + name + " is outside 0.."
                    + (count() - 1) + " (file_size " + fileSize + ", chunk_size " + chunkSize + ").");
        }
        return new Chunk(index, index * chunkSize, end(index) - index * chunkSize);
    }

    /** Where chunk {@code index} ends. */
    long end(long index) {
        return Math.min(fileSize, (index + 1) * chunkSize);
    }

    /** Refuses a merge's {@code total} that is not this file's chunk count. */
    void checkTotal(long total, String name) {
        if (total != count()) {
            throw UploadException.invalid("total " + total + " does not match " + name + ": file_size " + fileSize
                    + " in chunks of " + chunkSize + " makes " + count() + " chunks.");
        }
    }
}
