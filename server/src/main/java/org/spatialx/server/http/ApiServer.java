package org.spatialx.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.server.storage.StorageException;

/**
 * The HTTP transport of the local server (Jetty's core API, no servlets): checks credentials (HTTP 401
 * otherwise) before any body is read, decodes query/form/JSON/multipart bodies, dispatches
 * {@code openapi/...} and {@code pyapi/v1/...} routes, and wraps results in the envelope
 * {@code {"status":0,"message":...}} (protocol 1.5). The envelope rule is written here once, also for the
 * errors Jetty answers itself (a malformed request line, headers too large, broken chunked encoding).
 *
 * <p>Jetty parses request headers without holding a thread, closes a connection that stays silent for
 * {@link HttpLimits#readTimeout()} while a request is expected or arriving, and a client may hold at most
 * {@link HttpLimits#connectionsPerClient()} connections ({@link ClientConnectionLimit}).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final long MAX_BODY_FIELDS = 64L * 1024 * 1024;
    private static final String TOKEN_HEADER = "SpatialX-Token";
    /** Bytes read from the socket at once: large, for the throughput of 100 MiB chunk bodies. */
    private static final int INPUT_BUFFER = 256 * 1024;

    private final ObjectMapper json;
    private final Credentials credentials;
    private final Path tempDir;
    private final long maxFilePart;
    private final Map<String, Handler> routes = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();
    private final Map<String, PartRouter> routers = new HashMap<>();
    private final Map<String, RawHandler> rawPrefixes = new LinkedHashMap<>();
    private Server server;
    private ServerConnector connector;

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
    public int bind(String host, int port, HttpLimits limits) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), Math.min(4, limits.threads()));
        threads.setName("spatialx-http");
        threads.setDaemon(true);
        // the pool keeps buffers up to the input buffer's size: larger ones would be allocated (and zeroed) per request
        server = new Server(threads, null, new ArrayByteBufferPool(0, 4096, INPUT_BUFFER));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // chunk bodies (up to 100 MiB) are read in large blocks: fewer reads and wake-ups per chunk
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        factory.setInputBufferSize(INPUT_BUFFER);
        connector = new ServerConnector(server, 1, 1, factory);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.readTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        connector.addEventListener(new ClientConnectionLimit(limits.connectionsPerClient()));
        server.addConnector(connector);
        server.setHandler(new Dispatcher());
        server.setErrorHandler(new EnvelopeErrors());
        server.setStopTimeout(0);
        connector.open();
        return connector.getLocalPort();
    }

    /** Starts serving requests (after {@link #bind}, once every route is registered). */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the HTTP server: " + e.getMessage(), e);
        }
    }

    /** Every request: blocking handlers on the server's threads, the response completed when they return. */
    private final class Dispatcher extends org.eclipse.jetty.server.Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                serve(request, response);
                callback.succeeded();
            } catch (Throwable e) {
                callback.failed(e); // an answer cut short: Jetty closes the connection
            }
            return true;
        }
    }

    /** The answers Jetty writes itself (malformed requests, oversized headers, ...) as error envelopes. */
    private final class EnvelopeErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) throws IOException {
            byte[] bytes = json.writeValueAsBytes(new Envelope(code, describe(code, message)));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }

        @Override
        public ByteBuffer badMessageError(int code, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            try {
                return ByteBuffer.wrap(json.writeValueAsBytes(new Envelope(code, describe(code, reason))));
            } catch (IOException e) {
                return null;
            }
        }

        private static String describe(int code, String reason) {
            return "Bad HTTP request (" + code + (reason == null || reason.isBlank() ? "" : ": " + reason)
                    + "). Send HTTP/1.1 requests as protocol 1.4 describes.";
        }
    }

    private void serve(Request request, Response response) throws IOException {
        String path = normalise(Request.getPathInContext(request));
        String method = request.getMethod();
        // the credentials before anything else: a request without them never has its body read
        String reason = credentials.reject(request.getHeaders().get(TOKEN_HEADER),
                request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (reason != null) {
            sendEnvelope(response, 401, new Envelope(401, reason));
            return;
        }
        for (var raw : rawPrefixes.entrySet()) {
            if (path.startsWith(raw.getKey())) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    sendEnvelope(response, 405, new Envelope(405, "Only GET is served under " + raw.getKey()));
                    return;
                }
                drain(body(request, path));
                // Jetty gives the path as sent: a file name with a space arrives as %20 (an AnnData column
                // such as "gene id"); the handler gets the file's name, confined after decoding
                raw.getValue().handle(new RawExchange(request, response, this),
                        URIUtil.decodePath(path.substring(raw.getKey().length())));
                return;
            }
        }
        Handler handler = routes.get(path);
        if (handler == null && ProtocolEndpoints.usedBy(path) != null) {
            // the domain is right: the endpoint exists in the protocol, this server lacks it (an application error)
            sendEnvelope(response, 200, new Envelope(ApiException.NOT_IMPLEMENTED, "'" + path + "' (used by "
                    + ProtocolEndpoints.usedBy(path) + ") is a SpatialX protocol endpoint that this local server does"
                    + " not serve yet. Run this call against a SpatialX server."));
            return;
        }
        if (handler == null) {
            sendEnvelope(response, 404, new Envelope(404, "Unknown endpoint '" + path + "'. This server serves "
                    + "openapi/..., pyapi/v1/... and ucc.go/... as in the SpatialX protocol; check the domain."));
            return;
        }
        String expected = methods.get(path);
        if (!expected.equals(method)) {
            sendEnvelope(response, 405, new Envelope(405, path + " must be called with " + expected + ", not "
                    + method + "."));
            return;
        }
        Envelope answer;
        try {
            answer = dispatch(request, path, handler);
        } catch (BrokenBodyException e) {
            try { // to a client still there (a broken chunked body); one that went away gets nothing
                sendEnvelope(response, e.status(), new Envelope(e.status(), e.getMessage()));
            } catch (IOException | RuntimeException gone) {
                throw e;
            }
            return;
        }
        sendEnvelope(response, 200, answer);
    }

    private Envelope dispatch(Request exchange, String path, Handler handler) throws IOException {
        ApiRequest request = null;
        try {
            request = decode(exchange, path);
            return new Envelope(0, handler.handle(request));
        } catch (ApiException e) {
            return new Envelope(e.status(), e.getMessage());
        } catch (MultipartParser.PartTooLargeException | MultipartParser.MalformedMultipartException e) {
            return new Envelope(ApiException.BAD_REQUEST, e.getMessage());
        } catch (BrokenBodyException e) {
            throw e; // answered by serve
        } catch (Exception e) {
            StorageException.Reason reason = StorageException.reasonOf(e);
            if (reason != StorageException.Reason.OTHER) { // permission denied, disk full: the user can act on it
                String message = (e instanceof StorageException storage ? storage
                        : StorageException.of("Cannot complete " + path, e, "")).getMessage();
                LOG.warn("{}: {}", path, message);
                return new Envelope(reason == StorageException.Reason.PERMISSION_DENIED ? ApiException.FORBIDDEN
                        : ApiException.INSUFFICIENT_STORAGE, message);
            }
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

    private ApiRequest decode(Request exchange, String path) throws IOException {
        Map<String, List<String>> query = parseUrlEncoded(exchange.getHttpURI().getQuery());
        String contentType = exchange.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Map<String, List<String>> fields = Map.of();
        JsonNode body = null;
        List<FilePart> files = List.of();
        try (InputStream in = body(exchange, path)) {
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
        return new ApiRequest(exchange.getMethod(), path, query, fields, body, files);
    }

    /** The request's body; a failure to read it is a {@link BrokenBodyException}. */
    private static InputStream body(Request request, String path) {
        String client = Request.getRemoteAddr(request);
        return new FilterInputStream(Content.Source.asInputStream(request)) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    throw BrokenBodyException.of(e, client, path);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw BrokenBodyException.of(e, client, path);
                }
            }
        };
    }

    /**
     * A request body that could not be read whole: malformed framing (broken chunked encoding), a connection
     * that ended early (the client went away, or Jetty gave up on a broken body) or stayed silent for the read
     * timeout. A normal event, logged as one warning line and answered, for a client still there, with
     * {@link #status()} (400, or 408 for silence); quiet for Jetty, which closes the connection.
     */
    private static final class BrokenBodyException extends IOException implements QuietException {
        private final int status;

        private BrokenBodyException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        static BrokenBodyException of(Throwable e, String client, String path) {
            if (e instanceof BrokenBodyException broken) {
                return broken;
            }
            String why = "it ended before its end (" + e.getMessage() + ")";
            int status = ApiException.BAD_REQUEST;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException) {
                    why = "nothing arrived for the read timeout";
                    status = 408;
                    break;
                }
                if (t instanceof HttpException http && !(t instanceof java.io.EOFException)) {
                    why = "it is malformed (" + (http.getReason() == null ? t.getMessage() : http.getReason()) + ")";
                    break;
                }
            }
            LOG.warn("{} sent an incomplete body for {}: {}; the request is dropped", client, path, why);
            return new BrokenBodyException("The request body of " + path + " could not be read: " + why + ". Send "
                    + "it whole, as HTTP/1.1 describes (Content-Length, or valid chunked encoding).", status, e);
        }

        int status() {
            return status;
        }
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
        if (in.read() >= 0) { // usually at its end already: no buffer for nothing
            in.transferTo(OutputStream.nullOutputStream());
        }
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
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("The form or query string is not valid URL encoding at '"
                        + (pair.length() > 40 ? pair.substring(0, 40) + "..." : pair) + "' (" + e.getMessage()
                        + "). Escape '%' as %25 (application/x-www-form-urlencoded).");
            }
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

    /** Writes an envelope with HTTP status {@code code}. */
    void sendEnvelope(Response response, int code, Envelope envelope) throws IOException {
        byte[] bytes = json.writeValueAsBytes(envelope);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (Blocker.Callback written = Blocker.callback()) { // headers and body in one last write
            response.write(true, ByteBuffer.wrap(bytes), written);
            written.block();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
                connector.close(); // bound but never started
            } catch (Exception e) {
                LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
            }
        }
    }
}
