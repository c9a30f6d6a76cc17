package org.spatialx.server.upload;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.upload.ChunkLayout.Chunk;

/**
 * The upload sessions of a server (protocol 3.3-3.5 and the local extensions of
 * docs/protocol-extensions.md). A {@link UploadSession} has an id, a folder under
 * {@code <home>/upload-sessions/} and a row in {@code upload_sessions}; in it, files arrive chunk by
 * chunk ({@link StagedFile}, any order, in parallel) and the finished files of a folder upload wait.
 * Nothing is visible at its target until it is published: a stand-alone file at merge, the files of a
 * folder at folder_finish.
 *
 * <p>One place each: {@link #folderOf} turns an id into a session folder, {@link ChunkLayout} checks a
 * chunk's fields, {@link AtomicFiles#publish} moves a finished file into place and {@link #delete} removes
 * staging.
 */
public final class UploadSessions {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final String OPEN = "open";
    private static final String FINISHED = "finished";

    private final Database database;
    private final Mounts mounts;
    private final Path root;
    private final long maxChunkSize;
    private final Clock clock;
    /** Monitors of sessions (by id) and of staged files (by folder). */
    private final Map<Object, Object> locks = new ConcurrentHashMap<>();
    /** The staged files being received, by folder: their running hashes live here. */
    private final Map<Path, StagedFile> staged = new ConcurrentHashMap<>();

    /**
     * @param root         the sessions' folder ({@code <home>/upload-sessions})
     * @param maxChunkSize the largest chunk accepted
     */
    public UploadSessions(Database database, Mounts mounts, Path root, long maxChunkSize, Clock clock) {
        this.database = database;
        this.mounts = mounts;
        this.root = root;
        this.maxChunkSize = maxChunkSize;
        this.clock = clock;
    }

    // ---- where files go -------------------------------------------------------------------------

    /** The upload area ({@code Upload}): an upload's {@code folder_name} is relative to it (protocol 3). */
    Path uploadRoot() {
        return mounts.upload().root();
    }

    /** A folder named by the client, relative to the upload area or absolute, checked to be inside a mount. */
    Path folder(String folderName) {
        return mounts.resolve(folderName, uploadRoot());
    }

    /** Where {@code folder/name} goes (checked to be inside a mount). */
    UploadTarget target(String folderName, String name) {
        String checked = UploadTarget.fileName(name);
        Path base = uploadRoot();
        Path dir = folderName == null || folderName.isEmpty() ? base : mounts.resolve(folderName, base);
        return new UploadTarget(Objects.requireNonNullElse(folderName, ""), checked, mounts.resolve(checked, dir));
    }

    // ---- sessions -------------------------------------------------------------------------------

    /** A new session with an id made by the server. */
    UploadSession create(String folderName) throws IOException {
        return open(UUID.randomUUID().toString().replace("-", ""), folderName);
    }

    /** The session {@code id} names, created (folder and row) when new: a client may bring its own id. */
    UploadSession open(String id, String folderName) throws IOException {
        Path folder = folderOf(id).orElseThrow(() -> UploadException.invalid("Invalid unique_id '" + id
                + "': use letters, digits, '-', '_' or '.'."));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("Cannot create the upload session folder: " + e.getMessage(), e);
        }
        database.write(c -> Sql.update(c, "INSERT OR IGNORE INTO upload_sessions(unique_id, folder_name, state,"
                + " created_at, updated_at) VALUES (?,?,?,?,?)", id, folderName, OPEN, now(), now()));
        return new UploadSession(id, folder);
    }

    /** The existing session {@code id} names, or empty (also for an id no session can have). */
    Optional<UploadSession> find(String id) {
        return folderOf(id).filter(Files::isDirectory).map(folder -> new UploadSession(id, folder));
    }

    /** The folder of session {@code id}, or empty when {@code id} is not a valid session id. */
    private Optional<Path> folderOf(String id) {
        return SESSION_ID.matcher(id).matches() ? Optional.of(root.resolve(id)) : Optional.empty();
    }

    private void touch(UploadSession session) {
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET updated_at = ? WHERE unique_id = ?",
                now(), session.id()));
    }

    private void finished(UploadSession session) {
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET state = ?, updated_at = ? WHERE unique_id = ?",
                FINISHED, now(), session.id()));
    }

    /**
     * Deletes the folders of sessions untouched for {@code maxAge} (their chunks were never merged,
     * or their folder never finished), left by a previous process.
     */
    public void removeAbandoned(Duration maxAge) throws IOException {
        Instant cutoff = clock.instant().minus(maxAge);
        try (Stream<Path> sessions = Files.list(root)) {
            for (Path session : sessions.toList()) {
                if (Files.getLastModifiedTime(session).toInstant().isBefore(cutoff)) {
                    delete(session);
                }
            }
        }
    }

    // ---- whole files ----------------------------------------------------------------------------

    /** Stores a whole file at its target: visible at once, in one step. */
    void publish(Path content, UploadTarget target) throws IOException {
        AtomicFiles.publish(content, target.path());
    }

    /** Adds a whole file to a folder upload: it waits in the session until folder_finish. */
    void addToFolder(UploadSession session, Path content, UploadTarget target, long size, String sha256)
            throws IOException {
        Path uploadRoot = uploadRoot();
        if (!target.path().startsWith(uploadRoot)) {
            throw UploadException.invalid("Files of a folder upload must go to the upload area " + uploadRoot
                    + "; " + target.path() + " is elsewhere. Upload to another mount without is_chunk.");
        }
        Path waiting = session.tree().resolve(uploadRoot.relativize(target.path()).toString());
        synchronized (lock(session.id())) {
            AtomicFiles.publish(content, waiting);
            session.addFile(new StoredFile(target.path().toString(), size, sha256));
        }
    }

    // ---- chunked files --------------------------------------------------------------------------

    /** The layout of a chunked file as the client describes it; a chunk size out of bounds is refused. */
    ChunkLayout layout(long chunkSize, long fileSize) {
        return ChunkLayout.of(chunkSize, fileSize, maxChunkSize);
    }

    /**
     * The staging of the file going to {@code target}, started on its first chunk; a conflict when
     * the layout differs from the one its first chunk gave.
     */
    StagedFile staging(UploadSession session, UploadTarget target, ChunkLayout layout) throws IOException {
        Path folder = session.chunkFolder(target.path());
        synchronized (lock(folder)) {
            Optional<StagedFile> existing = staged(folder);
            if (existing.isEmpty()) {
                StagedFile file = StagedFile.create(folder, layout, target);
                staged.put(folder, file);
                return file;
            }
            ChunkLayout known = existing.get().layout();
            if (!known.equals(layout)) {
                throw UploadException.conflict("Session " + session.id() + " already receives " + target.name()
                        + " with chunk_size " + known.chunkSize() + " and file_size " + known.fileSize()
                        + "; keep the same values or start a new session.");
            }
            return existing.get();
        }
    }

    /** The staging of the file going to {@code target}, if a chunk of it arrived. */
    Optional<StagedFile> staged(UploadSession session, UploadTarget target) throws IOException {
        return staged(session.chunkFolder(target.path()));
    }

    /** The staging of the file called {@code name} in any folder; an error when several match. */
    Optional<StagedFile> staged(UploadSession session, String name) throws IOException {
        Optional<StagedFile> found = Optional.empty();
        for (StagedFile file : stagedFiles(session)) {
            if (name.equals(file.target().name())) {
                if (found.isPresent()) {
                    throw UploadException.invalid("Session " + session.id() + " has several files named " + name
                            + "; add 'folder_name' to the status request.");
                }
                found = Optional.of(file);
            }
        }
        return found;
    }

    private List<StagedFile> stagedFiles(UploadSession session) throws IOException {
        List<StagedFile> files = new ArrayList<>();
        if (Files.isDirectory(session.chunks())) {
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(session.chunks())) {
                for (Path folder : folders) {
                    staged(folder).ifPresent(files::add);
                }
            }
        }
        return files;
    }

    /** The staging in {@code folder} (loaded from disk the first time, e.g. after a restart), if any. */
    private Optional<StagedFile> staged(Path folder) throws IOException {
        synchronized (lock(folder)) {
            if (!Files.isRegularFile(folder.resolve("meta.properties"))) {
                return Optional.empty();
            }
            StagedFile file = staged.get(folder);
            if (file == null) {
                file = StagedFile.load(folder).orElseThrow();
                staged.put(folder, file);
            }
            return Optional.of(file);
        }
    }

    /**
     * Counts chunk {@code chunk} of {@code file} as received, after checking its SHA-256 against
     * {@code expectedSha256} when the client sent one. Returns the chunk's SHA-256 when it was checked,
     * else null (none is computed then).
     */
    String receive(UploadSession session, StagedFile file, Chunk chunk, ChunkBytes bytes, String expectedSha256)
            throws IOException {
        String sha256 = null;
        if (expectedSha256 != null && !expectedSha256.isBlank()) {
            sha256 = bytes.sha256();
            if (sha256 == null) {
                // the sha256 field came after the file part: the parser did not hash it, read it back once
                sha256 = ((ChunkBytes.InPlace) bytes).writer().sha256OfWritten();
            }
            if (!expectedSha256.trim().equalsIgnoreCase(sha256)) {
                throw UploadException.invalid("Chunk " + chunk.index() + " of " + file.target().name()
                        + " arrived damaged: its SHA-256 is " + sha256 + " but the client sent " + expectedSha256.trim()
                        + ". Nothing was kept; re-send it.");
            }
        }
        switch (bytes) {
            case ChunkBytes.InPlace inPlace -> inPlace.writer().commit(); // the bytes are already at their offset
            case ChunkBytes.InTemporaryFile temporary -> {
                try (StagedFile.ChunkWriter writer = file.begin(chunk.index())) {
                    writer.copyFrom(temporary.file());
                    writer.commit();
                }
            }
        }
        touch(session);
        return sha256;
    }

    /**
     * Publishes a file whose chunks all arrived, after checking its size and, when the client sent one,
     * its SHA-256: at its target ({@code moveToParent}, a stand-alone file) or into the session's folder
     * upload. Its staging is deleted either way; a stand-alone file's session closes when nothing else
     * waits in it.
     */
    StoredFile merge(UploadSession session, UploadTarget target, long total, String expectedSha256,
                     boolean moveToParent) throws IOException {
        Path folder = session.chunkFolder(target.path());
        StoredFile stored;
        synchronized (lock(folder)) {
            StagedFile file = staged(folder).orElseThrow(() -> UploadException.notFound("No chunk of " + target.name()
                    + " was received in session " + session.id() + " (folder_name '" + target.folderName()
                    + "'); send them with upload/chunk/process, then merge."));
            ChunkLayout layout = file.layout();
            if (total != layout.count()) {
                throw UploadException.invalid("total " + total + " does not match " + target.name() + ": file_size "
                        + layout.fileSize() + " in chunks of " + layout.chunkSize() + " makes " + layout.count()
                        + " chunks.");
            }
            List<Long> missing = file.missing();
            if (!missing.isEmpty()) {
                throw UploadException.conflict("missing " + (missing.size() == 1 ? "chunk " : "chunks ")
                        + join(missing) + " of " + target.name() + "; re-send " + (missing.size() == 1 ? "it" : "them")
                        + " and merge again.");
            }
            // the chunks are already in place: hash what the running SHA-256 has not covered, then rename
            String sha256 = file.finishHash();
            long size = Files.size(file.data());
            try {
                if (size != layout.fileSize()) {
                    throw UploadException.invalid("The chunks of " + target.name() + " add up to " + size
                            + " bytes, not file_size " + layout.fileSize() + "; re-send them.");
                }
                if (expectedSha256 != null && !expectedSha256.isBlank()
                        && !expectedSha256.trim().equalsIgnoreCase(sha256)) {
                    throw UploadException.invalid("The merged " + target.name() + " has SHA-256 " + sha256
                            + " but the client read " + expectedSha256.trim()
                            + "; the merged file was deleted. Upload the file again.");
                }
                if (moveToParent) {
                    publish(file.data(), target);
                } else {
                    addToFolder(session, file.data(), target, size, sha256);
                }
            } finally {
                staged.remove(folder);
                delete(folder); // published, or refused: nothing of it is kept
            }
            stored = new StoredFile(target.path().toString(), layout.fileSize(), sha256);
        }
        if (moveToParent) {
            closeIfEmpty(session);
        }
        return stored;
    }

    private void closeIfEmpty(UploadSession session) throws IOException {
        synchronized (lock(session.id())) {
            boolean pending = Files.isDirectory(session.chunks()) && hasChildren(session.chunks());
            boolean waiting = Files.isDirectory(session.tree()) && hasChildren(session.tree());
            if (!pending && !waiting) {
                delete(session.root());
                locks.remove(session.id());
                finished(session);
            }
        }
    }

    // ---- folder uploads -------------------------------------------------------------------------

    /**
     * Publishes the files of a folder upload (protocol 3.5) and closes its session: the folder appears
     * in one rename when it is new, else file by file. Refused while a file still has unmerged chunks.
     *
     * @param folderName the folder as the client named it
     * @param folder     where it resolves to
     * @return the session's files, by path
     */
    List<StoredFile> finish(UploadSession session, String folderName, Path folder) throws IOException {
        Path uploadRoot = uploadRoot();
        List<StoredFile> files;
        synchronized (lock(session.id())) {
            Optional<StagedFile> unmerged = stagedFiles(session).stream().findFirst();
            if (unmerged.isPresent()) {
                throw UploadException.conflict("File " + unmerged.get().target().path() + " of session "
                        + session.id() + " has chunks but was never merged; merge it (upload/chunk/merge) before"
                        + " upload/folder_finish.");
            }
            files = session.files();
            Path tree = session.tree();
            Path waitingFolder = tree.resolve(uploadRoot.relativize(folder).toString());
            if (!folderName.isEmpty() && Files.isDirectory(waitingFolder) && !Files.exists(folder)) {
                // the whole folder appears in one rename
                Files.createDirectories(folder.getParent());
                Files.move(waitingFolder, folder, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.isDirectory(tree)) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    for (Path waiting : walk.filter(Files::isRegularFile).toList()) {
                        AtomicFiles.publish(waiting, mounts.resolve(tree.relativize(waiting).toString(), uploadRoot));
                    }
                }
            }
            delete(session.root());
            locks.remove(session.id());
        }
        finished(session);
        files.sort(Comparator.comparing(StoredFile::path));
        return files;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Deletes a staging folder (a session's, or one file's chunks) and everything in it. */
    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean hasChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private Object lock(Object key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }

    private static String join(List<Long> values) {
        StringBuilder sb = new StringBuilder();
        for (Long v : values) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
