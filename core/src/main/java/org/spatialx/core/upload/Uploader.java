package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.spatialx.core.transport.SpatialXTransport;

/**
 * The uploads of the Python SDK, {@code upload_file}, {@code upload_big_file} and {@code upload_folder}
 * (protocol section 3). Against a server that advertises nothing more they are wire-exact: the same
 * requests with the same fields in the same order, chunks one after another. When the server
 * advertises {@code capabilities.upload} (or {@link UploadSettings.Mode#EXTENDED} is chosen) chunks
 * are sent in parallel, retried with backoff, resumed after an interruption through
 * {@code upload/chunk/status}, and the file's SHA-256, computed while reading it, is checked by the
 * server at merge and compared with the server's answer. Chunks are streamed from the file: heap
 * use does not grow with the file size.
 *
 * <p>The requests are in {@link ChunkEndpoints}; one file's algorithm in {@link FileUpload} (with
 * {@link ParallelChunkSender}), a folder's in {@link FolderUpload}.
 */
public final class Uploader {

    private final UploadSettings settings;
    private final UploadProgressListener progressListener;
    private final ChunkEndpoints endpoints;
    private final FileUpload files;
    private final FolderUpload folders;
    private final AtomicReference<UploadCapabilities> advertised = new AtomicReference<>();

    /** Uploads through {@code transport} with {@code settings}, telling {@code progressListener} how each goes. */
    public Uploader(SpatialXTransport transport, UploadSettings settings, UploadProgressListener progressListener) {
        Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
        ResumeStore resumeStore = new ResumeStore(settings.resumeDirectory(), transport.domain());
        this.endpoints = new ChunkEndpoints(transport);
        this.files = new FileUpload(settings, endpoints, resumeStore);
        this.folders = new FolderUpload(endpoints, files, resumeStore);
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
            case AUTO -> advertised.updateAndGet(known -> known != null ? known : endpoints.advertised());
        };
    }

    /**
     * {@code upload_file(file_path, server_folder_name, upload_id, is_chunk)}: one {@code upload/simple}
     * request (protocol 3.3), whatever the file size. Returns the server's payload.
     */
    public Map<String, Object> uploadFile(Path filePath, UploadFileOptions options) {
        LocalFile file = LocalFile.open(filePath);
        UploadCapabilities capabilities = capabilities();
        try (UploadProgress progress = UploadProgress.start(file.path().toString(), file.size(), false,
                progressListener)) {
            JsonNode answer = files.simple(file, options, progress, capabilities);
            progress.finished(answer.path("path").asText(""));
            return endpoints.plainMap(answer);
        }
    }

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
                progressListener)) {
            Map<String, Object> answer = files.upload(file, options, progress, capabilities, null);
            progress.finished(Objects.toString(answer.get("path"), ""));
            return answer;
        }
    }

    /**
     * {@code upload_folder(dir_path, chunk_size, debug_mode, server_folder_name, chunk_resp, is_chunk)}
     * (protocol 3.5, with its bugs fixed: children in sorted name order, an empty folder works,
     * symbolic links inside the folder are skipped, files and directories alike). Every file shares one
     * {@code unique_id}; the top-level call ends with {@code upload/folder_finish} and returns its answer.
     */
    public Map<String, Object> uploadFolder(Path dirPath, UploadFolderOptions options) {
        List<LocalFile> localFiles = FolderUpload.filesOf(dirPath);
        long total = localFiles.stream().mapToLong(LocalFile::size).sum();
        UploadCapabilities capabilities = capabilities();
        try (UploadProgress progress = UploadProgress.start(dirPath.toAbsolutePath().normalize().toString(), total,
                options.debugMode(), progressListener)) {
            return folders.upload(dirPath, localFiles, options, progress, capabilities);
        }
    }
}
