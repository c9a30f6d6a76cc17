package org.spatialx.server.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 connection to a server: sends the bytes it is given (malformed requests included, which
 * no HTTP client library would send) and reads the answer itself.
 */
final class RawHttp implements AutoCloseable {

    /** An answer: status code, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** A connection to the host and port of {@code url}. */
    static RawHttp connect(String url) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        return new RawHttp(socket);
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one answer (its body by Content-Length, else until the server closes), waiting at most {@code timeout}. */
    Answer read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String statusLine = line();
        while (statusLine != null && statusLine.isEmpty()) {
            statusLine = line();
        }
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        if (status == 100) { // an interim answer to Expect: 100-continue
            line();
            return read(timeout);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            in.transferTo(body);
        } else {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** True when the server closes the connection (end of stream or reset) within {@code timeout}. */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // an answer the server sent before closing is skipped
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
