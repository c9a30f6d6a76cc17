package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The upload extensions a server offers ({@code capabilities.upload} of account/info,
 * docs/uploads.md); a real SpatialX server advertises none.
 *
 * @param parallelChunks    chunks may arrive out of order and concurrently
 * @param maxParallelChunks the most chunks the server wants in flight
 * @param resume            {@code upload/chunk/status} answers which chunks are held
 * @param sha256            merge accepts and returns {@code sha256}
 * @param maxChunkSize      largest chunk accepted
 */
public record UploadCapabilities(boolean parallelChunks, int maxParallelChunks, boolean resume, boolean sha256,
                                 long maxChunkSize) {

    /** What protocol section 3 alone offers. */
    public static final UploadCapabilities NONE = new UploadCapabilities(false, 1, false, false, ChunkPlan.LARGE_SIZE);

    /** Everything, for a user who opts in without an advertisement. */
    public static final UploadCapabilities ALL = new UploadCapabilities(true, 16, true, true, ChunkPlan.LARGE_SIZE);

    /** Reads the advertisement from an account/info payload; {@link #NONE} when absent. */
    public static UploadCapabilities from(JsonNode accountInfo) {
        JsonNode upload = accountInfo == null ? null : accountInfo.path("capabilities").path("upload");
        if (upload == null || !upload.isObject()) {
            return NONE;
        }
        boolean parallel = upload.path("parallel_chunks").asBoolean(false)
                && upload.path("out_of_order_chunks").asBoolean(false);
        int maxParallel = Math.max(1, upload.path("max_parallel_chunks").asInt(parallel ? 16 : 1));
        long maxChunk = upload.path("max_chunk_size").asLong(ChunkPlan.LARGE_SIZE);
        return new UploadCapabilities(parallel, parallel ? maxParallel : 1, upload.path("resume").asBoolean(false),
                upload.path("sha256").asBoolean(false), maxChunk > 0 ? maxChunk : ChunkPlan.LARGE_SIZE);
    }

    /** True when anything beyond protocol section 3 is offered. */
    public boolean extended() {
        return parallelChunks || resume || sha256;
    }
}
