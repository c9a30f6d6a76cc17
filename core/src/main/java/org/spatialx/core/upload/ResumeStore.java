package org.spatialx.core.upload;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small files remembering the server session of an unfinished chunked upload, so that re-running
 * the same call finds it again. A record's name is the SHA-256 of (server domain, absolute local
 * path, size, modification time, server folder): a changed file never resumes a stale session.
 * Records are written atomically and deleted after a successful merge.
 */
final class ResumeStore {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeStore.class);

    /**
     * What is remembered of a session.
     *
     * @param uniqueId  the session's {@code unique_id}
     * @param path      the {@code path} sent with every chunk
     * @param chunkSize the nominal chunk size used
     */
    record Session(String uniqueId, String path, long chunkSize) {
    }

    private final Path directory;
    private final String domain;

    /** Records in {@code directory} of uploads to the server at {@code domain}. */
    ResumeStore(Path directory, String domain) {
        this.directory = directory;
        this.domain = domain;
    }

    /** The record key of a file upload. */
    String key(LocalFile file, String serverFolder) {
        return sha256(String.join("\u0000", "file", domain, file.path().toString(), Long.toString(file.size()),
                Long.toString(file.modifiedMillis()), serverFolder));
    }

    /** The record key of a folder upload (the folder session's {@code unique_id}). */
    String folderKey(Path folder, String serverFolder) {
        return sha256(String.join("\u0000", "folder", domain, folder.toString(), serverFolder));
    }

    /** The record key marking a file of a folder upload as sent. */
    String fileInFolderKey(LocalFile file, Path folder, String root) {
        return key(file, "folder:" + folder + ":" + root);
    }

    Optional<Session> find(String key) {
        Path file = directory.resolve(key + ".properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new Session(properties.getProperty("unique_id", ""), properties.getProperty("path", ""),
                    Long.parseLong(properties.getProperty("chunk_size", "0"))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable upload resume record {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void save(String key, Session session) {
        Properties properties = new Properties();
        properties.setProperty("unique_id", session.uniqueId());
        properties.setProperty("path", session.path());
        properties.setProperty("chunk_size", Long.toString(session.chunkSize()));
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, key, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "SpatialX upload in progress; delete to start it afresh");
            }
            Files.move(temp, directory.resolve(key + ".properties"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Resume is a convenience: the upload itself goes on.
            LOG.warn("Cannot write the upload resume record in {} ({}); an interrupted upload will restart from"
                    + " the beginning.", directory, e.toString());
        }
    }

    void delete(String key) {
        try {
            Files.deleteIfExists(directory.resolve(key + ".properties"));
        } catch (IOException e) {
            LOG.warn("Cannot delete the upload resume record {}: {}", key, e.toString());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
