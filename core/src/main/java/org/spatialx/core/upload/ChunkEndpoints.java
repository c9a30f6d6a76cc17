package org.spatialx.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXUnexpectedResponseException;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.BytesSentListener;
import org.spatialx.core.transport.FileRegion;
import org.spatialx.core.transport.JsonFields;
import org.spatialx.core.transport.MultipartBody;
import org.spatialx.core.transport.RegionReadListener;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * The upload calls of protocol section 3 ({@code upload/simple}, {@code upload/chunk/start},
 * {@code upload/chunk/process}, {@code upload/chunk/merge}, {@code upload/folder_finish}) and of the
 * upload extensions ({@code upload/chunk/status}, {@code sha256} at merge), each with the fields of
 * the Python client in its order.
 */
final class ChunkEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkEndpoints.class);
    /** The envelope status of a merge refused for missing chunks (docs/protocol-extensions.md section 4). */
    private static final int MISSING_CHUNKS_STATUS = 409;

    private final SpatialXTransport transport;

    ChunkEndpoints(SpatialXTransport transport) {
        this.transport = transport;
    }

    /** The upload extensions {@code account/info} advertises; none when it cannot say. */
    UploadCapabilities advertised() {
        try {
            return UploadCapabilities.from(transport.call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()));
        } catch (SpatialXException e) {
            LOG.debug("account/info did not say which upload extensions the server has ({}); uploading wire-exact",
                    e.getMessage());
            return UploadCapabilities.NONE;
        }
    }

    /** {@code upload/simple} of the whole file (protocol 3.3); the server's payload. */
    JsonNode simple(LocalFile file, UploadFileOptions options, BytesSentListener listener) {
        MultipartBody body = MultipartBody.builder()
                .text("folder_name", options.serverFolderName())
                .text("unique_id", options.uploadId())
                .text("is_chunk", options.isChunk())
                .file("file", file.name(), new FileRegion(file.path(), 0, file.size()))
                .progress(listener)
                .build();
        return transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/simple").multipart(body).build());
    }

    /** {@code upload/chunk/start}: a new session in {@code folder}, with its {@code unique_id}. */
    Map<String, Object> start(String folder) {
        JsonNode answer = transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/start")
                .json(JsonFields.of("folder_name", folder, "parent_is_file", ChunkPlan.PARENT_IS_FILE)).build());
        Map<String, Object> session = plainMap(answer);
        if (text(session.get("unique_id")).isEmpty()) {
            throw new SpatialXUnexpectedResponseException("upload/chunk/start answered without a unique_id: "
                    + FormatPrint.parseToStr(session) + ". Check that the domain points at a SpatialX server.");
        }
        return session;
    }

    /**
     * {@code upload/chunk/process} of chunk {@code index}, streamed from the file; {@code reads} (or null) sees
     * the chunk's bytes as they are read.
     */
    void send(ChunkSession session, int index, BytesSentListener listener, RegionReadListener reads) {
        // Field order, the nominal chunk_size, the END offset and the literal filename 'file' are
        // those of the Python client (protocol 3.4, 11.4).
        ChunkPlan plan = session.plan();
        MultipartBody body = MultipartBody.builder()
                .text("folder_name", session.folder())
                .text("parent_is_file", ChunkPlan.PARENT_IS_FILE)
                .text("chunk_size", plan.chunkSize())
                .text("file_size", plan.fileSize())
                .text("offset", plan.end(index))
                .text("name", session.file().name())
                .text("unique_id", session.uniqueId())
                .text("path", session.path())
                .text("sending_index", index)
                .file("file", "file", new FileRegion(session.file().path(), plan.start(index), plan.length(index)))
                .progress(listener)
                .reads(reads)
                .build();
        transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/process").multipart(body).build());
    }

    /**
     * The chunks of the session's file the server holds ({@code upload/chunk/status}): none when it
     * cannot say or holds them for another chunk or file size; empty when the server says the session
     * is no longer open (finished, or removed as abandoned), so the upload must start a new one.
     */
    Optional<Set<Integer>> held(ChunkSession session) {
        ChunkPlan plan = session.plan();
        JsonNode status;
        try {
            status = status(session.uniqueId(), session.path(), session.file().name(), session.folder());
        } catch (SpatialXException e) {
            LOG.warn("Cannot ask the server which chunks of {} it holds ({}); sending them all", session.file().path(),
                    e.getMessage());
            return Optional.of(Set.of());
        }
        if (!status.path("session_open").asBoolean(true)) { // absent: a server without the field, taken as open
            return Optional.empty();
        }
        long serverChunk = status.path("chunk_size").asLong(0);
        long serverSize = status.path("file_size").asLong(0);
        if (serverChunk != 0 && serverChunk != plan.chunkSize() || serverSize != 0 && serverSize != plan.fileSize()) {
            return Optional.of(Set.of());
        }
        Set<Integer> held = new TreeSet<>();
        for (JsonNode index : status.path("received")) {
            if (index.canConvertToInt() && index.asInt() >= 0 && index.asInt() < plan.chunkCount()) {
                held.add(index.asInt());
            }
        }
        return Optional.of(held);
    }

    /**
     * False when the server says the session {@code uniqueId} is no longer open (asked through the status of
     * one of its files, {@code name} in {@code folder}); true when it is, or when the server cannot say.
     */
    boolean sessionOpen(String uniqueId, String path, String name, String folder) {
        try {
            return status(uniqueId, path, name, folder).path("session_open").asBoolean(true);
        } catch (SpatialXException e) {
            return true;
        }
    }

    private JsonNode status(String uniqueId, String path, String name, String folder) {
        return transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/status")
                .json(JsonFields.of("unique_id", uniqueId, "path", path, "name", name, "folder_name", folder))
                .build());
    }

    /**
     * {@code upload/chunk/merge} of the session's file, with the client's SHA-256 when not null.
     *
     * @throws MissingChunksException when the server still misses chunks (they can be re-sent)
     * @throws UploadException        when the merge failed otherwise
     */
    Map<String, Object> merge(ChunkSession session, boolean moveToParent, String sha) {
        Map<String, Object> body = JsonFields.of("folder_name", session.folder(),
                "parent_is_file", ChunkPlan.PARENT_IS_FILE, "total", session.plan().chunkCount(),
                "name", session.file().name(), "unique_id", session.uniqueId(), "path", session.path(),
                "move_to_parent", moveToParent);
        if (sha != null) {
            body.put("sha256", sha);
        }
        try {
            return plainMap(transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/chunk/merge").json(body)
                    .build()));
        } catch (SpatialXException e) {
            String message = "upload/chunk/merge failed: " + e.getMessage() + "\nThe file is not visible on the"
                    + " server; run the upload again.";
            if (e instanceof SpatialXServerException refused && refused.status() instanceof Number status
                    && status.intValue() == MISSING_CHUNKS_STATUS) {
                throw new MissingChunksException(failureMessage(session.file(), message), e);
            }
            throw failure(session.file(), message, e);
        }
    }

    /** {@code upload/folder_finish} of a folder session (protocol 3.5). */
    JsonNode folderFinish(String root, String uniqueId) {
        return transport.call(ApiRequest.post(UrlFamily.OPENAPI, "upload/folder_finish")
                .form("folder_name", root).form("unique_id", uniqueId).build());
    }

    /** An upload failure naming {@code file}, secrets masked. */
    UploadException failure(LocalFile file, String what, Throwable cause) {
        return new UploadException(failureMessage(file, what), cause);
    }

    private String failureMessage(LocalFile file, String what) {
        return "Uploading " + file.path() + ": " + transport.mask(what);
    }

    /** A payload as an ordered map (a non-object payload under {@code message}). */
    Map<String, Object> plainMap(JsonNode node) {
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

    /** The session path of an upload answer: Python's {@code resp["root_folder"] if "root_folder" in resp else resp["path"]}. */
    static String sessionPath(Map<String, Object> session) {
        // protocol 3.4 step 6
        Object path = session.containsKey("root_folder") ? session.get("root_folder") : session.get("path");
        if (path == null) {
            throw new SpatialXUnexpectedResponseException("The upload session has neither 'root_folder' nor 'path': "
                    + FormatPrint.parseToStr(session) + ". Pass the answer of a previous upload as chunk_resp.");
        }
        return text(path);
    }

    /** A field of an upload answer as text; {@code ""} when absent. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
