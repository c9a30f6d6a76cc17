package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test client that builds requests exactly as protocol 1.4 describes the Python client's: GETs
 * and query-carrying POSTs send a {@code {}} JSON body, scalars in query/form/multipart follow
 * Python {@code str()} ({@code True}/{@code False}), lists are repeated keys, files go in a part
 * named {@code file}. It also replays the upload algorithms of protocol 3.3-3.5.
 */
public final class ProtocolClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: status code and the decoded JSON body (or null for non-JSON). */
    public record Response(int code, JsonNode body, byte[] raw) {
        /** The envelope's payload, after asserting HTTP 200 and status 0. */
        public JsonNode ok() {
            assertEquals(200, code, () -> "HTTP " + code + ": " + text());
            assertEquals(0, body.path("status").asInt(-1), () -> "error envelope: " + text());
            return body.get("message");
        }

        /** The error envelope's message, after asserting HTTP 200 and a non-zero status. */
        public String error() {
            assertEquals(200, code, () -> "HTTP " + code + ": " + text());
            org.junit.jupiter.api.Assertions.assertNotEquals(0, body.path("status").asInt(0), () -> "expected an error: " + text());
            return body.path("message").asText();
        }

        public int status() {
            return body == null ? Integer.MIN_VALUE : body.path("status").asInt();
        }

        public String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String domain;
    private final String token;

    public ProtocolClient(String domain, String token) {
        this.domain = domain;
        this.token = token;
    }

    public ProtocolClient(LocalServer server) {
        this(server.url(), server.token());
    }

    public String domain() {
        return domain;
    }

    public String token() {
        return token;
    }

    public ProtocolClient withToken(String other) {
        return new ProtocolClient(domain, other);
    }

    // ---- request kinds of protocol 1.4 --------------------------------------------------------

    public Response get(String path, Map<String, ?> query) {
        return send(builder(path, query).header("Content-Type", "application/json")
                .method("GET", HttpRequest.BodyPublishers.ofString("{}")));
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response postJson(String path, Object body) {
        try {
            return send(builder(path, Map.of()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST whose data is in the query string, with body {} (protocol 11.2). */
    public Response postQuery(String path, Map<String, ?> query) {
        return send(builder(path, query).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    public Response postForm(String path, Map<String, ?> form) {
        return send(builder(path, Map.of()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    public Response postMultipart(String path, Map<String, ?> fields, String fileName, byte[] content) {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder();
        for (var e : fields.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(e.getKey())
                    .append("\"\r\n\r\n").append(pythonStr(e.getValue())).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\n\r\n");
        // the content is not copied: a 100 MiB chunk is sent from its own array
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
                HttpRequest.BodyPublishers.ofByteArray(content),
                HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        return send(builder(path, Map.of()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body));
    }

    /** GET under ucc.go/ of an absolute server path (protocol 1.1: path without its leading '/'). */
    public Response gateway(String absolutePath) {
        String rel = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return send(HttpRequest.newBuilder(URI.create(domain + "ucc.go/" + rel)).header("SpatialX-Token", token)
                .header("Content-Type", "application/json").method("GET", HttpRequest.BodyPublishers.ofString("{}")));
    }

    private HttpRequest.Builder builder(String path, Map<String, ?> query) {
        String q = encode(query);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(domain + path + (q.isEmpty() ? "" : "?" + q)));
        if (token != null) {
            b.header("SpatialX-Token", token);
        }
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            // A bounded wait, so that a response that never completes fails the call instead of hanging the
            // build (the gateway once announced a log's size, then refused to send the grown file: GatewayTest).
            HttpResponse<byte[]> response = http.send(builder.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Python str(): True/False, None omitted, lists as repeated keys. */
    public static String encode(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        for (var e : values.entrySet()) {
            List<Object> items = new ArrayList<>();
            if (e.getValue() instanceof List<?> list) {
                items.addAll(list);
            } else if (e.getValue() != null) {
                items.add(e.getValue());
            }
            for (Object item : items) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(pythonStr(item), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    public static String pythonStr(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    // ---- upload algorithms of protocol 3.3-3.5 -------------------------------------------------

    public static final long SMALL = 1_048_576L;

    public static long chunkSize(long requested, long fileSize) {
        if (requested > 0) {
            return Math.min(requested, 104_857_600L);
        }
        if (fileSize < 15 * SMALL) {
            return SMALL;
        }
        if (fileSize < 100 * SMALL) {
            return 16 * SMALL;
        }
        if (fileSize < 1_073_741_824L) {
            return 50 * SMALL;
        }
        return 100 * SMALL;
    }

    public JsonNode uploadFile(Path file, String folder, String uploadId, boolean isChunk) throws IOException {
        return postMultipart("openapi/upload/simple", map("folder_name", folder, "unique_id", uploadId,
                "is_chunk", isChunk), file.getFileName().toString(), Files.readAllBytes(file)).ok();
    }

    /** protocol 3.4, sequential as Python sends it. */
    public JsonNode uploadBigFile(Path file, long requestedChunk, String folder, JsonNode chunkResp,
                                  boolean moveToParent, boolean isChunk) throws IOException {
        long size = Files.size(file);
        String uploadId = chunkResp != null && chunkResp.hasNonNull("unique_id") ? chunkResp.get("unique_id").asText() : "";
        if (size < SMALL) {
            return uploadFile(file, folder, uploadId, isChunk);
        }
        long chunk = chunkSize(requestedChunk, size);
        JsonNode resp = chunkResp;
        if (chunkResp == null || chunkResp.isEmpty() || uploadId.isEmpty()) {
            resp = postJson("openapi/upload/chunk/start", map("folder_name", folder, "parent_is_file", 2)).ok();
            uploadId = resp.get("unique_id").asText();
        }
        String path = resp.has("root_folder") ? resp.get("root_folder").asText() : resp.get("path").asText();
        String name = file.getFileName().toString();
        int i = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                byte[] block = in.readNBytes((int) chunk);
                if (block.length == 0) {
                    break;
                }
                long offset = Math.min(size, (i + 1) * chunk);
                postMultipart("openapi/upload/chunk/process", map("folder_name", folder, "parent_is_file", 2,
                        "chunk_size", chunk, "file_size", size, "offset", offset, "name", name, "unique_id", uploadId,
                        "path", path, "sending_index", i), "file", block).ok();
                i++;
            }
        }
        JsonNode merged = postJson("openapi/upload/chunk/merge", map("folder_name", folder, "parent_is_file", 2,
                "total", i, "name", name, "unique_id", uploadId, "path", path, "move_to_parent", moveToParent)).ok();
        return moveToParent ? merged : resp;
    }

    /** protocol 3.5 (NEW), children in sorted order. */
    public JsonNode uploadFolder(Path dir, String serverFolder, JsonNode chunkResp, boolean isChunk) throws IOException {
        String root = serverFolder.isEmpty() ? dir.getFileName().toString()
                : serverFolder + "/" + dir.getFileName();
        JsonNode resp = chunkResp == null ? JSON.createObjectNode() : chunkResp;
        List<Path> children;
        try (var s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                resp = uploadFolder(child, root, resp, true);
            } else if (!Files.isSymbolicLink(child)) {
                resp = uploadBigFile(child, 0, root, resp, false, true);
            }
        }
        if (isChunk) {
            return resp;
        }
        return postForm("openapi/upload/folder_finish", map("folder_name", root, "unique_id",
                resp.get("unique_id").asText())).ok();
    }

    // ---- data helpers -------------------------------------------------------------------------

    /** A file of {@code size} pseudo-random bytes (seeded, so reruns are identical). */
    public static Path randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        java.util.Random random = new java.util.Random(seed);
        byte[] block = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        return file;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
