package org.spatialx.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXTimeoutException;
import org.spatialx.core.json.SpatialXJson;
import org.spatialx.core.print.FormatPrint;

/**
 * The single HTTP transport of the connector: builds URLs of the three families (protocol 1.1),
 * encodes bodies exactly as the Python client does (1.4), adds the token and basic-auth headers
 * (1.2) and the domain's query parameters (11.26 F), retries connection failures only (1.3) and
 * unwraps the {@code {status, message}} envelope (1.5). Secrets are masked in every error and log.
 * Other modules (uploads, analyses, parsing) send their requests through it.
 */
public final class SpatialXTransport implements AutoCloseable {

    /** Header carrying the user token (protocol 1.2). */
    public static final String TOKEN_HEADER = "SpatialX-Token";

    private static final Logger LOG = LoggerFactory.getLogger(SpatialXTransport.class);

    private final String domain;
    private final Map<String, String> domainParameters;
    private final String token;
    private final String authorization;
    private final ConnectorOptions options;
    private final SecretMasker masker;
    private final SpatialXJson json;
    private final HttpClient client;

    /**
     * A transport for {@code domain} (e.g. {@code https://example.bioturing.com/spatialx/}).
     *
     * @throws SpatialXInvalidInputException when the domain has no host or the token is empty
     */
    public SpatialXTransport(String domain, String token, ConnectorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        if (token == null || token.isBlank()) {
            throw new SpatialXInvalidInputException("The SpatialX token is empty: copy your personal token from"
                    + " 'SpatialX SDK' in the left panel of SpatialX and pass it to the connector.");
        }
        this.token = token;
        String user = options.basicAuth() == null ? null : options.basicAuth().username();
        String password = options.basicAuth() == null ? null : options.basicAuth().password();
        this.masker = new SecretMasker(token, user, password);
        this.authorization = options.basicAuth() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        URI parsed = parseDomain(domain);
        this.domain = parsed.getScheme() + "://" + parsed.getRawAuthority()
                + (parsed.getRawPath() == null ? "" : parsed.getRawPath());
        this.domainParameters = firstValues(parsed.getRawQuery());
        this.json = SpatialXJson.create();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.connectTimeout());
        if (options.insecureSkipTlsVerify()) {
            builder.sslContext(trustEverything());
        }
        this.client = builder.build();
    }

    private URI parseDomain(String text) {
        if (text == null) {
            throw new SpatialXInvalidInputException("invalid domain: None; give the SpatialX address, e.g."
                    + " https://example.bioturing.com/spatialx/");
        }
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
                throw new URISyntaxException(text, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new SpatialXInvalidInputException("invalid domain: " + masker.mask(text) + "; give the SpatialX"
                    + " address with its scheme, e.g. https://example.bioturing.com/spatialx/");
        }
    }

    private static Map<String, String> firstValues(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    /** The normalised domain: scheme, host and path, without query or fragment (protocol 1.1). */
    public String domain() {
        return domain;
    }

    /** The query parameters of the domain (first value of each), added to every request (11.26 F). */
    public Map<String, String> domainParameters() {
        return Map.copyOf(domainParameters);
    }

    /** The JSON conventions used on the wire. */
    public SpatialXJson json() {
        return json;
    }

    /** The options this transport was built with. */
    public ConnectorOptions options() {
        return options;
    }

    /** {@code text} with the token and passwords masked, for messages built outside the transport. */
    public String mask(String text) {
        return masker.mask(text);
    }

    /**
     * The URL of {@code request}: {@code {domain}/<family>/<path>} with exactly one {@code /} after
     * the domain, leading {@code /} of the path dropped (absolute UCC paths, 11.7 F), and the query
     * with the domain parameters overriding same-named ones.
     */
    public URI uri(ApiRequest request) {
        String base = domain.endsWith("/") ? domain : domain + "/";
        String path = request.path();
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        String query = WireText.urlencode(withDomainParameters(request.query()));
        return URI.create(base + request.family().prefix() + WireText.encodePath(path.substring(start))
                + (query.isEmpty() ? "" : "?" + query));
    }

    private List<Map.Entry<String, Object>> withDomainParameters(List<Map.Entry<String, Object>> query) {
        List<Map.Entry<String, Object>> merged = new ArrayList<>(query);
        for (Map.Entry<String, String> parameter : domainParameters.entrySet()) {
            boolean replaced = false;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).getKey().equals(parameter.getKey())) {
                    if (replaced) {
                        merged.remove(i--);
                    } else {
                        merged.set(i, Map.entry(parameter.getKey(), parameter.getValue()));
                        replaced = true;
                    }
                }
            }
            if (!replaced) {
                merged.add(Map.entry(parameter.getKey(), parameter.getValue()));
            }
        }
        return merged;
    }

    /**
     * Sends {@code request} and returns the envelope's payload (protocol 1.5): the {@code message}
     * of a {@code status == 0} object, the whole object when it has no {@code message}, and any
     * non-object body as is (text that is not JSON comes back as a text node).
     *
     * @throws SpatialXHttpException       on HTTP status 400 or more
     * @throws SpatialXServerException     when the envelope's status is not 0
     * @throws SpatialXConnectionException when the server cannot be reached
     * @throws SpatialXTimeoutException    when connecting or answering takes too long
     */
    public JsonNode call(ApiRequest request) {
        URI uri = uri(request);
        byte[] body = exchange(request, uri);
        JsonNode node = decode(new String(body, StandardCharsets.UTF_8));
        if (!node.isObject()) {
            return node;
        }
        JsonNode status = node.get("status");
        // Python tests status != 0 with a missing status read as 0; null, text and other numbers fail.
        boolean ok = status == null || status.isNumber() && status.asDouble() == 0
                || status.isBoolean() && !status.booleanValue();
        if (!ok) {
            JsonNode message = node.get("message");
            String text = request.method() + " " + uri + " was refused by SpatialX (status " + status + "):\n"
                    + FormatPrint.parseToStr(node)
                    + "\nCheck the call's arguments (ids, names, paths) against the server's message above.";
            throw new SpatialXServerException(masker.mask(text), masker.mask(uri.toString()), json.plain(status),
                    message == null ? null : json.plain(message));
        }
        return node.has("message") ? node.get("message") : node;
    }

    /**
     * Sends {@code request} and returns the raw body as text, without envelope handling (log files
     * of the UCC gateway). HTTP errors, connection failures and timeouts are reported as by
     * {@link #call(ApiRequest)}.
     */
    public String readText(ApiRequest request) {
        return new String(readBytes(request), StandardCharsets.UTF_8);
    }

    /** Sends {@code request} and returns the raw body bytes (zarr chunks, parquet parts of the UCC gateway). */
    public byte[] readBytes(ApiRequest request) {
        return exchange(request, uri(request));
    }

    private JsonNode decode(String text) {
        try {
            JsonNode node = json.responseMapper().readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private byte[] exchange(ApiRequest request, URI uri) {
        HttpRequest http = buildRequest(request, uri);
        String shownUrl = masker.mask(uri.toString());
        int retry = 0;
        while (true) {
            try {
                HttpResponse<byte[]> response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
                LOG.debug("{} {} -> HTTP {}", request.method(), shownUrl, response.statusCode());
                if (response.statusCode() >= 400) {
                    throw httpError(request, shownUrl, response);
                }
                return response.body();
            } catch (HttpConnectTimeoutException e) {
                if (retry >= options.maxConnectRetries()) {
                    throw new SpatialXTimeoutException("Could not connect to " + shownUrl + " within "
                            + seconds(options.connectTimeout()) + " (" + attempts(retry) + "). Check the domain and"
                            + " your network, or raise connectTimeout in ConnectorOptions.", e);
                }
            } catch (HttpTimeoutException e) {
                throw new SpatialXTimeoutException(request.method() + " " + shownUrl + " got no answer within "
                        + seconds(options.readTimeout()) + ". The server may be busy: retry later, or raise"
                        + " readTimeout in ConnectorOptions.", e);
            } catch (ConnectException e) {
                if (retry >= options.maxConnectRetries()) {
                    throw new SpatialXConnectionException("Could not connect to " + shownUrl + " ("
                            + attempts(retry) + "): " + masker.mask(describe(e)) + ". Check the domain, that the"
                            + " SpatialX server is running and that no proxy or firewall blocks it.", e);
                }
            } catch (SSLException e) {
                throw new SpatialXConnectionException("TLS handshake with " + shownUrl + " failed: "
                        + masker.mask(describe(e)) + ". If the server uses a self-signed certificate, add its CA to"
                        + " the JDK trust store, or (unsafe) set insecureSkipTlsVerify in ConnectorOptions.", e);
            } catch (IOException e) {
                if (e.getCause() instanceof UncheckedIOException local) {
                    throw new SpatialXInvalidInputException("Could not read the local file sent to " + shownUrl + ": "
                            + masker.mask(describe(local.getCause())) + ". Check that it exists and is readable.", e);
                }
                throw new SpatialXConnectionException(request.method() + " " + shownUrl + " failed: "
                        + masker.mask(describe(e)) + ". The connection broke off; check the network and retry.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpatialXConnectionException(request.method() + " " + shownUrl
                        + " was interrupted before the server answered.", e);
            } catch (UncheckedIOException e) {
                throw new SpatialXInvalidInputException("Could not read the local file sent to " + shownUrl + ": "
                        + masker.mask(describe(e.getCause())) + ". Check that it exists and is readable.", e);
            }
            sleepBeforeRetry(retry, shownUrl);
            retry++;
        }
    }

    private void sleepBeforeRetry(int retry, String shownUrl) {
        long delay = options.retryBackoff().toMillis() << Math.min(retry, 20);
        LOG.debug("Connection to {} failed; retry {} of {} in {} ms", shownUrl, retry + 1,
                options.maxConnectRetries(), delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpatialXConnectionException("Interrupted while waiting to reconnect to " + shownUrl, e);
        }
    }

    private static String attempts(int retries) {
        return retries == 0 ? "no retry" : "after " + retries + (retries == 1 ? " retry" : " retries");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private SpatialXHttpException httpError(ApiRequest request, String shownUrl, HttpResponse<byte[]> response) {
        int code = response.statusCode();
        String body = masker.mask(new String(response.body(), StandardCharsets.UTF_8));
        String hint = switch (code) {
            case 401, 403 -> "The token (or basic-auth credentials) was refused: copy a fresh token from 'SpatialX SDK'"
                    + " in SpatialX and check the basic-auth user and password.";
            case 404 -> "Nothing at this address: check the domain (it must include the SpatialX path, e.g."
                    + " https://host/spatialx/) and the ids or paths given.";
            default -> code >= 500 ? "The server failed: retry later, and contact its administrator if it persists."
                    : "The server rejected the request: check the call's arguments.";
        };
        return new SpatialXHttpException("Call request to " + shownUrl + " failed with status code " + code
                + ", response " + body + "\n" + hint, shownUrl, code, body);
    }

    private HttpRequest buildRequest(ApiRequest request, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(options.readTimeout())
                .header(TOKEN_HEADER, token);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        BodyPublisher publisher = switch (request.body()) {
            case RequestBody.Json body -> {
                builder.header("Content-Type", "application/json");
                yield BodyPublishers.ofString(jsonText(body.value(), uri), StandardCharsets.UTF_8);
            }
            case RequestBody.Form form -> {
                builder.header("Content-Type", "application/x-www-form-urlencoded");
                yield BodyPublishers.ofString(WireText.urlencode(form.fields()), StandardCharsets.UTF_8);
            }
            case MultipartBody multipart -> {
                builder.header("Content-Type", "multipart/form-data; boundary=" + multipart.boundary());
                yield multipartPublisher(multipart);
            }
        };
        return builder.method(request.method().name(), publisher).build();
    }

    private String jsonText(Object value, URI uri) {
        try {
            return json.writeRequestBody(value);
        } catch (JsonProcessingException e) {
            throw new SpatialXInvalidInputException("Cannot send the arguments of " + masker.mask(uri.toString())
                    + " as JSON: " + masker.mask(e.getOriginalMessage()) + ". Pass only strings, numbers (not NaN or"
                    + " infinity), booleans, lists, maps and records.", e);
        }
    }

    private static void checkReadable(FileRegion region) {
        try {
            long size = java.nio.file.Files.size(region.path());
            if (!java.nio.file.Files.isReadable(region.path()) || region.offset() + region.length() > size) {
                throw new SpatialXInvalidInputException("Cannot send bytes " + region.offset() + " to "
                        + (region.offset() + region.length()) + " of " + region.path() + ": the file has " + size
                        + " bytes or is not readable. Check the path and the chunk offsets.");
            }
        } catch (IOException e) {
            throw new SpatialXInvalidInputException("Cannot read the local file " + region.path() + " to upload it ("
                    + describe(e) + "). Check that it exists and is readable.", e);
        }
    }

    private static BodyPublisher multipartPublisher(MultipartBody multipart) {
        multipart.parts().stream()
                .filter(part -> part instanceof MultipartBody.FilePart file && file.region() != null)
                .forEach(part -> checkReadable(((MultipartBody.FilePart) part).region()));
        List<BodyPublisher> pieces = new ArrayList<>();
        String dash = "--" + multipart.boundary();
        long total = multipart.parts().stream()
                .filter(part -> part instanceof MultipartBody.FilePart)
                .mapToLong(part -> ((MultipartBody.FilePart) part).length()).sum();
        AtomicLong sent = new AtomicLong();
        StringBuilder head = new StringBuilder();
        for (MultipartBody.Part part : multipart.parts()) {
            switch (part) {
                case MultipartBody.TextPart text -> {
                    for (Map.Entry<String, String> value : WireText.expand(List.of(Map.entry(text.name(),
                            text.value() == null ? List.of() : text.value())))) {
                        head.append(dash).append("\r\n")
                                .append("Content-Disposition: form-data; name=\"").append(quote(value.getKey()))
                                .append("\"\r\n\r\n").append(value.getValue()).append("\r\n");
                    }
                }
                case MultipartBody.FilePart file -> {
                    head.append(dash).append("\r\n")
                            .append("Content-Disposition: form-data; name=\"").append(quote(file.name()))
                            .append("\"; filename=\"").append(quote(file.filename())).append("\"\r\n\r\n");
                    pieces.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
                    head.setLength(0);
                    pieces.add(fileContent(file, sent, total, multipart.progress()));
                    head.append("\r\n");
                }
            }
        }
        head.append(dash).append("--\r\n");
        pieces.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
        return BodyPublishers.concat(pieces.toArray(BodyPublisher[]::new));
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static BodyPublisher fileContent(MultipartBody.FilePart file, AtomicLong sent, long total,
                                             ProgressListener progress) {
        if (file.bytes() != null && progress == null) {
            return BodyPublishers.ofByteArray(file.bytes());
        }
        if (file.length() == 0) {
            return BodyPublishers.noBody(); // an empty file: fromPublisher refuses a zero length
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            InputStream raw = file.bytes() != null ? new java.io.ByteArrayInputStream(file.bytes()) : openRegion(file.region());
            return progress == null ? raw : new ProgressInputStream(raw, sent, total, progress);
        }), file.length());
    }

    private static InputStream openRegion(FileRegion region) {
        try {
            FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ);
            channel.position(region.offset());
            InputStream stream = Channels.newInputStream(channel);
            return new BoundedInputStream(stream, region.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext trustEverything() {
        X509ExtendedTrustManager acceptAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no TLS implementation", e);
        }
    }

    /** Releases the HTTP client. */
    @Override
    public void close() {
        client.close();
    }

    /** Shows the domain only; the token is never shown. */
    @Override
    public String toString() {
        return "SpatialXTransport[domain=" + domain + ", token=" + SecretMasker.MASK + "]";
    }

    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    private static final class ProgressInputStream extends java.io.FilterInputStream {
        private final AtomicLong sent;
        private final long total;
        private final ProgressListener listener;

        ProgressInputStream(InputStream in, AtomicLong sent, long total, ProgressListener listener) {
            super(in);
            this.sent = sent;
            this.total = total;
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                listener.progressed(sent.incrementAndGet(), total);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                listener.progressed(sent.addAndGet(n), total);
            }
            return n;
        }
    }
}
