package org.spatialx.core.lens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.json.SpatialXJson;
import org.spatialx.core.transport.SecretMasker;

/**
 * The transport of BioTuring Lens servers (protocol 9.1), which differs from SpatialX's: every call
 * is a {@code POST} of a JSON body to {@code <host>api/v1/<route>} with the header
 * {@value #TOKEN_HEADER}, TLS verified, 120 s timeout; the envelope is {@code {"status": 200,
 * "data": ...}}. The token never appears in a message.
 */
final class LensTransport implements AutoCloseable {

    /** The Lens token header (never {@code SpatialX-Token}). */
    static final String TOKEN_HEADER = "bioturing-api-token";
    /** The Lens connector's timeout (protocol 9.1). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** The envelope status of a Lens success. */
    static final int OK = 200;

    private final URI host;
    private final String token;
    private final SpatialXJson json;
    private final SecretMasker masker;
    private final HttpClient client;

    /**
     * A transport to the Lens server at {@code host} (e.g. {@code https://example.bioturing.com/lens_sc/}).
     * A host without its final {@code /} gets one: the SDK would resolve routes against its parent
     * (protocol 9.1) and reach another server.
     */
    LensTransport(String host, String token, SpatialXJson json) {
        if (host == null || host.isBlank()) {
            throw new SpatialXInvalidInputException("The Lens host is empty: copy it from 'BioTuring Lens SDK' in "
                    + "Lens, e.g. https://example.bioturing.com/lens_sc/.");
        }
        if (token == null || token.isBlank()) {
            throw new SpatialXInvalidInputException("The Lens token is empty: copy your personal token from "
                    + "'BioTuring Lens SDK' in Lens.");
        }
        this.masker = new SecretMasker(token, null, null);
        String base = host.strip().endsWith("/") ? host.strip() : host.strip() + "/";
        try {
            this.host = new URI(base);
        } catch (java.net.URISyntaxException e) {
            throw new SpatialXInvalidInputException("Invalid Lens host '" + masker.mask(host) + "': " + e.getReason(), e);
        }
        if (this.host.getHost() == null) {
            throw new SpatialXInvalidInputException("Invalid Lens host '" + masker.mask(host)
                    + "': give its full address, e.g. https://example.bioturing.com/lens_sc/.");
        }
        this.token = token;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code <host>api/v1/<route>}, resolved as RFC 3986 relative reference (protocol 9.1). */
    URI uri(String route) {
        return host.resolve("api/v1/" + route);
    }

    /**
     * POSTs {@code body} as JSON to {@code route} and returns the envelope of a success.
     *
     * @throws SpatialXHttpException       for HTTP 400 and above: {@code Request failed with status <code>, <detail>}
     * @throws SpatialXServerException     for an envelope without status or whose status is not 200
     * @throws SpatialXConnectionException when the server cannot be reached or answers nothing
     */
    JsonNode post(String route, Object body) {
        URI uri = uri(route);
        HttpResponse<String> response = send(uri, body);
        String text = response.body() == null ? "" : response.body();
        JsonNode answer = parse(text);
        if (response.statusCode() >= 400) {
            String detail = answer == null ? text : answer.path("detail").asText(text);
            String traceback = answer == null ? "" : answer.path("traceback").asText("");
            throw new SpatialXHttpException(masker.mask("Request failed with status " + response.statusCode() + ", "
                    + detail + "\ntraceback: " + traceback), uri.toString(), response.statusCode(), masker.mask(text));
        }
        if (text.isBlank()) {
            throw new SpatialXConnectionException("Connection failed: " + uri + " answered nothing.", null);
        }
        if (answer == null || !answer.isObject() || !answer.has("status")) {
            String detail = answer != null && answer.has("detail") ? answer.get("detail").asText() : text;
            throw new SpatialXServerException(masker.mask(detail), uri.toString(), null, masker.mask(detail));
        }
        if (answer.get("status").asInt() != OK) {
            String message = answer.path("message").asText(answer.toString());
            throw new SpatialXServerException(masker.mask("Something went wrong: " + message), uri.toString(),
                    answer.get("status").asInt(), masker.mask(message));
        }
        return answer;
    }

    private HttpResponse<String> send(URI uri, Object body) {
        String payload;
        try {
            payload = json.writeRequestBody(body);
        } catch (JsonProcessingException e) {
            throw new SpatialXInvalidInputException("Cannot send " + body + " to Lens as JSON: " + e.getOriginalMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header(TOKEN_HEADER, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SpatialXConnectionException("Could not reach the Lens server at " + uri + ": "
                    + masker.mask(String.valueOf(e.getMessage())) + ". Check the host and your network.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpatialXConnectionException("Interrupted while calling " + uri, e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : json.responseMapper().readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The host only; the token is never shown. */
    @Override
    public String toString() {
        return "LensTransport[host=" + host + ", token=" + SecretMasker.MASK + "]";
    }
}
