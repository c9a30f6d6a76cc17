package org.spatialx.core.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.SpatialXTimeoutException;

/**
 * What a failed exchange becomes (protocol 1.3, 1.5 rule 1): one {@link SpatialXException} type per
 * cause, with the URL (secrets masked) and what to do about it.
 */
record ExchangeFailures(SecretMasker masker, ConnectorOptions options) {

    SpatialXHttpException httpStatus(ApiRequest request, String shownUrl, HttpResponse<byte[]> response) {
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

    SpatialXTimeoutException connectTimeout(String shownUrl, int retries, HttpConnectTimeoutException e) {
        return new SpatialXTimeoutException("Could not connect to " + shownUrl + " within "
                + seconds(options.connectTimeout()) + " (" + attempts(retries) + "). Check the domain and"
                + " your network, or raise connectTimeout in ConnectorOptions.", e);
    }

    SpatialXTimeoutException readTimeout(ApiRequest request, String shownUrl, HttpTimeoutException e) {
        return new SpatialXTimeoutException(request.method() + " " + shownUrl + " got no answer within "
                + seconds(options.readTimeout()) + ". The server may be busy: retry later, or raise"
                + " readTimeout in ConnectorOptions.", e);
    }

    SpatialXConnectionException refused(String shownUrl, int retries, ConnectException e) {
        return new SpatialXConnectionException("Could not connect to " + shownUrl + " ("
                + attempts(retries) + "): " + masker.mask(describe(e)) + ". Check the domain, that the"
                + " SpatialX server is running and that no proxy or firewall blocks it.", e);
    }

    SpatialXConnectionException untrusted(String shownUrl, SSLException e) {
        return new SpatialXConnectionException("TLS handshake with " + shownUrl + " failed: "
                + masker.mask(describe(e)) + ". If the server uses a self-signed certificate, add its CA to"
                + " the JDK trust store, or (unsafe) set insecureSkipTlsVerify in ConnectorOptions.", e);
    }

    /** A broken connection, or a local file of a multipart body that could not be read while sending. */
    SpatialXException broken(ApiRequest request, String shownUrl, IOException e) {
        if (e.getCause() instanceof UncheckedIOException local) {
            return unreadableLocalFile(shownUrl, local.getCause(), e);
        }
        return new SpatialXConnectionException(request.method() + " " + shownUrl + " failed: "
                + masker.mask(describe(e)) + ". The connection broke off; check the network and retry.", e);
    }

    SpatialXConnectionException interrupted(ApiRequest request, String shownUrl, InterruptedException e) {
        return new SpatialXConnectionException(request.method() + " " + shownUrl
                + " was interrupted before the server answered.", e);
    }

    SpatialXInvalidInputException unreadableLocalFile(String shownUrl, Throwable reason, Exception e) {
        return new SpatialXInvalidInputException("Could not read the local file sent to " + shownUrl + ": "
                + masker.mask(describe(reason)) + ". Check that it exists and is readable.", e);
    }

    private static String attempts(int retries) {
        return retries == 0 ? "no retry" : "after " + retries + (retries == 1 ? " retry" : " retries");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The exception's type and message, for error texts. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
