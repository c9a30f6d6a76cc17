package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXTimeoutException;
import org.spatialx.core.SpatialXUnexpectedResponseException;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.FileRegion;
import org.spatialx.core.transport.MultipartBody;
import org.spatialx.core.transport.BytesSentListener;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * The uploads of the Python SDK, {@code upload_file}, {@code upload_big_file} and {@code upload_folder}
 * (protocol section 3). Against a server that advertises nothing more they are wire-exact: the same
 * requests with the same fields in the same order, chunks one after another. When the server
 * advertises {@code capabilities.upload} (or {@link UploadSettings.Mode#EXTENDED} is chosen) chunks
 * are sent in parallel, retried with backoff, resumed after an interruption through
 * {@code upload/chunk/status}, and the file's SHA-256, computed while reading it, is checked by the
 * server at merge and compared with the server's answer. Chunks are streamed from the file: heap
 * use does not grow with the file size.
 */
public final class Uploader {

    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
    private static final int HASH_BUFFER = 1 << 20;

    private final SpatialXTransport transport;
    private final UploadSettings settings;
    private final ResumeStore resumeStore;
    private final AtomicReference<UploadCapabilities> advertised = new AtomicReference<>();

    /** Uploads through {@code transport} with {@code settings}. */
    public Uploader(SpatialXTransport transport, UploadSettings settings) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resumeStore = new ResumeStore(settings.resumeDirectory());
    }

    /** The settings in use. */
    public UploadSettings settings() {
        return settings;
    }

    /**
     * The protocol features uploads use: none in WIRE_EXACT mode, all in EXTENDED mode, else what
     * account/info advertises (read once; a server that cannot say gets wire-exact uploads).
     */
    public UploadCapabilities capabilities() {
        return switch (settings.mode()) {
            case WIRE_EXACT -> UploadCapabilities.NONE;
            case EXTENDED -> UploadCapabilities.ALL;
            case AUTO -> advertised.updateAndGet(known -> known != null ? known : readAdvertisement());
        };
    }

    private UploadCapabilities readAdvertisement() {
        try {
            return UploadCapabilities.from(transport.call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()));
        } catch (SpatialXException e) {
            LOG.debug("account/info did not say which upload extensions the server has ({}); uploading wire-exact",
                    e.getMessage());
            return UploadCapabilities.NONE;
        }
    }

    // ------------------------------------------------------------------------------ upload_file

    /**
     * {@code upload_file(file_path, server_folder_name, upload_id, is_chunk)}: one {@code upload/simple}
     * request (protocol 3.3), whatever the file size. Returns the server's payload.
     */
    public Map<String, Object> uploadFile(Path filePath, UploadFileOptions options) {
        LocalFile file = LocalFile.open(filePath);
        UploadCapabilities capabilities = capabilities();
        try (UploadProgress progress = UploadProgress.start(file.path().toString(), file.size(), false,
                settings.progress())) {
            JsonNode answer = simple(file, options.serverFolderName(), options.uploadId(), options.isChunk(), progress,
                    capabilities);
            progress.finished(answer.path("path").asText(""));
            return plainMap(answer);
        }
    }

    private JsonNode simple(LocalFile file, String folder, String uploadId, boolean isChunk, UploadProgress progress,
                            UploadCapabilities capabilities) {
        String localSha = capabilities.sha256() ? sha256(file, new AtomicBoolean()) : null;
        MultipartBody body = MultipartBody.builder()
                .text("folder_name", folder)
                .text("unique_id", uploadId)
                .text("is_chunk", isChunk)
                .file("file", file.name(), new FileRegion(file.path(), 0, file.size()))
                .progress(progressOf(progress, new AtomicLong()))
                .build();
        JsonNode answer;
        try {
            answer = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/simple").multipart(body).build());
        } catch (SpatialXException e) {
            throw failure(file, "upload/simple failed: " + e.getMessage() + (isChunk ? "" : "\nThe file was not"
                    + " stored; run the upload again."), e);
        }
        file.requireUnchanged("the server may hold a mixed copy at " + answer.path("path").asText(folder));
        if (localSha != null) {
            requireSameSha(file, localSha, answer, "upload/simple");
        }
        return answer;
    }

    // -------------------------------------------------------------------------- upload_big_file

    /**
     * {@code upload_big_file(file_path, chunk_size, debug_mode, server_folder_name, chunk_resp,
     * move_to_parent, is_chunk)} (protocol 3.4): files below 1 MiB through {@code upload/simple},
     * others in chunks. Returns the merge answer, or the session object when {@code move_to_parent}
     * is false (the {@code chunk_resp} of the next file of a folder).
     */
    public Map<String, Object> uploadBigFile(Path filePath, UploadBigFileOptions options) {
        LocalFile file = LocalFile.open(filePath);
        UploadCapabilities capabilities = capabilities();
        try (UploadProgress progress = UploadProgress.start(file.path().toString(), file.size(), options.debugMode(),
                settings.progress())) {
            Map<String, Object> answer = bigFile(filePath.toString(), file, options, progress, capabilities, null);
            progress.finished(Objects.toString(answer.get("path"), ""));
            return answer;
        }
    }

    private Map<String, Object> bigFile(String shownPath, LocalFile file, UploadBigFileOptions options,
                                        UploadProgress progress, UploadCapabilities capabilities, String resumeKey) {
        Map<String, Object> chunkResp = options.chunkResp();
        String uploadId = text(chunkResp.get("unique_id"));
        String folder = options.serverFolderName();
        if (file.size() < ChunkPlan.SMALL_SIZE) {
            return plainMap(simple(file, folder, uploadId, options.isChunk(), progress, capabilities));
        }
        long chunkSize = Math.min(ChunkPlan.chunkSize(options.chunkSize(), file.size()), capabilities.maxChunkSize());
        ChunkPlan plan = new ChunkPlan(file.size(), chunkSize);
        if (capabilities.extended()) {
            return extendedChunks(file, plan, options, progress, capabilities, resumeKey);
        }
        Map<String, Object> session = chunkResp;
        if (chunkResp.isEmpty() || uploadId.isEmpty()) {
            session = start(folder);
            uploadId = text(session.get("unique_id"));
        }
        String path = sessionPath(session);
        for (int index = 0; index < plan.chunkCount(); index++) {
            if (options.debugMode()) {
                FormatPrint.formatPrint("Upload " + shownPath + ", chunk index : " + (index + 1) + " ...");
            }
            try {
                sendChunk(file, plan, index, folder, uploadId, path, progressOf(progress, new AtomicLong()));
            } catch (SpatialXException e) {
                throw failure(file, "chunk " + (index + 1) + " of " + plan.chunkCount() + " (sending_index " + index
                        + ") failed: " + e.getMessage()
                        + "\nNothing was merged: the file is not visible on the server. Run the upload again.", e);
            }
        }
        file.requireUnchanged("nothing was merged, the file is not visible on the server");
        long mergeStart = System.nanoTime();
        Map<String, Object> merged = merge(file, plan, folder, uploadId, path, options.moveToParent(), null);
        LOG.debug("Merge of {} took {} ms", file.path(), (System.nanoTime() - mergeStart) / 1_000_000);
        return options.moveToParent() ? merged : session;
    }

    private Map<String, Object> extendedChunks(LocalFile file, ChunkPlan plan, UploadBigFileOptions options,
                                               UploadProgress progress, UploadCapabilities capabilities,
                                               String folderResumeKey) {
        String folder = options.serverFolderName();
        Map<String, Object> chunkResp = options.chunkResp();
        String uploadId = text(chunkResp.get("unique_id"));
        boolean inSession = !chunkResp.isEmpty() && !uploadId.isEmpty();
        String key = capabilities.resume() ? ResumeStore.key(transport.domain(), file, folder) : null;
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
            session = start(folder);
            uploadId = text(session.get("unique_id"));
            path = sessionPath(session);
        }
        Set<Integer> held = remembered == null ? Set.of() : heldChunks(file, plan, folder, uploadId, path);
        if (key != null) {
            resumeStore.save(key, new ResumeStore.Session(uploadId, path, plan.chunkSize()));
        }
        List<Integer> missing = new ArrayList<>();
        for (int index = 0; index < plan.chunkCount(); index++) {
            if (held.contains(index)) {
                progress.advance(plan.length(index));
            } else {
                missing.add(index);
            }
        }
        if (!held.isEmpty()) {
            LOG.info("Resuming {}: the server holds {} of {} chunks; sending the other {}", file.path(), held.size(),
                    plan.chunkCount(), missing.size());
        }
        int parallel = capabilities.parallelChunks()
                ? Math.max(1, Math.min(settings.parallelChunks(), capabilities.maxParallelChunks())) : 1;
        AtomicBoolean stop = new AtomicBoolean();
        String sha;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<String> hash = capabilities.sha256()
                    ? CompletableFuture.supplyAsync(() -> sha256(file, stop), workers)
                    : CompletableFuture.completedFuture(null);
            try {
                sendAll(file, plan, missing, parallel, folder, uploadId, path, progress, workers, stop);
            } catch (RuntimeException e) {
                stop.set(true);
                throw e;
            }
            sha = awaitHash(file, hash);
        }
        file.requireUnchanged("its chunks stay hidden on the server and nothing was merged");
        Map<String, Object> merged;
        long mergeStart = System.nanoTime();
        try {
            merged = merge(file, plan, folder, uploadId, path, options.moveToParent(), sha);
            LOG.debug("Merge of {} took {} ms", file.path(), (System.nanoTime() - mergeStart) / 1_000_000);
        } catch (UploadException e) {
            if (key != null && !e.getMessage().contains("missing")) {
                resumeStore.delete(key); // a rejected merge (checksum) must start afresh next time
            }
            throw e;
        }
        if (sha != null) {
            requireSameSha(file, sha, merged, "upload/chunk/merge");
        }
        if (key != null) {
            resumeStore.delete(key);
        }
        if (folderResumeKey != null) {
            resumeStore.save(folderResumeKey, new ResumeStore.Session(uploadId, path, -1));
        }
        return options.moveToParent() ? merged : session;
    }

    private Set<Integer> heldChunks(LocalFile file, ChunkPlan plan, String folder, String uploadId, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unique_id", uploadId);
        body.put("path", path);
        body.put("name", file.name());
        body.put("folder_name", folder);
        JsonNode status;
        try {
            status = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/status").json(body).build());
        } catch (SpatialXException e) {
            LOG.warn("Cannot ask the server which chunks of {} it holds ({}); sending them all", file.path(),
                    e.getMessage());
            return Set.of();
        }
        long serverChunk = status.path("chunk_size").asLong(0);
        long serverSize = status.path("file_size").asLong(0);
        if (serverChunk != 0 && serverChunk != plan.chunkSize() || serverSize != 0 && serverSize != file.size()) {
            return Set.of();
        }
        Set<Integer> held = new TreeSet<>();
        for (JsonNode index : status.path("received")) {
            if (index.canConvertToInt() && index.asInt() >= 0 && index.asInt() < plan.chunkCount()) {
                held.add(index.asInt());
            }
        }
        return held;
    }

    private void sendAll(LocalFile file, ChunkPlan plan, List<Integer> indices, int parallel, String folder,
                         String uploadId, String path, UploadProgress progress, ExecutorService workers,
                         AtomicBoolean stop) {
        Semaphore slots = new Semaphore(parallel);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int index : indices) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new UploadException("Uploading " + file.path() + " was interrupted; run"
                        + " the same call again to resume it."));
                break;
            }
            if (failure.get() != null) {
                slots.release();
                break;
            }
            sent.add(CompletableFuture.runAsync(() -> {
                try {
                    sendWithRetry(file, plan, index, folder, uploadId, path, progress, failure);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                } finally {
                    slots.release();
                }
            }, workers));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        RuntimeException error = failure.get();
        if (error != null) {
            long held = progress.done();
            throw failure(file, "the upload stopped: " + error.getMessage() + "\nThe received chunks stay hidden on"
                    + " the server (" + held + " of " + file.size() + " bytes counted); nothing was merged. Run the same"
                    + " call again to resume: only the missing chunks are sent.", error);
        }
    }

    private void sendWithRetry(LocalFile file, ChunkPlan plan, int index, String folder, String uploadId, String path,
                               UploadProgress progress, AtomicReference<RuntimeException> failure) {
        AtomicLong counted = new AtomicLong();
        for (int attempt = 1; ; attempt++) {
            try {
                sendChunk(file, plan, index, folder, uploadId, path, progressOf(progress, counted));
                return;
            } catch (SpatialXConnectionException | SpatialXTimeoutException | SpatialXServerException
                     | SpatialXHttpException e) {
                progress.advance(-counted.getAndSet(0));
                boolean transientFailure = !(e instanceof SpatialXHttpException http) || http.statusCode() >= 500;
                if (!transientFailure || attempt >= settings.maxAttempts() || failure.get() != null) {
                    throw new UploadException("chunk " + (index + 1) + " of " + plan.chunkCount() + " (sending_index "
                            + index + ", bytes " + plan.start(index) + ".." + plan.end(index)
                            + ") failed after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ": "
                            + e.getMessage(), e);
                }
                long delay = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 16);
                LOG.warn("Chunk {} of {} failed ({}); attempt {} of {} in {} ms", index, file.path(),
                        firstLine(e.getMessage()), attempt + 1, settings.maxAttempts(), delay);
                sleep(delay);
            }
        }
    }

    private static String awaitHash(LocalFile file, CompletableFuture<String> hash) {
        try {
            return hash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadException("Interrupted while checksumming " + file.path() + "; run the call again.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UploadException("Cannot checksum " + file.path() + ": " + e.getCause(), e.getCause());
        }
    }

    private void sendChunk(LocalFile file, ChunkPlan plan, int index, String folder, String uploadId, String path,
                           BytesSentListener listener) {
        // Field order, the nominal chunk_size, the END offset and the literal filename 'file' are
        // those of the Python client (protocol 3.4, 11.4).
        MultipartBody body = MultipartBody.builder()
                .text("folder_name", folder)
                .text("parent_is_file", ChunkPlan.PARENT_IS_FILE)
                .text("chunk_size", plan.chunkSize())
                .text("file_size", plan.fileSize())
                .text("offset", plan.end(index))
                .text("name", file.name())
                .text("unique_id", uploadId)
                .text("path", path)
                .text("sending_index", index)
                .file("file", "file", new FileRegion(file.path(), plan.start(index), plan.length(index)))
                .progress(listener)
                .build();
        transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/process").multipart(body).build());
    }

    private Map<String, Object> start(String folder) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("folder_name", folder);
        body.put("parent_is_file", ChunkPlan.PARENT_IS_FILE);
        JsonNode answer = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/start").json(body).build());
        Map<String, Object> session = plainMap(answer);
        if (text(session.get("unique_id")).isEmpty()) {
            throw new SpatialXUnexpectedResponseException("upload/chunk/start answered without a unique_id: "
                    + FormatPrint.parseToStr(session) + ". Check that the domain points at a SpatialX server.");
        }
        return session;
    }

    private Map<String, Object> merge(LocalFile file, ChunkPlan plan, String folder, String uploadId, String path,
                                      boolean moveToParent, String sha) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("folder_name", folder);
        body.put("parent_is_file", ChunkPlan.PARENT_IS_FILE);
        body.put("total", plan.chunkCount());
        body.put("name", file.name());
        body.put("unique_id", uploadId);
        body.put("path", path);
        body.put("move_to_parent", moveToParent);
        if (sha != null) {
            body.put("sha256", sha);
        }
        try {
            return plainMap(transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/merge").json(body)
                    .build()));
        } catch (SpatialXException e) {
            throw failure(file, "upload/chunk/merge failed: " + e.getMessage() + "\nThe file is not visible on the"
                    + " server; run the upload again.", e);
        }
    }

    private static String sessionPath(Map<String, Object> session) {
        // Python: resp["root_folder"] if "root_folder" in resp else resp["path"] (protocol 3.4 step 6)
        Object path = session.containsKey("root_folder") ? session.get("root_folder") : session.get("path");
        if (path == null) {
            throw new SpatialXUnexpectedResponseException("The upload session has neither 'root_folder' nor 'path': "
                    + FormatPrint.parseToStr(session) + ". Pass the answer of a previous upload as chunk_resp.");
        }
        return text(path);
    }

    // ---------------------------------------------------------------------------- upload_folder

    /**
     * {@code upload_folder(dir_path, chunk_size, debug_mode, server_folder_name, chunk_resp, is_chunk)}
     * (protocol 3.5, with its bugs fixed: children in sorted name order, an empty folder works,
     * symbolic links inside the folder are skipped, files and directories alike). Every file shares one
     * {@code unique_id}; the top-level call ends with {@code upload/folder_finish} and returns its answer.
     */
    public Map<String, Object> uploadFolder(Path dirPath, UploadFolderOptions options) {
        Path folder = dirPath.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new SpatialXInvalidInputException("Invalid directory: " + dirPath + (Files.exists(folder)
                    ? " is a file. Upload single files with upload_big_file." : " does not exist (looked at " + folder
                    + ")."));
        }
        List<LocalFile> files = new ArrayList<>();
        collect(folder, files);
        long total = files.stream().mapToLong(LocalFile::size).sum();
        UploadCapabilities capabilities = capabilities();
        String root = options.serverFolderName().isEmpty() ? folder.getFileName().toString()
                : options.serverFolderName() + "/" + folder.getFileName();
        Map<String, Object> session = options.chunkResp() == null ? Map.of() : options.chunkResp();
        String folderKey = null;
        if (capabilities.resume() && !options.isChunk() && session.isEmpty()) {
            folderKey = ResumeStore.folderKey(transport.domain(), folder, options.serverFolderName());
            ResumeStore.Session remembered = resumeStore.find(folderKey).orElse(null);
            if (remembered != null) {
                session = new LinkedHashMap<>(Map.of("unique_id", remembered.uniqueId(), "root_folder",
                        remembered.path()));
                LOG.info("Resuming the folder upload of {} (session {})", folder, remembered.uniqueId());
            }
        }
        try (UploadProgress progress = UploadProgress.start(folder.toString(), total, options.debugMode(),
                settings.progress())) {
            FolderRun run = new FolderRun(options, capabilities, progress, folderKey);
            session = run.upload(folder, root, session);
            if (options.isChunk()) {
                return session;
            }
            String uniqueId = text(session.get("unique_id"));
            if (uniqueId.isEmpty()) {
                // Python fails here on an empty folder (protocol 11.13 F): open a session so folder_finish works.
                uniqueId = text(start(root).get("unique_id"));
            }
            JsonNode finished;
            try {
                finished = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/folder_finish")
                        .form("folder_name", root).form("unique_id", uniqueId).build());
            } catch (SpatialXException e) {
                if (folderKey != null) {
                    resumeStore.delete(folderKey);
                }
                throw new UploadException("Uploading the folder " + folder + ": upload/folder_finish failed: "
                        + e.getMessage() + "\nThe folder is not complete on the server; run upload_folder again.", e);
            }
            if (folderKey != null) {
                resumeStore.delete(folderKey);
                for (LocalFile file : files) {
                    resumeStore.delete(fileInFolderKey(file, folder, root));
                }
            }
            progress.finished(files.size() + " files to " + finished.path("path").asText(root));
            return plainMap(finished);
        }
    }

    /** Regular files under {@code folder} in upload order; symbolic links are skipped (and logged). */
    private static void collect(Path folder, List<LocalFile> files) {
        for (Path child : sortedChildren(folder)) {
            if (Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                collect(child, files);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                files.add(LocalFile.open(child)); // fails before anything is sent if a file is unreadable
            }
        }
    }

    private static List<Path> sortedChildren(Path folder) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            listing.forEach(children::add);
        } catch (IOException e) {
            throw new SpatialXInvalidInputException("Invalid directory: cannot list " + folder + " (" + e.getMessage()
                    + "). Give your user read and execute permission on it.", e);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }

    private String fileInFolderKey(LocalFile file, Path folder, String root) {
        return ResumeStore.key(transport.domain(), file, "folder:" + folder + ":" + root);
    }

    /** One top-level folder upload: the recursion of protocol 3.5 with one progress for all files. */
    private final class FolderRun {
        private final UploadFolderOptions options;
        private final UploadCapabilities capabilities;
        private final UploadProgress progress;
        private final String folderKey;
        private Path top;
        private String topRoot;

        FolderRun(UploadFolderOptions options, UploadCapabilities capabilities, UploadProgress progress,
                  String folderKey) {
            this.options = options;
            this.capabilities = capabilities;
            this.progress = progress;
            this.folderKey = folderKey;
        }

        Map<String, Object> upload(Path folder, String root, Map<String, Object> session) {
            if (top == null) {
                top = folder;
                topRoot = root;
            }
            Map<String, Object> resp = session;
            for (Path child : sortedChildren(folder)) {
                if (Files.isSymbolicLink(child)) {
                    LOG.warn("Skipping the symbolic link {}: links inside an uploaded folder are never followed",
                            child);
                    continue;
                }
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    resp = upload(child, root + "/" + child.getFileName(), resp);
                } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    resp = file(child, root, resp);
                }
            }
            return resp;
        }

        private Map<String, Object> file(Path child, String root, Map<String, Object> resp) {
            LocalFile file = LocalFile.open(child);
            progress.describe(child.getFileName().toString());
            String doneKey = folderKey == null ? null : fileInFolderKey(file, top, topRoot);
            String uniqueId = text(resp.get("unique_id"));
            if (doneKey != null && !uniqueId.isEmpty()) {
                ResumeStore.Session done = resumeStore.find(doneKey).orElse(null);
                if (done != null && done.chunkSize() < 0 && done.uniqueId().equals(uniqueId)) {
                    LOG.info("Skipping {}: already uploaded in session {}", file.path(), uniqueId);
                    progress.advance(file.size());
                    return resp;
                }
            }
            UploadBigFileOptions fileOptions = new UploadBigFileOptions(options.chunkSize(), options.debugMode(), root,
                    resp, false, true);
            Map<String, Object> next = bigFile(child.toString(), file, fileOptions, progress, capabilities, doneKey);
            String sessionId = text(next.get("unique_id"));
            if (folderKey != null && !sessionId.isEmpty()) {
                String path = next.containsKey("root_folder") || next.containsKey("path") ? sessionPath(next) : "";
                resumeStore.save(folderKey, new ResumeStore.Session(sessionId, path, 0));
                if (file.size() < ChunkPlan.SMALL_SIZE) {
                    resumeStore.save(doneKey, new ResumeStore.Session(sessionId, path, -1));
                }
            }
            LOG.info("Uploaded {} ({} bytes) to {}/{}", file.path(), file.size(), root, file.name());
            return next;
        }
    }

    // ------------------------------------------------------------------------------ integrity

    /** SHA-256 of the file read front to back (stops early when {@code stop} is set). */
    private static String sha256(LocalFile file, AtomicBoolean stop) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
        long read = 0;
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
            int n;
            while (!stop.get() && (n = channel.read(buffer)) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                read += n;
            }
        } catch (IOException e) {
            throw new UploadException("Cannot read " + file.path() + " (" + e.getMessage() + "); check that it still"
                    + " exists and is readable, then run the upload again.", e);
        }
        if (stop.get()) {
            return null;
        }
        if (read != file.size()) {
            throw new UploadException(file.path() + " changed while it was uploaded (" + read + " bytes read, "
                    + file.size() + " expected); nothing was merged. Wait until whatever writes it has finished, then"
                    + " run the upload again.");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void requireSameSha(LocalFile file, String localSha, Object answer, String call) {
        String serverSha = answer instanceof JsonNode node ? node.path("sha256").asText("")
                : text(((Map<?, ?>) answer).get("sha256"));
        if (!localSha.equalsIgnoreCase(serverSha)) {
            throw new UploadException("Integrity check failed for " + file.path() + ": " + call + " answered SHA-256 '"
                    + serverSha + "' but the file read here has " + localSha + ". Upload the file again; if it keeps"
                    + " failing, check the disk and the network path to the server.");
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private static BytesSentListener progressOf(UploadProgress progress, AtomicLong counted) {
        return (sent, total) -> {
            long now = Math.min(sent, total);
            long before = counted.getAndSet(now);
            progress.advance(now - before);
        };
    }

    private UploadException failure(LocalFile file, String what, Throwable cause) {
        return new UploadException("Uploading " + file.path() + ": " + transport.mask(what), cause);
    }

    private Map<String, Object> plainMap(JsonNode node) {
        Object plain = transport.json().plain(node);
        if (plain instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("message", plain);
        return wrapped;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadException("Interrupted while waiting to re-send a chunk; run the call again to resume.", e);
        }
    }
}
