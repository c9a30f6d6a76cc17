package org.spatialx.core.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXTimeoutException;
import org.spatialx.core.SpatialXUnexpectedResponseException;
import org.spatialx.core.json.SpatialXJson;

/**
 * The single HTTP transport of the connector: sends every request of every endpoint. It adds the
 * token and basic-auth headers (protocol 1.2), encodes bodies exactly as the Python client does
 * (1.4, {@link MultipartPublisher} for multipart), retries connection failures only (1.3) and
 * unwraps the envelope ({@link Envelope}, 1.5); URLs come from {@link ServerAddress}, failures from
 * {@link ExchangeFailures}. Secrets are masked in every error and log.
 *
 * <p>An endpoint is one call that names its request and its result type:
 * {@code transport.call(ApiRequest.get(UrlFamily.OPENAPI, "study/detail").query("key", id).build(), StudyDetail.class)}.
 */
public final class SpatialXTransport implements AutoCloseable {

    /** Header carrying the user token (protocol 1.2). */
    public static final String TOKEN_HEADER = "SpatialX-Token";

    private static final Logger LOG = LoggerFactory.getLogger(SpatialXTransport.class);

    private final ServerAddress address;
    private final String token;
    private final String authorization;
    private final ConnectorOptions options;
    private final SecretMasker masker;
    private final SpatialXJson json;
    private final Envelope envelope;
    private final ResponseReader responses;
    private final ExchangeFailures failures;
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
        this.address = ServerAddress.parse(domain, masker);
        this.json = SpatialXJson.create();
        this.envelope = new Envelope(json, masker);
        this.responses = new ResponseReader(json, masker);
        this.failures = new ExchangeFailures(masker, options);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.connectTimeout());
        if (options.insecureSkipTlsVerify()) {
            builder.sslContext(InsecureTls.trustingEveryServer());
        }
        this.client = builder.build();
    }

    /** The normalised domain: scheme, host and path, without query or fragment (protocol 1.1). */
    public String domain() {
        return address.domain();
    }

    /** The query parameters of the domain (first value of each), added to every request (11.26 F). */
    public Map<String, String> domainParameters() {
        return address.domainParameters();
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
        return address.uri(request);
    }

    // ------------------------------------------------------------------ calls

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
        return envelope.payload(request, uri, exchange(request, uri));
    }

    /**
     * Sends {@code request} and reads its payload, which must be a JSON object, as {@code type}
     * (unknown fields kept in the record's extras).
     *
     * @throws SpatialXUnexpectedResponseException when the payload is no object or does not fit {@code type}
     */
    public <T> T call(ApiRequest request, Class<T> type) {
        return responses.read(callObject(request), type, request.path());
    }

    /**
     * Sends {@code request} and returns its payload, which must be a JSON object.
     *
     * @throws SpatialXUnexpectedResponseException when it is text, a list or another value
     */
    public JsonNode callObject(ApiRequest request) {
        return responses.object(call(request), request.path());
    }

    /**
     * Sends {@code request} and reads every element of the list {@code field} of its object payload
     * as {@code type} (none when the field is absent).
     */
    public <T> List<T> callList(ApiRequest request, String field, Class<T> type) {
        List<T> elements = new ArrayList<>();
        for (JsonNode element : callObject(request).path(field)) {
            elements.add(responses.read(element, type, request.path()));
        }
        return elements;
    }

    /** Sends {@code request} and returns its payload as plain Java values ({@link SpatialXJson#plain}). */
    public Object callPlain(ApiRequest request) {
        return json.plain(call(request));
    }

    /**
     * {@code node} of an answer read as {@code type}.
     *
     * @param what names the answer in the error, e.g. {@code account/groups groups[]}
     * @throws SpatialXUnexpectedResponseException when it does not fit
     */
    public <T> T read(JsonNode node, Class<T> type, String what) {
        return responses.read(node, type, what);
    }

    /** The error for an answer that lacks what the call needs; {@code message} says what and is masked. */
    public SpatialXUnexpectedResponseException unexpected(String message) {
        return responses.unexpected(message);
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

    // ------------------------------------------------------------------ the exchange

    private byte[] exchange(ApiRequest request, URI uri) {
        HttpRequest http = buildRequest(request, uri);
        String shownUrl = masker.mask(uri.toString());
        int retry = 0;
        while (true) {
            try {
                HttpResponse<byte[]> response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
                LOG.debug("{} {} -> HTTP {}", request.method(), shownUrl, response.statusCode());
                if (response.statusCode() >= 400) {
                    throw failures.httpStatus(request, shownUrl, response);
                }
                return response.body();
            } catch (HttpConnectTimeoutException e) {
                if (retry >= options.maxConnectRetries()) {
                    throw failures.connectTimeout(shownUrl, retry, e);
                }
            } catch (HttpTimeoutException e) {
                throw failures.readTimeout(request, shownUrl, e);
            } catch (ConnectException e) {
                if (retry >= options.maxConnectRetries()) {
                    throw failures.refused(shownUrl, retry, e);
                }
            } catch (SSLException e) {
                throw failures.untrusted(shownUrl, e);
            } catch (IOException e) {
                throw failures.broken(request, shownUrl, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failures.interrupted(request, shownUrl, e);
            } catch (UncheckedIOException e) {
                throw failures.unreadableLocalFile(shownUrl, e.getCause(), e);
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
                yield MultipartPublisher.of(multipart);
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

    /** Releases the HTTP client. */
    @Override
    public void close() {
        client.close();
    }

    /** Shows the domain only; the token is never shown. */
    @Override
    public String toString() {
        return "SpatialXTransport[domain=" + address.domain() + ", token=" + SecretMasker.MASK + "]";
    }
}
