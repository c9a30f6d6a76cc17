package org.spatialx.server.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.storage.OwnerOnly;
import org.spatialx.server.storage.StorageException;
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
 * <p>Session ids are made by the server ({@link #create}: 32 random hex digits) and a request's id is
 * accepted only in that shape and only while its session is open in the database, so an id is never a
 * path component such as {@code ..}. One place each: {@link #sessionFolder} turns an id into a session
 * folder, {@link ChunkLayout} checks a chunk's fields, {@link AtomicFiles#publish} moves a finished file into
 * place (through a {@link Publisher}) and {@link #deleteInside} removes staging, checking that it stays inside
 * the folder it cleans.
 *
 * <p>Merge is crash-safe: a marker ({@code publishing.properties}) is written in the file's staging folder
 * before the rename and removed with the folder after it; {@link #recoverInterruptedMerges} finishes, at
 * start-up, what a crash between the two left. A file whose publishing fails keeps its received chunks.
 */
public final class UploadSessions {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSessions.class);
    /** The shape of the ids {@link #create} makes; nothing else is ever a session id. */
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String OPEN = "open";
    private static final String FINISHED = "finished";
    private static final String ABANDONED = "abandoned";
    /** Written in a staging folder just before its file is renamed into place (what it became, where). */
    private static final String PUBLISHING = "publishing.properties";
    /** How many runs of missing chunks a refused merge names. */
    private static final int MISSING_SHOWN = 20;

    /** Moves a finished file into place in one step ({@link AtomicFiles#publish}); tests inject failures here. */
    @FunctionalInterface
    interface Publisher {
        void publish(Path source, Path target) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Mounts mounts;
    private final Path root;
    private final long maxChunkSize;
    private final Clock clock;
    private final Publisher publisher;
    /** Monitors of sessions (by id) and of staged files (by folder). */
    private final Map<Object, Object> locks = new ConcurrentHashMap<>();
    /** The staged files being received, by folder: their running hashes live here. */
    private final Map<Path, StagedFile> staged = new ConcurrentHashMap<>();

    /**
     * @param root         the sessions' folder ({@code <home>/upload-sessions})
     * @param maxChunkSize the largest chunk accepted
     */
    public UploadSessions(Database database, Mounts mounts, Path root, long maxChunkSize, Clock clock) {
        this(database, mounts, root, maxChunkSize, clock, AtomicFiles::publish);
    }

    /** A store whose finished files are moved into place by {@code publisher}. */
    UploadSessions(Database database, Mounts mounts, Path root, long maxChunkSize, Clock clock, Publisher publisher) {
        this.database = database;
        this.mounts = mounts;
        this.root = root.toAbsolutePath().normalize();
        this.maxChunkSize = maxChunkSize;
        this.clock = clock;
        this.publisher = publisher;
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

    /** A new session with an id made by the server (32 random hex digits). */
    UploadSession create(String folderName) throws IOException {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Path folder = sessionFolder(id);
        try {
            OwnerOnly.createDirectories(folder);
        } catch (IOException e) {
            throw StorageException.of("Cannot create the upload session folder " + folder, e, "");
        }
        database.write(c -> Sql.update(c, "INSERT INTO upload_sessions(unique_id, folder_name, state, created_at,"
                + " updated_at) VALUES (?,?,?,?,?)", id, Objects.requireNonNullElse(folderName, ""), OPEN, now(), now()));
        return new UploadSession(id, folder);
    }

    /**
     * The open session {@code id} names, or empty: also for an id the server never issued, one whose session
     * finished or was abandoned, and anything that is not in the shape of an id it issues.
     */
    Optional<UploadSession> find(String id) {
        if (id == null || !SESSION_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        boolean open = database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM upload_sessions WHERE unique_id = ?"
                + " AND state = ?", id, OPEN)) > 0;
        return open ? Optional.of(new UploadSession(id, sessionFolder(id))) : Optional.empty();
    }

    /** The open session {@code id} names, or a not-found refusal saying how to get one. */
    UploadSession require(String id) {
        return find(id).orElseThrow(() -> UploadException.notFound("Upload session '" + shown(id) + "' does not exist"
                + " or is finished: start one with upload/chunk/start (or upload/simple with an empty unique_id and"
                + " is_chunk=True) and send the unique_id it answers."));
    }

    private static String shown(String id) {
        String text = String.valueOf(id);
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    /** The folder of a session whose id has the shape {@link #create} makes: always a child of {@code root}. */
    private Path sessionFolder(String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a session id: " + shown(id));
        }
        return root.resolve(id);
    }

    private void touch(UploadSession session) {
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET updated_at = ? WHERE unique_id = ?",
                now(), session.id()));
    }

    private void setState(UploadSession session, String state) {
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET state = ?, updated_at = ? WHERE unique_id = ?",
                state, now(), session.id()));
    }

    /**
     * Deletes the sessions untouched for {@code maxAge} (their chunks were never merged, or their folder
     * never finished), left by a previous process, and the folders of sessions that are no longer open.
     */
    public void removeAbandoned(Duration maxAge) throws IOException {
        long cutoff = clock.instant().minus(maxAge).getEpochSecond();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                String id = folder.getFileName().toString();
                Map<String, Object> row = SESSION_ID.matcher(id).matches() ? database.read(c -> Sql.one(c,
                        "SELECT state, updated_at FROM upload_sessions WHERE unique_id = ?", id)) : null;
                boolean stale = row == null
                        ? Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant()
                                .isBefore(Instant.ofEpochSecond(cutoff))
                        : !OPEN.equals(row.get("state")) || ((Number) row.get("updated_at")).longValue() < cutoff;
                if (stale) {
                    if (row != null && OPEN.equals(row.get("state"))) {
                        setState(new UploadSession(id, folder), ABANDONED);
                    }
                    deleteInside(root, folder);
                }
            }
        }
    }

    /**
     * Finishes the merges a crash interrupted (run at start-up, before requests): a staging folder whose
     * marker says its file was being published either lost its staging file to the rename (the file is
     * published: its folder upload learns of it, the folder goes) or still holds it (the rename never
     * happened: the marker goes, the chunks stay for the next merge).
     */
    public void recoverInterruptedMerges() throws IOException {
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.toList()) {
                String id = folder.getFileName().toString();
                Path chunks = folder.resolve("chunks");
                if (!SESSION_ID.matcher(id).matches() || !Files.isDirectory(chunks, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                UploadSession session = new UploadSession(id, folder);
                try (Stream<Path> files = Files.list(chunks)) {
                    for (Path staging : files.toList()) {
                        recover(session, staging);
                    }
                }
            }
        }
    }

    private void recover(UploadSession session, Path staging) throws IOException {
        Path marker = staging.resolve(PUBLISHING);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Properties published = new Properties();
        try (var reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            published.load(reader);
        }
        if (Files.exists(staging.resolve(StagedFile.DATA), LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("A merge of {} stopped before it published the file; its chunks are kept", staging);
            Files.delete(marker);
            return;
        }
        StoredFile file = new StoredFile(published.getProperty("path"), Long.parseLong(published.getProperty("size")),
                published.getProperty("sha256"));
        boolean moveToParent = Boolean.parseBoolean(published.getProperty("move_to_parent"));
        if (!moveToParent && !session.hasFile(file.path())) {
            session.addFile(file); // renamed into the folder upload, not yet listed in it
        }
        deleteInside(session.chunks(), staging);
        LOG.info("Finished a merge that a stop interrupted: {} was published at {}", file.path(),
                moveToParent ? file.path() : "folder_finish");
        if (moveToParent && find(session.id()).isPresent()) {
            closeIfEmpty(session);
        }
    }

    // ---- whole files ----------------------------------------------------------------------------

    /** Stores a whole file at its target: visible at once, in one step. */
    void publish(Path content, UploadTarget target) throws IOException {
        requireNoFolderAt(target);
        try {
            publisher.publish(content, target.path());
        } catch (IOException e) {
            throw StorageException.of("Cannot store " + target.name() + " at " + target.path(), e, "Nothing was stored.");
        }
    }

    /** A conflict when a folder is where a file would go (publishing would fail, or replace an empty folder). */
    private static void requireNoFolderAt(UploadTarget target) {
        if (Files.isDirectory(target.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw UploadException.conflict("A folder already exists at " + target.path() + ", where " + target.name()
                    + " would go; upload it under another name or folder_name.");
        }
    }

    /** Adds a whole file to a folder upload: it waits in the session until folder_finish. */
    void addToFolder(UploadSession session, Path content, UploadTarget target, long size, String sha256)
            throws IOException {
        requireInUploadArea(target);
        Path uploadRoot = uploadRoot();
        Path waiting = session.tree().resolve(uploadRoot.relativize(target.path()).toString());
        synchronized (lock(session.id())) {
            publisher.publish(content, waiting);
            session.addFile(new StoredFile(target.path().toString(), size, sha256));
        }
    }

    private void requireInUploadArea(UploadTarget target) {
        Path uploadRoot = uploadRoot();
        if (!target.path().startsWith(uploadRoot)) {
            throw UploadException.invalid("Files of a folder upload must go to the upload area " + uploadRoot
                    + "; " + target.path() + " is elsewhere. Upload to another mount without is_chunk.");
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
     * upload. Sealed first, so no chunk arriving meanwhile writes into it. Published, its staging is deleted
     * (and a stand-alone file's session closes when nothing else waits in it); refused for its size or
     * SHA-256, it is deleted too (the upload starts afresh); refused for missing chunks, or not published
     * because the storage failed (permission denied, disk full), its received chunks are kept.
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
            layout.checkTotal(total, target.name());
            if (moveToParent) {
                requireNoFolderAt(target);
            } else {
                requireInUploadArea(target);
            }
            file.seal();
            boolean published = false;
            try {
                List<IndexRange> missing = file.missing();
                if (!missing.isEmpty()) {
                    long count = missing.stream().mapToLong(IndexRange::size).sum();
                    throw UploadException.conflict("missing " + (count == 1 ? "chunk " : "chunks ")
                            + IndexRange.describe(missing, MISSING_SHOWN) + (missing.size() > MISSING_SHOWN ? " ("
                            + count + " chunks in all)" : "") + " of " + target.name() + "; re-send "
                            + (count == 1 ? "it" : "them") + " and merge again.");
                }
                // the chunks are already in place: hash what the running SHA-256 has not covered, then rename
                String sha256 = file.finishHash();
                long size = Files.size(file.data());
                if (size != layout.fileSize()) {
                    discard(session, folder);
                    throw UploadException.invalid("The chunks of " + target.name() + " add up to " + size
                            + " bytes, not file_size " + layout.fileSize() + "; re-send them.");
                }
                if (expectedSha256 != null && !expectedSha256.isBlank()
                        && !expectedSha256.trim().equalsIgnoreCase(sha256)) {
                    discard(session, folder);
                    throw UploadException.invalid("The merged " + target.name() + " has SHA-256 " + sha256
                            + " but the client read " + expectedSha256.trim()
                            + "; the merged file was deleted. Upload the file again.");
                }
                stored = new StoredFile(target.path().toString(), layout.fileSize(), sha256);
                writeMarker(folder, stored, moveToParent);
                try {
                    if (moveToParent) {
                        publisher.publish(file.data(), target.path());
                    } else {
                        addToFolder(session, file.data(), target, size, sha256);
                    }
                } catch (IOException e) {
                    Files.deleteIfExists(folder.resolve(PUBLISHING));
                    throw StorageException.of("Cannot publish " + target.name() + " at " + target.path(), e,
                            "Its " + layout.count() + " received chunk(s) are kept: merge again once that is fixed.");
                }
                published = true;
                staged.remove(folder);
                deleteInside(session.chunks(), folder);
            } finally {
                if (!published) {
                    file.unseal();
                }
            }
        }
        if (moveToParent) {
            closeIfEmpty(session);
        }
        return stored;
    }

    /** Writes the marker of a file about to be published: what {@link #recover} needs after a crash. */
    private static void writeMarker(Path folder, StoredFile file, boolean moveToParent) throws IOException {
        Properties marker = new Properties();
        marker.setProperty("path", file.path());
        marker.setProperty("size", Long.toString(file.size()));
        marker.setProperty("sha256", file.sha256());
        marker.setProperty("move_to_parent", Boolean.toString(moveToParent));
        Path temp = folder.resolve(".publishing.tmp");
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        try (var writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            marker.store(writer, "being published");
        }
        Files.move(temp, folder.resolve(PUBLISHING), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a staged file whose content was refused: the next upload of it starts afresh. */
    private void discard(UploadSession session, Path folder) throws IOException {
        staged.remove(folder);
        deleteInside(session.chunks(), folder);
    }

    private void closeIfEmpty(UploadSession session) throws IOException {
        synchronized (lock(session.id())) {
            boolean pending = Files.isDirectory(session.chunks()) && hasChildren(session.chunks());
            boolean waiting = Files.isDirectory(session.tree()) && hasChildren(session.tree());
            if (!pending && !waiting) {
                deleteInside(root, session.root());
                locks.remove(session.id());
                setState(session, FINISHED);
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
            List<Path> waitingFiles = List.of();
            if (Files.isDirectory(tree)) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    waitingFiles = walk.filter(Files::isRegularFile).toList();
                }
            }
            for (Path waiting : waitingFiles) {
                requirePublishable(mounts.resolve(tree.relativize(waiting).toString(), uploadRoot), uploadRoot);
            }
            requireFolderPath(folder, uploadRoot);
            try {
                Path waitingFolder = tree.resolve(uploadRoot.relativize(folder).toString());
                if (!folderName.isEmpty() && Files.isDirectory(waitingFolder) && !Files.exists(folder)) {
                    // the whole folder appears in one rename
                    OwnerOnly.createDirectories(folder.getParent());
                    Files.move(waitingFolder, folder, StandardCopyOption.ATOMIC_MOVE);
                }
                for (Path waiting : waitingFiles) {
                    if (Files.exists(waiting)) {
                        publisher.publish(waiting, mounts.resolve(tree.relativize(waiting).toString(), uploadRoot));
                    }
                }
            } catch (IOException e) {
                throw StorageException.of("Cannot publish the folder " + folder, e, "The files not yet in place wait"
                        + " in the session: finish it again once that is fixed.");
            }
            deleteInside(root, session.root());
            locks.remove(session.id());
        }
        setState(session, FINISHED);
        files.sort(Comparator.comparing(StoredFile::path));
        return files;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A conflict when a folder is where a file of a finished folder upload goes, or a file where its folders go. */
    private static void requirePublishable(Path file, Path uploadRoot) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw UploadException.conflict("A folder already exists at " + file + ", where the folder upload puts a"
                    + " file; finish it into another folder_name, or move that folder away first.");
        }
        requireFolderPath(file.getParent(), uploadRoot);
    }

    /** A conflict when a file is at {@code dir} or at one of its parents below the upload area. */
    private static void requireFolderPath(Path dir, Path uploadRoot) {
        for (Path p = dir; p != null && p.startsWith(uploadRoot) && !p.equals(uploadRoot); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
                throw UploadException.conflict("A file already exists at " + p + ", where the folder upload puts a"
                        + " folder; finish it into another folder_name, or move that file away first.");
            }
        }
    }

    /**
     * Deletes a staging folder (a session's, or one file's chunks) and everything in it, after checking that it
     * lies inside {@code area}, the folder it cleans (never {@code area} itself); links are deleted, not followed.
     */
    private static void deleteInside(Path area, Path folder) throws IOException {
        Path base = area.toAbsolutePath().normalize();
        Path normal = folder.toAbsolutePath().normalize();
        if (!normal.startsWith(base) || normal.equals(base)) {
            throw new IllegalStateException("Refusing to delete " + folder + ": it is not inside " + area);
        }
        if (!Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(normal)) {
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

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
