package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.SpatialXInvalidInputException;

import static org.spatialx.core.upload.ChunkEndpoints.sessionPath;
import static org.spatialx.core.upload.ChunkEndpoints.text;

/**
 * {@code upload_folder} (protocol 3.5, with its bugs fixed: children in sorted name order, an empty
 * folder works, symbolic links inside the folder are skipped): every file of the tree goes through
 * {@link FileUpload} in one session sharing a {@code unique_id}; the top-level call ends with
 * {@code upload/folder_finish}. With the resume extension, a re-run skips the files already sent.
 */
final class FolderUpload {

    private static final Logger LOG = LoggerFactory.getLogger(FolderUpload.class);

    private final ChunkEndpoints endpoints;
    private final FileUpload files;
    private final ResumeStore resumeStore;

    FolderUpload(ChunkEndpoints endpoints, FileUpload files, ResumeStore resumeStore) {
        this.endpoints = endpoints;
        this.files = files;
        this.resumeStore = resumeStore;
    }

    /** The local folder checked and its regular files listed, before anything is sent. */
    static List<LocalFile> filesOf(Path dirPath) {
        Path folder = dirPath.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new SpatialXInvalidInputException("Invalid directory: " + dirPath + (Files.exists(folder)
                    ? " is a file. Upload single files with upload_big_file." : " does not exist (looked at " + folder
                    + ")."));
        }
        List<LocalFile> found = new ArrayList<>();
        collect(folder, found);
        return found;
    }

    /**
     * Uploads {@code dirPath} whose files are {@code localFiles}, counted by {@code progress}; the
     * {@code folder_finish} answer, or the session object for a nested call ({@code is_chunk}).
     */
    Map<String, Object> upload(Path dirPath, List<LocalFile> localFiles, UploadFolderOptions options,
                               UploadProgress progress, UploadCapabilities capabilities) {
        Path folder = dirPath.toAbsolutePath().normalize();
        String root = options.serverFolderName().isEmpty() ? folder.getFileName().toString()
                : options.serverFolderName() + "/" + folder.getFileName();
        Map<String, Object> session = options.chunkResp() == null ? Map.of() : options.chunkResp();
        String folderKey = null;
        if (capabilities.resume() && !options.isChunk() && session.isEmpty()) {
            folderKey = resumeStore.folderKey(folder, options.serverFolderName());
            ResumeStore.Session remembered = resumeStore.find(folderKey).orElse(null);
            if (remembered != null) {
                session = new LinkedHashMap<>(Map.of("unique_id", remembered.uniqueId(), "root_folder",
                        remembered.path()));
                LOG.info("Resuming the folder upload of {} (session {})", folder, remembered.uniqueId());
            }
        }
        Tree tree = new Tree(folder, root, options, capabilities, progress, folderKey);
        session = tree.upload(folder, root, session);
        if (options.isChunk()) {
            return session;
        }
        String uniqueId = text(session.get("unique_id"));
        if (uniqueId.isEmpty()) {
            // Python fails here on an empty folder (protocol 11.13 F): open a session so folder_finish works.
            uniqueId = text(endpoints.start(root).get("unique_id"));
        }
        JsonNode finished;
        try {
            finished = endpoints.folderFinish(root, uniqueId);
        } catch (SpatialXException e) {
            if (folderKey != null) {
                resumeStore.delete(folderKey);
            }
            throw new UploadException("Uploading the folder " + folder + ": upload/folder_finish failed: "
                    + e.getMessage() + "\nThe folder is not complete on the server; run upload_folder again.", e);
        }
        if (folderKey != null) {
            resumeStore.delete(folderKey);
            for (LocalFile file : localFiles) {
                resumeStore.delete(resumeStore.fileInFolderKey(file, folder, root));
            }
        }
        progress.finished(localFiles.size() + " files to " + finished.path("path").asText(root));
        return endpoints.plainMap(finished);
    }

    /** Regular files under {@code folder} in upload order; symbolic links are skipped. */
    private static void collect(Path folder, List<LocalFile> found) {
        for (Path child : sortedChildren(folder)) {
            if (Files.isSymbolicLink(child)) {
                continue;
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                collect(child, found);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                found.add(LocalFile.open(child)); // fails before anything is sent if a file is unreadable
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

    /** The recursion of protocol 3.5 over one top-level folder, one progress for all its files. */
    private final class Tree {
        private final Path top;
        private final String topRoot;
        private final UploadFolderOptions options;
        private final UploadCapabilities capabilities;
        private final UploadProgress progress;
        private final String folderKey;

        Tree(Path top, String topRoot, UploadFolderOptions options, UploadCapabilities capabilities,
             UploadProgress progress, String folderKey) {
            this.top = top;
            this.topRoot = topRoot;
            this.options = options;
            this.capabilities = capabilities;
            this.progress = progress;
            this.folderKey = folderKey;
        }

        Map<String, Object> upload(Path folder, String root, Map<String, Object> session) {
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
            String doneKey = folderKey == null ? null : resumeStore.fileInFolderKey(file, top, topRoot);
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
            Map<String, Object> next = files.upload(file, fileOptions, progress, capabilities, doneKey);
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
}
