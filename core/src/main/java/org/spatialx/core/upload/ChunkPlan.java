package org.spatialx.core.upload;

/**
 * How a file of a given size is cut into chunks (protocol 3.1 and 3.2): the nominal chunk size,
 * the number of chunks and each chunk's start and END offset (the {@code offset} field of
 * {@code upload/chunk/process} is the end position, protocol 11.4).
 *
 * @param fileSize  the file size in bytes
 * @param chunkSize the nominal chunk size (also sent for the last, shorter chunk)
 */
public record ChunkPlan(long fileSize, long chunkSize) {

    /** {@code UPLOAD_CHUNK_SMALL_SIZE}: files strictly smaller go through {@code upload/simple}. */
    public static final long SMALL_SIZE = 1L << 20;
    /** {@code UPLOAD_CHUNK_MEDIUM_SIZE}. */
    public static final long MEDIUM_SIZE = 16L << 20;
    /** {@code UPLOAD_CHUNK_NORMAL_SIZE}. */
    public static final long NORMAL_SIZE = 50L << 20;
    /** {@code UPLOAD_CHUNK_LARGE_SIZE}, also the upper bound of a requested chunk size. */
    public static final long LARGE_SIZE = 100L << 20;
    /** The {@code parent_is_file} value of every chunk call (protocol 3.1: always 2). */
    public static final int PARENT_IS_FILE = 2;

    /** Validates. */
    public ChunkPlan {
        if (fileSize < 0 || chunkSize <= 0) {
            throw new IllegalArgumentException("A chunk plan needs fileSize >= 0 and chunkSize > 0, got "
                    + fileSize + " and " + chunkSize);
        }
    }

    /** The plan Python's {@code get_chunk_size(requested, file_size)} gives (protocol 3.2). */
    public static ChunkPlan of(long requestedChunkSize, long fileSize) {
        return new ChunkPlan(fileSize, chunkSize(requestedChunkSize, fileSize));
    }

    /**
     * Protocol 3.2: a positive request is capped at 100 MiB (no lower bound); otherwise 1 MiB below
     * 15 MiB, 16 MiB below 100 MiB, 50 MiB below 1 GiB, else 100 MiB.
     */
    public static long chunkSize(long requested, long fileSize) {
        if (requested > 0) {
            return Math.min(requested, LARGE_SIZE);
        }
        if (fileSize < 15L << 20) {
            return SMALL_SIZE;
        }
        if (fileSize < 100L << 20) {
            return MEDIUM_SIZE;
        }
        if (fileSize < 1L << 30) {
            return NORMAL_SIZE;
        }
        return LARGE_SIZE;
    }

    /** The number of chunks ({@code total} of the merge call); 0 for an empty file. */
    public int chunkCount() {
        return Math.toIntExact((fileSize + chunkSize - 1) / chunkSize);
    }

    /** First byte of chunk {@code index}. */
    public long start(int index) {
        return index * chunkSize;
    }

    /** The END offset of chunk {@code index}: {@code min(file_size, (index + 1) * chunk_size)}. */
    public long end(int index) {
        return Math.min(fileSize, (index + 1) * chunkSize);
    }

    /** Length of chunk {@code index}. */
    public long length(int index) {
        return end(index) - start(index);
    }
}
