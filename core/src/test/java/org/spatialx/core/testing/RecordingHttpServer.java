package org.spatialx.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that records every request (method, path, query, headers, body)
 * and answers with scripted responses per {@code METHOD path}. The last response scripted for a
 * route is repeated; an unscripted route gets HTTP 404.
 */
public final class RecordingHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recording-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<ScriptedResponse>> routes = new ConcurrentHashMap<>();

    private RecordingHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback HTTP server", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on a free loopback port. */
    public static RecordingHttpServer start() {
        return new RecordingHttpServer();
    }

    /** {@code http://127.0.0.1:<port>} without trailing slash. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The base URL followed by {@code path} (e.g. {@code /spatialx/}). */
    public String url(String path) {
        return baseUrl() + path;
    }

    /** Scripts the next answer(s) of {@code METHOD path} (path without query, e.g. {@code /spatialx/openapi/account/info}). */
    public RecordingHttpServer on(String method, String path, ScriptedResponse... responses) {
        Deque<ScriptedResponse> queue = routes.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(responses));
        }
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The only request received; fails when there were none or several. */
    public RecordedRequest single() {
        if (requests.size() != 1) {
            throw new AssertionError("Expected exactly one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    /** Forgets the recorded requests (scripted routes stay). */
    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, body));
            ScriptedResponse response = next(exchange.getRequestMethod() + " " + path);
            if (!response.delay().isZero()) {
                try {
                    Thread.sleep(response.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    private ScriptedResponse next(String route) {
        Deque<ScriptedResponse> queue = routes.get(route);
        if (queue == null) {
            return ScriptedResponse.status(404, "no scripted response for " + route);
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
