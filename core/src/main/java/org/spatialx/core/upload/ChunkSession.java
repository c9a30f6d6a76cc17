package org.spatialx.core.upload;

/**
 * One file's place in a chunked upload session: what every chunk, status and merge call of that
 * file carries (protocol 3.4 and the resume extension).
 *
 * @param file     the local file
 * @param plan     how it is cut into chunks
 * @param folder   the {@code folder_name} in the server's upload area
 * @param uniqueId the session's {@code unique_id}
 * @param path     the session's {@code root_folder} (or {@code path}), sent as {@code path}
 */
record ChunkSession(LocalFile file, ChunkPlan plan, String folder, String uniqueId, String path) {
}
