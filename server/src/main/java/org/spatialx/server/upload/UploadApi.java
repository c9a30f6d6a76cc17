package org.spatialx.server.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.http.FilePart;
import org.spatialx.server.http.Handler;
import org.spatialx.server.http.PartReceiver;
import org.spatialx.server.upload.ChunkLayout.Chunk;

/**
 * The upload endpoints of protocol section 3 ({@code upload/simple}, {@code upload/chunk/start},
 * {@code process}, {@code merge}, {@code upload/folder_finish}) plus the local extensions
 * (docs/protocol-extensions.md: {@code upload/chunk/status}, chunks in any order and in parallel,
 * SHA-256 checks): reads each request, has the {@link UploadSessions} store do the work and answers
 * what it did. A chunk whose fields precede its bytes is streamed straight into its staging file.
 */
public final class UploadApi implements Endpoints {

    /** The {@code capabilities} object advertised in account/info: the upload extensions. */
    public static Map<String, Object> capabilities(long maxChunkSize) {
        return Map.of("upload", new Capabilities(true, true, 16, true, true, maxChunkSize));
    }

    private final UploadSessions uploads;

    public UploadApi(UploadSessions uploads) {
        this.uploads = uploads;
    }

    @Override
    public void register(ApiServer server) {
        server.post("openapi/upload/simple", answering(this::simple));
        server.post("openapi/upload/chunk/start", answering(this::start));
        server.post("openapi/upload/chunk/process", answering(this::process), this::openChunk);
        server.post("openapi/upload/chunk/status", answering(this::status));
        server.post("openapi/upload/chunk/merge", answering(this::merge));
        server.post("openapi/upload/chunk/finish", r -> Map.of()); // defined by the protocol, never called (2.1)
        server.post("openapi/upload/folder_finish", answering(this::folderFinish));
    }

    /** The store's refusals as error envelopes. */
    private static Handler answering(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (UploadException e) {
                int status = switch (e.kind()) {
                    case INVALID -> ApiException.BAD_REQUEST;
                    case NOT_FOUND -> ApiException.NOT_FOUND;
                    case CONFLICT -> ApiException.CONFLICT;
                };
                throw new ApiException(status, e.getMessage(), e);
            }
        };
    }

    // ---- answers --------------------------------------------------------------------------------

    /** The upload extensions this server offers (docs/protocol-extensions.md). */
    @JsonPropertyOrder({"out_of_order_chunks", "parallel_chunks", "max_parallel_chunks", "resume", "sha256",
            "max_chunk_size"})
    record Capabilities(@JsonProperty("out_of_order_chunks") boolean outOfOrderChunks,
                        @JsonProperty("parallel_chunks") boolean parallelChunks,
                        @JsonProperty("max_parallel_chunks") int maxParallelChunks,
                        @JsonProperty("resume") boolean resume, @JsonProperty("sha256") boolean sha256,
                        @JsonProperty("max_chunk_size") long maxChunkSize) {
    }

    /** What {@code upload/simple} answers: where the file is (or will be, in a folder upload) and its session. */
    @JsonPropertyOrder({"path", "name", "folder_name", "unique_id", "root_folder", "is_chunk", "size", "sha256"})
    record SimpleUpload(@JsonProperty("path") String path, @JsonProperty("name") String name,
                        @JsonProperty("folder_name") String folderName, @JsonProperty("unique_id") String uniqueId,
                        @JsonProperty("root_folder") String rootFolder, @JsonProperty("is_chunk") boolean isChunk,
                        @JsonProperty("size") long size, @JsonProperty("sha256") String sha256) {
    }

    /** What {@code upload/chunk/start} answers: the new session, which later calls send back. */
    @JsonPropertyOrder({"unique_id", "root_folder", "path", "folder_name"})
    record StartedSession(@JsonProperty("unique_id") String uniqueId, @JsonProperty("root_folder") String rootFolder,
                          @JsonProperty("path") String path, @JsonProperty("folder_name") String folderName) {
    }

    /** What {@code upload/chunk/process} answers; {@code sha256} only when the client sent one to check. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"unique_id", "name", "sending_index", "offset", "size", "sha256"})
    record ReceivedChunk(@JsonProperty("unique_id") String uniqueId, @JsonProperty("name") String name,
                         @JsonProperty("sending_index") long sendingIndex, @JsonProperty("offset") long offset,
                         @JsonProperty("size") long size, @JsonProperty("sha256") String sha256) {
    }

    /** What {@code upload/chunk/status} answers: the chunks received so far, to resume (all 0 before any). */
    @JsonPropertyOrder({"unique_id", "name", "chunk_size", "file_size", "received", "received_bytes"})
    record ChunkStatus(@JsonProperty("unique_id") String uniqueId, @JsonProperty("name") String name,
                       @JsonProperty("chunk_size") long chunkSize, @JsonProperty("file_size") long fileSize,
                       @JsonProperty("received") List<Long> received,
                       @JsonProperty("received_bytes") long receivedBytes) {
    }

    /** What {@code upload/chunk/merge} answers: the whole file and where it is (or will be, in a folder upload). */
    @JsonPropertyOrder({"path", "name", "folder_name", "unique_id", "root_folder", "move_to_parent", "size", "sha256"})
    record MergedFile(@JsonProperty("path") String path, @JsonProperty("name") String name,
                      @JsonProperty("folder_name") String folderName, @JsonProperty("unique_id") String uniqueId,
                      @JsonProperty("root_folder") String rootFolder,
                      @JsonProperty("move_to_parent") boolean moveToParent, @JsonProperty("size") long size,
                      @JsonProperty("sha256") String sha256) {
    }

    /** What {@code upload/folder_finish} answers: the folder and every file it received. */
    @JsonPropertyOrder({"folder_name", "unique_id", "path", "root_folder", "files"})
    record FinishedFolder(@JsonProperty("folder_name") String folderName, @JsonProperty("unique_id") String uniqueId,
                          @JsonProperty("path") String path, @JsonProperty("root_folder") String rootFolder,
                          @JsonProperty("files") List<StoredFile> files) {
    }

    // ---- protocol 3.3: one-request upload -------------------------------------------------------

    private SimpleUpload simple(ApiRequest r) throws IOException {
        FilePart part = r.file("file");
        if (part == null) {
            throw ApiException.badRequest("upload/simple needs a multipart file part named 'file'.");
        }
        String folder = r.text("folder_name", "");
        String name = UploadTarget.fileName(part.fileName());
        String uniqueId = r.text("unique_id", "");
        boolean isChunk = r.bool("is_chunk", false);
        UploadTarget target = uploads.target(folder, name);
        if (isChunk) {
            // a file of a folder session: it waits until folder_finish (protocol 3.5)
            UploadSession session = uniqueId.isBlank() ? uploads.create(folder) : uploads.open(uniqueId, folder);
            uploads.addToFolder(session, part.content(), target, part.size(), part.sha256());
            uniqueId = session.id();
        } else {
            uploads.publish(part.content(), target);
        }
        return new SimpleUpload(target.path().toString(), name, folder, uniqueId, rootFolder(), isChunk, part.size(),
                part.sha256());
    }

    private String rootFolder() {
        return uploads.uploadRoot().toString();
    }

    // ---- protocol 3.4: chunked upload -----------------------------------------------------------

    private StartedSession start(ApiRequest r) throws IOException {
        String folder = r.text("folder_name", "");
        Path path = uploads.folder(folder);
        UploadSession session = uploads.create(folder);
        return new StartedSession(session.id(), rootFolder(), path.toString(), folder);
    }

    /** One chunk as the fields of {@code upload/chunk/process} describe it, checked against each other. */
    private record ChunkRequest(UploadSession session, UploadTarget target, ChunkLayout layout, Chunk chunk,
                                long offset) {

        /** The offset a client sends is where the chunk ends (protocol 3.4). */
        boolean offsetFits() {
            return offset == chunk.end();
        }
    }

    private ChunkRequest chunkRequest(String uniqueId, String folderName, String name, long chunkSize, long fileSize,
                                      long offset, long index) throws IOException {
        String folder = folderName == null ? "" : folderName;
        UploadSession session = uploads.open(uniqueId, folder);
        String checkedName = UploadTarget.fileName(name);
        ChunkLayout layout = uploads.layout(chunkSize, fileSize);
        Chunk chunk = layout.chunk(index, checkedName);
        return new ChunkRequest(session, uploads.target(folder, checkedName), layout, chunk, offset);
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
            String uniqueId = first(fields, "unique_id");
            if (uniqueId == null) {
                return null;
            }
            ChunkRequest c = chunkRequest(uniqueId, first(fields, "folder_name"), first(fields, "name"),
                    Long.parseLong(first(fields, "chunk_size")), Long.parseLong(first(fields, "file_size")),
                    Long.parseLong(first(fields, "offset")), Long.parseLong(first(fields, "sending_index")));
            if (!c.offsetFits()) {
                return null;
            }
            return uploads.staging(c.session(), c.target(), c.layout()).begin(c.chunk().index());
        } catch (UploadException | ApiException | IOException | NumberFormatException e) {
            return null; // a field missing or wrong: process() answers the precise error
        }
    }

    private static String first(Map<String, List<String>> fields, String key) {
        List<String> values = fields.get(key);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
    }

    private ReceivedChunk process(ApiRequest r) throws IOException {
        FilePart part = r.file("file");
        if (part == null) {
            throw ApiException.badRequest("upload/chunk/process needs a multipart file part named 'file'.");
        }
        ChunkRequest c = chunkRequest(r.required("unique_id"), r.text("folder_name", ""), r.required("name"),
                r.requiredLong("chunk_size"), r.requiredLong("file_size"), r.requiredLong("offset"),
                r.requiredLong("sending_index"));
        Chunk chunk = c.chunk();
        String name = c.target().name();
        if (!c.offsetFits() || part.size() != chunk.length()) {
            throw ApiException.badRequest("Chunk " + chunk.index() + " of " + name + " has " + part.size()
                    + " bytes and offset " + c.offset() + ", but chunk_size " + c.layout().chunkSize()
                    + " and file_size " + c.layout().fileSize() + " need " + chunk.length() + " bytes ending at " + chunk.end()
                    + " (offset is the END position, protocol 3.4). Re-send it.");
        }
        StagedFile staged = uploads.staging(c.session(), c.target(), c.layout());
        ChunkBytes bytes;
        if (part.receiver() instanceof StagedFile.ChunkWriter writer && writer.writes(staged, chunk.index())) {
            bytes = new ChunkBytes.InPlace(writer, part.sha256());
        } else if (part.content() != null) {
            bytes = new ChunkBytes.InTemporaryFile(part.content(), part.sha256());
        } else {
            throw ApiException.badRequest("Chunk " + chunk.index() + " of " + name + " was received for another file"
                    + " than its fields name; nothing was kept. Re-send it.");
        }
        String sha256 = uploads.receive(c.session(), staged, chunk, bytes, r.text("sha256"));
        return new ReceivedChunk(c.session().id(), name, chunk.index(), c.offset(), part.size(), sha256);
    }

    private ChunkStatus status(ApiRequest r) throws IOException {
        String id = r.required("unique_id");
        String name = UploadTarget.fileName(r.required("name"));
        String folder = r.text("folder_name"); // without it, the file of that name in any folder
        Optional<UploadSession> session = uploads.find(id);
        Optional<StagedFile> file = session.isEmpty() ? Optional.empty()
                : folder == null ? uploads.staged(session.get(), name)
                : uploads.staged(session.get(), uploads.target(folder, name));
        if (file.isEmpty()) {
            return new ChunkStatus(id, name, 0, 0, List.of(), 0);
        }
        ChunkLayout layout = file.get().layout();
        return new ChunkStatus(id, name, layout.chunkSize(), layout.fileSize(), new ArrayList<>(file.get().received()),
                file.get().receivedBytes());
    }

    private MergedFile merge(ApiRequest r) throws IOException {
        String id = r.required("unique_id");
        UploadSession session = uploads.find(id).orElseThrow(() -> ApiException.notFound("Upload session '" + id
                + "' does not exist; start one with upload/chunk/start and send the chunks first."));
        String folder = r.text("folder_name", "");
        String name = UploadTarget.fileName(r.required("name"));
        long total = r.requiredLong("total");
        boolean moveToParent = r.bool("move_to_parent", true);
        String sha256 = r.text("sha256");
        StoredFile merged = uploads.merge(session, uploads.target(folder, name), total, sha256, moveToParent);
        return new MergedFile(merged.path(), name, folder, session.id(), rootFolder(), moveToParent, merged.size(),
                merged.sha256());
    }

    // ---- protocol 3.5: folder sessions ----------------------------------------------------------

    private FinishedFolder folderFinish(ApiRequest r) throws IOException {
        String folder = r.text("folder_name", "");
        String id = r.required("unique_id");
        UploadSession session = uploads.find(id).orElseThrow(() -> ApiException.notFound("Upload session '" + id
                + "' does not exist or is already finished; upload the folder again."));
        Path path = uploads.folder(folder);
        List<StoredFile> files = uploads.finish(session, folder, path);
        return new FinishedFolder(folder, session.id(), path.toString(), rootFolder(), files);
    }
}
