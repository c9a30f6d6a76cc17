package org.spatialx.server.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.FilePart;
import org.spatialx.server.http.PartReceiver;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Database;

/**
 * The upload endpoints of protocol section 3 ({@code upload/simple}, {@code upload/chunk/start},
 * {@code process}, {@code merge}, {@code upload/folder_finish}) plus the local extensions
 * (docs/protocol-extensions.md): chunks in any order and in parallel, {@code upload/chunk/status}
 * for resume, per-chunk and per-file SHA-256, and atomic visibility. Chunk parts and the files of a
 * folder session live in {@code <home>/upload-sessions/<unique_id>/} until merge / folder_finish.
 */
public final class UploadApi {

    /** The {@code capabilities.upload} object advertised in account/info. */
    public static Map<String, Object> capabilities(long maxChunkSize) {
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("out_of_order_chunks", true);
        upload.put("parallel_chunks", true);
        upload.put("max_parallel_chunks", 16);
        upload.put("resume", true);
        upload.put("sha256", true);
        upload.put("max_chunk_size", maxChunkSize);
        return Map.of("upload", upload);
    }

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final Database database;
    private final Mounts mounts;
    private final Path sessionsRoot;
    private final long maxChunkSize;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, StagedFile> staged = new ConcurrentHashMap<>();

    public UploadApi(Database database, Mounts mounts, Path sessionsRoot, long maxChunkSize, Clock clock) {
        this.database = database;
        this.mounts = mounts;
        this.sessionsRoot = sessionsRoot;
        this.maxChunkSize = maxChunkSize;
        this.clock = clock;
    }

    public void register(ApiServer server) {
        server.post("openapi/upload/simple", this::simple);
        server.post("openapi/upload/chunk/start", this::start);
        server.post("openapi/upload/chunk/process", this::process, this::openChunk);
        server.post("openapi/upload/chunk/status", this::status);
        server.post("openapi/upload/chunk/merge", this::merge);
        server.post("openapi/upload/chunk/finish", r -> Map.of()); // defined by the protocol, never called (2.1)
        server.post("openapi/upload/folder_finish", this::folderFinish);
    }

    // ---- protocol 3.3: one-request upload ------------------------------------------------------

    private Map<String, Object> simple(ApiRequest r) throws IOException {
        FilePart part = r.file("file");
        if (part == null) {
            throw ApiException.badRequest("upload/simple needs a multipart file part named 'file'.");
        }
        String folder = r.text("folder_name", "");
        String name = fileName(part.fileName());
        String uniqueId = r.text("unique_id", "");
        boolean isChunk = r.bool("is_chunk", false);
        Path target = target(folder, name);
        Map<String, Object> out = new LinkedHashMap<>();
        if (isChunk) {
            // a file of a folder session: staged until folder_finish (protocol 3.5)
            String session = uniqueId.isBlank() ? newSession(folder) : openSession(uniqueId, folder);
            Path staged = stagedPath(session, target);
            synchronized (lock(session)) {
                AtomicFiles.publish(part.content(), staged);
                recordManifest(session, target, part.size(), part.sha256());
            }
            uniqueId = session;
        } else {
            AtomicFiles.publish(part.content(), target);
        }
        out.put("path", target.toString());
        out.put("name", name);
        out.put("folder_name", folder);
        out.put("unique_id", uniqueId);
        out.put("root_folder", mounts.upload().root().toString());
        out.put("is_chunk", isChunk);
        out.put("size", part.size());
        out.put("sha256", part.sha256());
        return out;
    }

    // ---- protocol 3.4: chunked upload -----------------------------------------------------------

    private Map<String, Object> start(ApiRequest r) {
        String folder = r.text("folder_name", "");
        Path folderPath = mounts.resolve(folder, mounts.upload().root()); // must be inside a mount
        String session = newSession(folder);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unique_id", session);
        out.put("root_folder", mounts.upload().root().toString());
        out.put("path", folderPath.toString());
        out.put("folder_name", folder);
        return out;
    }

    /** One chunk of {@code upload/chunk/process} as its fields describe it, checked against each other. */
    private record ChunkRequest(String session, String folder, String name, long chunkSize, long fileSize,
                                long offset, long index, long length, Path target, Path dir) {
    }

    private ChunkRequest chunkRequest(String uniqueId, String folderName, String rawName, long chunkSize,
                                      long fileSize, long offset, long index) {
        String folder = Objects.requireNonNullElse(folderName, "");
        String session = openSession(uniqueId, folder);
        String name = fileName(rawName);
        if (chunkSize <= 0 || chunkSize > maxChunkSize) {
            throw ApiException.badRequest("chunk_size must be 1.." + maxChunkSize + " bytes, got " + chunkSize + ".");
        }
        long total = totalChunks(fileSize, chunkSize);
        if (fileSize < 0 || index < 0 || index >= Math.max(total, 1)) {
            throw ApiException.badRequest("sending_index " + index + " of " + name + " is outside 0.." + (total - 1)
                    + " (file_size " + fileSize + ", chunk_size " + chunkSize + ").");
        }
        long expectedEnd = Math.min(fileSize, (index + 1) * chunkSize);
        Path target = target(folder, name);
        return new ChunkRequest(session, folder, name, chunkSize, fileSize, offset, index,
                expectedEnd - index * chunkSize, target, chunkDir(session, target));
    }

    /**
     * Where a chunk's bytes go while they arrive: straight to their offset in the file's staging file,
     * when its fields came before the file part (as the protocol's clients send them) and agree. Else
     * null: the part goes to a temporary file and {@link #process} reports the problem or copies it.
     */
    private PartReceiver openChunk(Map<String, List<String>> fields, String field, String fileName) {
        if (!"file".equals(field)) {
            return null;
        }
        try {
            Function<String, String> value = key -> {
                List<String> values = fields.get(key);
                return values == null || values.isEmpty() ? null : values.get(0).trim();
            };
            if (value.apply("unique_id") == null) {
                return null;
            }
            ChunkRequest c = chunkRequest(value.apply("unique_id"), value.apply("folder_name"), value.apply("name"),
                    Long.parseLong(value.apply("chunk_size")), Long.parseLong(value.apply("file_size")),
                    Long.parseLong(value.apply("offset")), Long.parseLong(value.apply("sending_index")));
            if (c.offset() != c.index() * c.chunkSize() + c.length()) {
                return null;
            }
            return staging(c).begin(c.index());
        } catch (ApiException | IOException | NumberFormatException e) {
            return null; // a field missing or wrong: process() answers the precise error
        }
    }

    private Map<String, Object> process(ApiRequest r) throws IOException {
        FilePart part = r.file("file");
        if (part == null) {
            throw ApiException.badRequest("upload/chunk/process needs a multipart file part named 'file'.");
        }
        ChunkRequest c = chunkRequest(r.required("unique_id"), r.text("folder_name", ""), r.required("name"),
                r.requiredLong("chunk_size"), r.requiredLong("file_size"), r.requiredLong("offset"),
                r.requiredLong("sending_index"));
        if (c.offset() != c.index() * c.chunkSize() + c.length() || part.size() != c.length()) {
            throw ApiException.badRequest("Chunk " + c.index() + " of " + c.name() + " has " + part.size()
                    + " bytes and offset " + c.offset() + ", but chunk_size " + c.chunkSize() + " and file_size "
                    + c.fileSize() + " need " + c.length() + " bytes ending at " + (c.index() * c.chunkSize()
                    + c.length()) + " (offset is the END position, protocol 3.4). Re-send it.");
        }
        StagedFile staged = staging(c);
        boolean inPlace = part.receiver() instanceof StagedFile.ChunkWriter writer && writer.file() == staged
                && writer.index == c.index();
        if (!inPlace && part.content() == null) {
            throw ApiException.badRequest("Chunk " + c.index() + " of " + c.name() + " was received for another file"
                    + " than its fields name; nothing was kept. Re-send it.");
        }
        String expectedSha = r.text("sha256");
        boolean checkSha = expectedSha != null && !expectedSha.isBlank();
        String chunkSha = part.sha256();
        if (checkSha) {
            if (chunkSha == null) {
                // the sha256 field came after the file part: the parser did not hash it, read it back once
                chunkSha = ((StagedFile.ChunkWriter) part.receiver()).sha256OfWritten();
            }
            if (!expectedSha.trim().equalsIgnoreCase(chunkSha)) {
                throw ApiException.badRequest("Chunk " + c.index() + " of " + c.name() + " arrived damaged: its SHA-256"
                        + " is " + chunkSha + " but the client sent " + expectedSha.trim() + ". Nothing was kept;"
                        + " re-send it.");
            }
        }
        if (inPlace) {
            ((StagedFile.ChunkWriter) part.receiver()).commit(); // the bytes are already at their offset
        } else {
            try (StagedFile.ChunkWriter writer = staged.begin(c.index())) {
                writer.copyFrom(part.content());
                writer.commit();
            }
        }
        touch(c.session());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unique_id", c.session());
        out.put("name", c.name());
        out.put("sending_index", c.index());
        out.put("offset", c.offset());
        out.put("size", part.size());
        if (checkSha) {
            out.put("sha256", chunkSha); // only when the client sent one: else no per-chunk hash is computed
        }
        return out;
    }

    /** The staging of the chunk's file, created with its meta on the first chunk; 409 when sizes disagree. */
    private StagedFile staging(ChunkRequest c) throws IOException {
        Path dir = c.dir();
        synchronized (lock(dir.toString())) {
            Files.createDirectories(dir);
            Properties meta = readMeta(dir);
            if (meta == null) {
                meta = new Properties();
                meta.setProperty("chunk_size", Long.toString(c.chunkSize()));
                meta.setProperty("file_size", Long.toString(c.fileSize()));
                meta.setProperty("name", c.name());
                meta.setProperty("folder_name", c.folder());
                meta.setProperty("target", c.target().toString());
                writeMeta(dir, meta);
            } else if (Long.parseLong(meta.getProperty("chunk_size")) != c.chunkSize()
                    || Long.parseLong(meta.getProperty("file_size")) != c.fileSize()) {
                throw new ApiException(ApiException.CONFLICT, "Session " + c.session() + " already receives "
                        + c.name() + " with chunk_size " + meta.getProperty("chunk_size") + " and file_size "
                        + meta.getProperty("file_size") + "; keep the same values or start a new session.");
            }
            return stagedFile(dir, meta);
        }
    }

    /** The in-memory state of a staging folder with meta, loaded from disk the first time (e.g. after a restart). */
    private StagedFile stagedFile(Path dir, Properties meta) throws IOException {
        synchronized (lock(dir.toString())) {
            StagedFile file = staged.get(dir.toString());
            if (file == null) {
                file = StagedFile.load(dir, Long.parseLong(meta.getProperty("chunk_size")),
                        Long.parseLong(meta.getProperty("file_size")));
                staged.put(dir.toString(), file);
            }
            return file;
        }
    }

    private Map<String, Object> status(ApiRequest r) throws IOException {
        String session = r.required("unique_id");
        String name = fileName(r.required("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unique_id", session);
        out.put("name", name);
        Path dir = SESSION_ID.matcher(session).matches() ? findChunkDir(session, r.text("folder_name"), name) : null;
        Properties meta = dir == null ? null : readMeta(dir);
        if (meta == null) {
            out.put("chunk_size", 0L);
            out.put("file_size", 0L);
            out.put("received", List.of());
            out.put("received_bytes", 0L);
            return out;
        }
        StagedFile file = stagedFile(dir, meta);
        TreeSet<Long> received = file.received();
        long bytes = file.receivedBytes();
        out.put("chunk_size", Long.parseLong(meta.getProperty("chunk_size")));
        out.put("file_size", Long.parseLong(meta.getProperty("file_size")));
        out.put("received", new ArrayList<>(received));
        out.put("received_bytes", bytes);
        return out;
    }

    private Map<String, Object> merge(ApiRequest r) throws IOException {
        String session = r.required("unique_id");
        if (!SESSION_ID.matcher(session).matches() || !Files.isDirectory(sessionsRoot.resolve(session))) {
            throw ApiException.notFound("Upload session '" + session + "' does not exist; start one with "
                    + "upload/chunk/start and send the chunks first.");
        }
        String folder = r.text("folder_name", "");
        String name = fileName(r.required("name"));
        long total = r.requiredLong("total");
        boolean moveToParent = r.bool("move_to_parent", true);
        String expectedSha = r.text("sha256");
        Path target = target(folder, name);
        Path dir = chunkDir(session, target);
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (lock(dir.toString())) {
            Properties meta = Files.isDirectory(dir) ? readMeta(dir) : null;
            if (meta == null) {
                throw ApiException.notFound("No chunk of " + name + " was received in session " + session
                        + " (folder_name '" + folder + "'); send them with upload/chunk/process, then merge.");
            }
            long chunkSize = Long.parseLong(meta.getProperty("chunk_size"));
            long fileSize = Long.parseLong(meta.getProperty("file_size"));
            long expectedTotal = Math.max(totalChunks(fileSize, chunkSize), 1);
            if (total != expectedTotal) {
                throw ApiException.badRequest("total " + total + " does not match " + name + ": file_size " + fileSize
                        + " in chunks of " + chunkSize + " makes " + expectedTotal + " chunks.");
            }
            StagedFile file = stagedFile(dir, meta);
            TreeSet<Long> received = file.received();
            List<Long> missing = new ArrayList<>();
            for (long i = 0; i < total; i++) {
                if (!received.contains(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiException(ApiException.CONFLICT, "missing " + (missing.size() == 1 ? "chunk " : "chunks ")
                        + join(missing) + " of " + name + "; re-send " + (missing.size() == 1 ? "it" : "them")
                        + " and merge again.");
            }
            // the chunks are already in place: hash what the running SHA-256 has not covered, then rename
            String sha = file.finishHash();
            long size = Files.size(file.data());
            try {
                if (size != fileSize) {
                    throw ApiException.badRequest("The chunks of " + name + " add up to " + size + " bytes, not file_size "
                            + fileSize + "; re-send them.");
                }
                if (expectedSha != null && !expectedSha.isBlank() && !expectedSha.trim().equalsIgnoreCase(sha)) {
                    throw ApiException.badRequest("The merged " + name + " has SHA-256 " + sha + " but the client read "
                            + expectedSha.trim() + "; the merged file was deleted. Upload the file again.");
                }
                if (moveToParent) {
                    AtomicFiles.publish(file.data(), target);
                } else {
                    synchronized (lock(session)) {
                        AtomicFiles.publish(file.data(), stagedPath(session, target));
                        recordManifest(session, target, size, sha);
                    }
                }
            } finally {
                staged.remove(dir.toString());
                deleteTree(dir); // published, or refused: nothing of it is kept
            }
            out.put("path", target.toString());
            out.put("name", name);
            out.put("folder_name", folder);
            out.put("unique_id", session);
            out.put("root_folder", mounts.upload().root().toString());
            out.put("move_to_parent", moveToParent);
            out.put("size", fileSize);
            out.put("sha256", sha);
        }
        if (moveToParent) {
            closeSessionIfEmpty(session);
        }
        return out;
    }

    // ---- protocol 3.5: folder sessions ----------------------------------------------------------

    private Map<String, Object> folderFinish(ApiRequest r) throws IOException {
        String folder = r.text("folder_name", "");
        String session = r.required("unique_id");
        Path sessionDir = SESSION_ID.matcher(session).matches() ? sessionsRoot.resolve(session) : null;
        if (sessionDir == null || !Files.isDirectory(sessionDir)) {
            throw ApiException.notFound("Upload session '" + session + "' does not exist or is already finished; "
                    + "upload the folder again.");
        }
        Path uploadRoot = mounts.upload().root();
        Path folderTarget = mounts.resolve(folder, uploadRoot);
        List<Map<String, Object>> files = new ArrayList<>();
        synchronized (lock(session)) {
            Path chunks = sessionDir.resolve("chunks");
            if (Files.isDirectory(chunks)) {
                try (DirectoryStream<Path> pending = Files.newDirectoryStream(chunks)) {
                    for (Path dir : pending) {
                        Properties meta = readMeta(dir);
                        if (meta != null) {
                            throw new ApiException(ApiException.CONFLICT, "File " + meta.getProperty("target")
                                    + " of session " + session + " has chunks but was never merged; merge it "
                                    + "(upload/chunk/merge) before upload/folder_finish.");
                        }
                    }
                }
            }
            Map<String, String[]> manifest = readManifest(session);
            Path tree = sessionDir.resolve("tree");
            Path stagedFolder = tree.resolve(uploadRoot.relativize(folderTarget).toString());
            if (!folder.isEmpty() && Files.isDirectory(stagedFolder) && !Files.exists(folderTarget)) {
                // the whole folder appears in one rename
                Files.createDirectories(folderTarget.getParent());
                Files.move(stagedFolder, folderTarget, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.isDirectory(tree)) {
                try (Stream<Path> walk = Files.walk(tree)) {
                    for (Path staged : walk.filter(Files::isRegularFile).toList()) {
                        Path target = mounts.resolve(tree.relativize(staged).toString(), uploadRoot);
                        AtomicFiles.publish(staged, target);
                    }
                }
            }
            for (var entry : manifest.entrySet()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("path", entry.getKey());
                f.put("size", Long.parseLong(entry.getValue()[0]));
                f.put("sha256", entry.getValue()[1]);
                files.add(f);
            }
            deleteTree(sessionDir);
            locks.remove(session);
        }
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET state = 'finished', updated_at = ?"
                + " WHERE unique_id = ?", now(), session));
        files.sort(Comparator.comparing(f -> (String) f.get("path")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder_name", folder);
        out.put("unique_id", session);
        out.put("path", folderTarget.toString());
        out.put("root_folder", uploadRoot.toString());
        out.put("files", files);
        return out;
    }

    // ---- sessions and staging -------------------------------------------------------------------

    private String newSession(String folder) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return openSession(id, folder);
    }

    /** The session's id, creating its staging folder and row when new (a client may bring its own id). */
    private String openSession(String id, String folder) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid unique_id '" + id + "': use letters, digits, '-', '_' or '.'.");
        }
        try {
            Files.createDirectories(sessionsRoot.resolve(id));
        } catch (IOException e) {
            throw new ApiException(ApiException.INTERNAL, "Cannot create the upload session folder: " + e.getMessage());
        }
        database.write(c -> Sql.update(c, "INSERT OR IGNORE INTO upload_sessions(unique_id, folder_name, state,"
                + " created_at, updated_at) VALUES (?,?,'open',?,?)", id, folder, now(), now()));
        return id;
    }

    private void touch(String session) {
        database.write(c -> Sql.update(c, "UPDATE upload_sessions SET updated_at = ? WHERE unique_id = ?",
                now(), session));
    }

    private void closeSessionIfEmpty(String session) throws IOException {
        synchronized (lock(session)) {
            Path dir = sessionsRoot.resolve(session);
            Path chunks = dir.resolve("chunks");
            boolean pending = Files.isDirectory(chunks) && hasChildren(chunks);
            boolean staged = Files.isDirectory(dir.resolve("tree")) && hasChildren(dir.resolve("tree"));
            if (!pending && !staged) {
                deleteTree(dir);
                locks.remove(session);
                database.write(c -> Sql.update(c, "UPDATE upload_sessions SET state = 'finished', updated_at = ?"
                        + " WHERE unique_id = ?", now(), session));
            }
        }
    }

    private static boolean hasChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** The final location of {@code folder/name} in the upload area (checked to be inside a mount). */
    private Path target(String folder, String name) {
        Path base = mounts.upload().root();
        Path dir = folder == null || folder.isEmpty() ? base : mounts.resolve(folder, base);
        return mounts.resolve(name, dir);
    }

    private Path stagedPath(String session, Path target) {
        Path uploadRoot = mounts.upload().root();
        if (!target.startsWith(uploadRoot)) {
            throw ApiException.badRequest("Files of a folder upload must go to the upload area " + uploadRoot
                    + "; " + target + " is elsewhere. Upload to another mount without is_chunk.");
        }
        return sessionsRoot.resolve(session).resolve("tree").resolve(uploadRoot.relativize(target).toString());
    }

    private Path chunkDir(String session, Path target) {
        return sessionsRoot.resolve(session).resolve("chunks").resolve(sha256Hex(target.toString()));
    }

    private Path findChunkDir(String session, String folder, String name) throws IOException {
        if (folder != null) {
            return chunkDir(session, target(folder, name));
        }
        Path chunks = sessionsRoot.resolve(session).resolve("chunks");
        if (!Files.isDirectory(chunks)) {
            return null;
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(chunks)) {
            for (Path dir : dirs) {
                Properties meta = readMeta(dir);
                if (meta != null && name.equals(meta.getProperty("name"))) {
                    matches.add(dir);
                }
            }
        }
        if (matches.size() > 1) {
            throw ApiException.badRequest("Session " + session + " has several files named " + name
                    + "; add 'folder_name' to the status request.");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static Properties readMeta(Path dir) throws IOException {
        Path file = dir.resolve("meta.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    private static void writeMeta(Path dir, Properties meta) throws IOException {
        Path temp = dir.resolve(".meta.tmp");
        try (var writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            meta.store(writer, "chunked upload");
        }
        Files.move(temp, dir.resolve("meta.properties"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void recordManifest(String session, Path target, long size, String sha) throws IOException {
        Files.writeString(sessionsRoot.resolve(session).resolve("manifest.tsv"),
                target + "\t" + size + "\t" + sha + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private Map<String, String[]> readManifest(String session) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        Path file = sessionsRoot.resolve(session).resolve("manifest.tsv");
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t");
                if (cols.length == 3) {
                    out.put(cols[0], new String[] {cols[1], cols[2]}); // a re-sent file: the last one wins
                }
            }
        }
        return out;
    }

    /** A plain file name: no directories, not {@code .} or {@code ..}. */
    private static String fileName(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("Invalid file name '" + raw + "': send the file's base name (no folders, "
                    + "not '..'); put folders in folder_name.");
        }
        return name;
    }

    private static long totalChunks(long fileSize, long chunkSize) {
        return (fileSize + chunkSize - 1) / chunkSize;
    }

    private Object lock(String key) {
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

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
