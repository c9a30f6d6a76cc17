package org.spatialx.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport of the local server (JDK {@code HttpServer}): checks credentials (HTTP 401
 * otherwise), decodes query/form/JSON/multipart bodies, dispatches {@code openapi/...} and
 * {@code pyapi/v1/...} routes, and wraps results in the envelope {@code {"status":0,"message":...}}
 * (protocol 1.5). The envelope rule is written here once.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final long MAX_BODY_FIELDS = 64L * 1024 * 1024;

    private final ObjectMapper json;
    private final Credentials credentials;
    private final Path tempDir;
    private final long maxFilePart;
    private final Map<String, Handler> routes = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();
    private final Map<String, PartRouter> routers = new HashMap<>();
    private final Map<String, RawHandler> rawPrefixes = new LinkedHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    public ApiServer(ObjectMapper json, Credentials credentials, Path tempDir, long maxFilePart) {
        this.json = json;
        this.credentials = credentials;
        this.tempDir = tempDir;
        this.maxFilePart = maxFilePart;
    }

    /** Registers a GET route such as {@code openapi/account/info}. */
    public ApiServer get(String route, Handler handler) {
        return route("GET", route, handler);
    }

    /** Registers a POST route. */
    public ApiServer post(String route, Handler handler) {
        return route("POST", route, handler);
    }

    /**
     * Registers a POST route whose multipart file parts go where {@code router} says while they arrive (a
     * null receiver from it: a temporary file as usual).
     */
    public ApiServer post(String route, Handler handler, PartRouter router) {
        routers.put(route, router);
        return route("POST", route, handler);
    }

    private ApiServer route(String method, String route, Handler handler) {
        routes.put(route, handler);
        methods.put(route, method);
        return this;
    }

    /** Registers a raw GET handler for every path under {@code prefix} (e.g. {@code ucc.go/}). */
    public ApiServer raw(String prefix, RawHandler handler) {
        rawPrefixes.put(prefix, handler);
        return this;
    }

    /** Registers every route of each family of endpoints. */
    public ApiServer register(Endpoints... families) {
        for (Endpoints family : families) {
            family.register(this);
        }
        return this;
    }

    /**
     * Binds the port and returns it; requests wait until {@link #start}, so routes that need the
     * server's URL can be registered in between.
     */
    public int bind(String host, int port, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger counter = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "spatialx-http-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        return server.getAddress().getPort();
    }

    /** Starts serving requests (after {@link #bind}, once every route is registered). */
    public void start() {
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = normalise(exchange.getRequestURI().getPath());
            String reason = credentials.reject(exchange.getRequestHeaders().getFirst("SpatialX-Token"),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (reason != null) {
                sendJson(exchange, 401, new Envelope(401, reason));
                return;
            }
            for (var raw : rawPrefixes.entrySet()) {
                if (path.startsWith(raw.getKey())) {
                    if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                        sendJson(exchange, 405, new Envelope(405, "Only GET is served under " + raw.getKey()));
                        return;
                    }
                    drain(exchange.getRequestBody());
                    raw.getValue().handle(exchange, path.substring(raw.getKey().length()));
                    return;
                }
            }
            Handler handler = routes.get(path);
            if (handler == null) {
                sendJson(exchange, 404, new Envelope(404, "Unknown endpoint '" + path + "'. This server serves "
                        + "openapi/..., pyapi/v1/... and ucc.go/... as in the SpatialX protocol; check the domain."));
                return;
            }
            String expected = methods.get(path);
            if (!expected.equals(exchange.getRequestMethod())) {
                sendJson(exchange, 405, new Envelope(405, path + " must be called with " + expected + ", not "
                        + exchange.getRequestMethod() + "."));
                return;
            }
            sendJson(exchange, 200, dispatch(exchange, path, handler));
        } catch (IOException e) {
            // rethrown so that the JDK server closes a connection whose response was cut short: the client
            // then sees the failure instead of waiting for the rest of the response
            LOG.debug("connection failed: {}", e.toString());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", e);
            throw e;
        }
    }

    private Envelope dispatch(HttpExchange exchange, String path, Handler handler) {
        ApiRequest request = null;
        try {
            request = decode(exchange, path);
            return new Envelope(0, handler.handle(request));
        } catch (ApiException e) {
            return new Envelope(e.status(), e.getMessage());
        } catch (MultipartParser.PartTooLargeException | MultipartParser.MalformedMultipartException e) {
            return new Envelope(ApiException.BAD_REQUEST, e.getMessage());
        } catch (Exception e) {
            LOG.error("{} failed", path, e);
            return new Envelope(ApiException.INTERNAL, "Internal error in " + path + ": " + e.getMessage()
                    + ". The server log has the details; report it if it persists.");
        } finally {
            if (request != null) {
                for (FilePart part : request.files()) {
                    try {
                        MultipartParser.release(part);
                    } catch (IOException e) {
                        LOG.warn("cannot release the file part {} of {}", part.field(), path, e);
                    }
                }
            }
        }
    }

    private ApiRequest decode(HttpExchange exchange, String path) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> query = parseUrlEncoded(uri.getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Map<String, List<String>> fields = Map.of();
        JsonNode body = null;
        List<FilePart> files = List.of();
        try (InputStream in = exchange.getRequestBody()) {
            if (type.startsWith("multipart/form-data")) {
                String boundary = MultipartParser.boundaryOf(contentType);
                if (boundary == null) {
                    throw ApiException.badRequest("The multipart request has no boundary in its Content-Type.");
                }
                PartRouter router = routers.get(path);
                PartRouter withQuery = router == null ? null : (before, field, fileName) -> {
                    Map<String, List<String>> seen = new LinkedHashMap<>(query); // as ApiRequest.text: fields win
                    seen.putAll(before);
                    return router.open(seen, field, fileName);
                };
                var parsed = new MultipartParser(in, boundary, tempDir, maxFilePart, withQuery).parse();
                fields = parsed.fields();
                files = parsed.files();
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                fields = parseUrlEncoded(new String(readLimited(in), StandardCharsets.UTF_8));
            } else {
                byte[] bytes = readLimited(in);
                if (bytes.length > 0 && !new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                    try {
                        body = json.readTree(bytes);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw ApiException.badRequest("The request body is not valid JSON (" + e.getOriginalMessage()
                                + "). Send a JSON object with Content-Type: application/json.");
                    }
                }
            }
            drain(in);
        } catch (IOException | RuntimeException e) {
            for (FilePart part : files) { // the handler never sees them: release them here
                try {
                    MultipartParser.release(part);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new ApiRequest(exchange.getRequestMethod(), path, query, fields, body, files);
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BODY_FIELDS + 1);
        if (bytes.length > MAX_BODY_FIELDS) {
            throw ApiException.badRequest("The request body is larger than " + MAX_BODY_FIELDS
                    + " bytes; send files as multipart uploads.");
        }
        return bytes;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    static Map<String, List<String>> parseUrlEncoded(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Strips leading slashes and collapses doubled ones, so {@code //openapi//x} routes like {@code openapi/x}. */
    static String normalise(String path) {
        String p = path == null ? "" : path.replaceAll("/{2,}", "/");
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        // openapi/account/info/ routes like openapi/account/info (gateway paths keep theirs)
        return p.endsWith("/") && !p.startsWith("ucc.go/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Every answer (protocol 1.5): status 0 and the payload in {@code message}, or an error status and its text. */
    @JsonPropertyOrder({"status", "message"})
    record Envelope(@JsonProperty("status") int status, @JsonProperty("message") Object message) {
    }

    private void sendJson(HttpExchange exchange, int code, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Writes a JSON error envelope with an HTTP status (used by raw handlers for 404). */
    public void sendError(HttpExchange exchange, int code, String message) throws IOException {
        sendJson(exchange, code, new Envelope(code, message));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
