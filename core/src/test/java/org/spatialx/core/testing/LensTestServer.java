package org.spatialx.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process BioTuring Lens server (SC or Bulk) speaking protocol section 9 on loopback: POST
 * {@code <path>api/v1/test_connection} and {@code <path>api/v1/get_all_studies_info_in_group} with a
 * JSON body and the {@code bioturing-api-token} header; answers the envelope
 * {@code {"status": 200, "data": ...}}; a wrong token is HTTP 401 with {@code detail} and
 * {@code traceback}, as Lens answers. Every request is recorded.
 */
public final class LensTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String path;
    private final String token;
    private final Map<String, List<Map<String, Object>>> studies = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private LensTestServer(String path, String token) {
        this.path = path;
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback HTTP server", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A Lens server under {@code path} (e.g. {@code /lens_sc/}) that accepts {@code token}. */
    public static LensTestServer start(String path, String token) {
        return new LensTestServer(path, token);
    }

    /** The host to give the connector: {@code http://127.0.0.1:<port><path>}, ending with {@code /}. */
    public String host() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** Adds a study record (as Lens lists it) to a Lens group ({@code personal}, {@code all_members}, a group id) and species. */
    public LensTestServer study(String groupId, String species, Map<String, Object> record) {
        synchronized (studies) {
            studies.computeIfAbsent(groupId + "/" + species, key -> new ArrayList<>()).add(new LinkedHashMap<>(record));
        }
        return this;
    }

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
            String route = exchange.getRequestURI().getRawPath();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), route,
                    exchange.getRequestURI().getRawQuery(), headers, body);
            requests.add(request);
            if (!"POST".equals(request.method())) {
                answer(exchange, 405, Map.of("detail", "Method Not Allowed"));
            } else if (!token.equals(request.header("bioturing-api-token"))) {
                answer(exchange, 401, Map.of("detail", "Invalid token", "traceback", "lens.auth.check_token"));
            } else if (route.equals(path + "api/v1/test_connection")) {
                answer(exchange, 200, Map.of("status", 200, "message", "Connection successful"));
            } else if (route.equals(path + "api/v1/get_all_studies_info_in_group")) {
                JsonNode query = JSON.readTree(body);
                if (!query.hasNonNull("group_id") || !query.hasNonNull("species")) {
                    answer(exchange, 200, Map.of("status", 400, "message", "species and group_id are required"));
                    return;
                }
                List<Map<String, Object>> found;
                synchronized (studies) {
                    found = studies.getOrDefault(query.get("group_id").asText() + "/" + query.get("species").asText(),
                            List.of());
                }
                answer(exchange, 200, Map.of("status", 200, "data", found));
            } else {
                answer(exchange, 404, Map.of("detail", "Not Found"));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] out = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
