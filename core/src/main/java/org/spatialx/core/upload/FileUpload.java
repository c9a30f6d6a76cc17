package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.print.FormatPrint;

import static org.spatialx.core.upload.ChunkEndpoints.sessionPath;
import static org.spatialx.core.upload.ChunkEndpoints.text;

/**
 * One file to the server (protocol 3.3 and 3.4): below 1 MiB through {@code upload/simple}, else in
 * chunks. Without extensions the chunks go one after another, exactly as the Python client sends
 * them; with them (see {@link UploadCapabilities}) they go in parallel, a remembered session is
 * resumed (only the chunks the server lacks are sent) and the SHA-256 read here is checked at merge.
 */
final class FileUpload {

    private static final Logger LOG = LoggerFactory.getLogger(FileUpload.class);

    private final UploadSettings settings;
    private final ChunkEndpoints endpoints;
    private final ParallelChunkSender sender;
    private final ResumeStore resumeStore;

    FileUpload(UploadSettings settings, ChunkEndpoints endpoints, ResumeStore resumeStore) {
        this.sender = new ParallelChunkSender(endpoints, settings);
        this.settings = settings;
        this.endpoints = endpoints;
        this.resumeStore = resumeStore;
    }

    /** {@code upload/simple} of the whole file, checked against the server's SHA-256 when it offers one. */
    JsonNode simple(LocalFile file, UploadFileOptions options, UploadProgress progress,
                    UploadCapabilities capabilities) {
        String localSha = capabilities.sha256() ? file.sha256() : null;
        JsonNode answer;
        try {
            answer = endpoints.simple(file, options, progress.counting(new AtomicLong()));
        } catch (SpatialXException e) {
            throw endpoints.failure(file, "upload/simple failed: " + e.getMessage() + (options.isChunk() ? ""
                    : "\nThe file was not stored; run the upload again."), e);
        }
        file.requireUnchanged("the server may hold a mixed copy at "
                + answer.path("path").asText(options.serverFolderName()));
        if (localSha != null) {
            file.requireSameSha256(localSha, answer.path("sha256").asText(""), "upload/simple");
        }
        return answer;
    }

    /**
     * {@code upload_big_file} of one file. Returns the merge answer, or the session object when
     * {@code move_to_parent} is false (the {@code chunk_resp} of the next file of a folder).
     *
     * @param doneKey the resume record marking the file done within a folder upload, or null
     */
    Map<String, Object> upload(LocalFile file, UploadBigFileOptions options, UploadProgress progress,
                               UploadCapabilities capabilities, String doneKey) {
        Map<String, Object> chunkResp = options.chunkResp();
        String uploadId = text(chunkResp.get("unique_id"));
        String folder = options.serverFolderName();
        if (file.size() < ChunkPlan.SMALL_SIZE) {
            return endpoints.plainMap(simple(file, new UploadFileOptions(folder, uploadId, options.isChunk()), progress,
                    capabilities));
        }
        long chunkSize = Math.min(ChunkPlan.chunkSize(options.chunkSize(), file.size()), capabilities.maxChunkSize());
        ChunkPlan plan = new ChunkPlan(file.size(), chunkSize);
        if (capabilities.extended()) {
            return extended(file, plan, options, progress, capabilities, doneKey);
        }
        Map<String, Object> session = chunkResp;
        if (chunkResp.isEmpty() || uploadId.isEmpty()) {
            session = endpoints.start(folder);
            uploadId = text(session.get("unique_id"));
        }
        ChunkSession chunks = new ChunkSession(file, plan, folder, uploadId, sessionPath(session));
        for (int index = 0; index < plan.chunkCount(); index++) {
            if (options.debugMode()) {
                FormatPrint.formatPrint("Upload " + file.given() + ", chunk index : " + (index + 1) + " ...");
            }
            try {
                endpoints.send(chunks, index, progress.counting(new AtomicLong()), null);
            } catch (SpatialXException e) {
                throw endpoints.failure(file, "chunk " + (index + 1) + " of " + plan.chunkCount() + " (sending_index "
                        + index + ") failed: " + e.getMessage()
                        + "\nNothing was merged: the file is not visible on the server. Run the upload again.", e);
            }
        }
        file.requireUnchanged("nothing was merged, the file is not visible on the server");
        Map<String, Object> merged = timedMerge(chunks, options.moveToParent(), null);
        return options.moveToParent() ? merged : session;
    }

    private Map<String, Object> extended(LocalFile file, ChunkPlan plan, UploadBigFileOptions options,
                                         UploadProgress progress, UploadCapabilities capabilities, String doneKey) {
        String folder = options.serverFolderName();
        Map<String, Object> chunkResp = options.chunkResp();
        String uploadId = text(chunkResp.get("unique_id"));
        boolean inSession = !chunkResp.isEmpty() && !uploadId.isEmpty();
        String key = capabilities.resume() ? resumeStore.key(file, folder) : null;
        String sessionFilter = uploadId;
        ResumeStore.Session remembered = key == null ? null : resumeStore.find(key)
                .filter(r -> r.chunkSize() == plan.chunkSize() && (!inSession || r.uniqueId().equals(sessionFilter)))
                .orElse(null);
        Map<String, Object> session;
        String path;
        if (inSession) {
            session = chunkResp;
            path = sessionPath(chunkResp);
        } else if (remembered != null) {
            uploadId = remembered.uniqueId();
            path = remembered.path();
            session = new LinkedHashMap<>(Map.of("unique_id", uploadId, "root_folder", path));
        } else {
            session = endpoints.start(folder);
            uploadId = text(session.get("unique_id"));
            path = sessionPath(session);
        }
        ChunkSession chunks = new ChunkSession(file, plan, folder, uploadId, path);
        Set<Integer> held = Set.of();
        if (remembered != null) {
            Optional<Set<Integer>> onServer = endpoints.held(chunks);
            if (onServer.isPresent()) {
                held = onServer.get();
            } else if (inSession) {
                throw endpoints.failure(file, "the server no longer holds upload session " + uploadId + " of this"
                        + " folder upload (finished, or removed after a week unused).\nRun upload_folder again: it"
                        + " starts a new session.", null);
            } else {
                LOG.info("The server no longer holds the session of {}; starting a new upload", file.path());
                session = endpoints.start(folder);
                uploadId = text(session.get("unique_id"));
                path = sessionPath(session);
                chunks = new ChunkSession(file, plan, folder, uploadId, path);
            }
        }
        if (key != null) {
            resumeStore.save(key, new ResumeStore.Session(uploadId, path, plan.chunkSize()));
        }
        String sha = sendMissing(chunks, held, progress, capabilities);
        file.requireUnchanged("its chunks stay hidden on the server and nothing was merged");
        Map<String, Object> merged;
        try {
            merged = timedMerge(chunks, options.moveToParent(), sha);
        } catch (MissingChunksException e) {
            throw e; // the record stays: the next run sends only the missing chunks
        } catch (UploadException e) {
            if (key != null) {
                resumeStore.delete(key); // a rejected merge (checksum) must start afresh next time
            }
            throw e;
        }
        if (sha != null) {
            file.requireSameSha256(sha, text(merged.get("sha256")), "upload/chunk/merge");
        }
        if (key != null) {
            resumeStore.delete(key);
        }
        if (doneKey != null) {
            resumeStore.save(doneKey, new ResumeStore.Session(uploadId, path, -1));
        }
        return options.moveToParent() ? merged : session;
    }

    /**
     * Sends the chunks the server does not hold, in parallel; the file's SHA-256 (taken from the reads that send
     * it, {@link SentFileDigest}) or null when the server does not check one.
     */
    private String sendMissing(ChunkSession chunks, Set<Integer> held, UploadProgress progress,
                               UploadCapabilities capabilities) {
        ChunkPlan plan = chunks.plan();
        List<Integer> missing = new ArrayList<>();
        for (int index = 0; index < plan.chunkCount(); index++) {
            if (held.contains(index)) {
                progress.advance(plan.length(index));
            } else {
                missing.add(index);
            }
        }
        if (!held.isEmpty()) {
            LOG.info("Resuming {}: the server holds {} of {} chunks; sending the other {}", chunks.file().path(),
                    held.size(), plan.chunkCount(), missing.size());
        }
        int parallel = capabilities.parallelChunks()
                ? Math.max(1, Math.min(settings.parallelChunks(), capabilities.maxParallelChunks())) : 1;
        SentFileDigest digest = capabilities.sha256() ? new SentFileDigest(chunks.file()) : null;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            sender.sendAll(chunks, missing, parallel, progress, digest, workers);
            return digest == null ? null : digest.finish();
        } finally {
            if (digest != null) {
                digest.close();
            }
        }
    }

    private Map<String, Object> timedMerge(ChunkSession chunks, boolean moveToParent, String sha) {
        long mergeStart = System.nanoTime();
        Map<String, Object> merged = endpoints.merge(chunks, moveToParent, sha);
        LOG.debug("Merge of {} took {} ms", chunks.file().path(), (System.nanoTime() - mergeStart) / 1_000_000);
        return merged;
    }
}
