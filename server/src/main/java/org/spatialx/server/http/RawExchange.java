package org.spatialx.server.http;

import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One request to a {@link RawHandler}, which writes its own answer (the static file gateway). Its
 * credentials are already checked and its body discarded.
 */
public final class RawExchange {

    private final Request request;
    private final Response response;
    private final ApiServer server;

    RawExchange(Request request, Response response, ApiServer server) {
        this.request = request;
        this.response = response;
        this.server = server;
    }

    /** {@code GET} or {@code HEAD}. */
    public String method() {
        return request.getMethod();
    }

    /**
     * Starts the answer: status, content type and the exact length of the body. Returns where the body goes
     * (nothing is sent for a {@code HEAD} request); the caller closes it. An exception thrown while the body is
     * written closes the connection, so the client sees a failure rather than waiting for the missing bytes.
     */
    public OutputStream respond(int status, String contentType, long length) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        return method().equals("HEAD") ? OutputStream.nullOutputStream() : Content.Sink.asOutputStream(response);
    }

    /** Answers an error envelope with HTTP status {@code code}. */
    public void error(int code, String message) throws IOException {
        server.sendEnvelope(response, code, new ApiServer.Envelope(code, message));
    }
}
