package org.spatialx.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of the HTTP server: request-handling threads (shared by all), how long a
 * connection may stay silent while a request's headers or body are expected (or between requests),
 * and how many connections one client address may keep open at once.
 *
 * @param threads              request-handling threads; headers are parsed without one, so only requests
 *                             whose headers arrived (and whose token was checked) occupy them
 * @param readTimeout          the longest silence while reading a request (headers or body) or between
 *                             requests of a kept-alive connection; the connection is closed after it
 * @param connectionsPerClient the most connections one remote address may have open; more are closed at once
 */
public record HttpLimits(int threads, Duration readTimeout, int connectionsPerClient) {

    /** 64 threads, 30 s of silence (the JDK server's keep-alive idle time), 256 connections per address. */
    public static final HttpLimits DEFAULTS = new HttpLimits(64, Duration.ofSeconds(30), 256);

    public HttpLimits {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (threads < 4) {
            throw new IllegalArgumentException("the HTTP server needs at least 4 threads, got " + threads);
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive, got " + readTimeout);
        }
        if (connectionsPerClient < 1) {
            throw new IllegalArgumentException("connectionsPerClient must be at least 1, got " + connectionsPerClient);
        }
    }

    public HttpLimits withThreads(int value) {
        return new HttpLimits(value, readTimeout, connectionsPerClient);
    }

    public HttpLimits withReadTimeout(Duration value) {
        return new HttpLimits(threads, value, connectionsPerClient);
    }

    public HttpLimits withConnectionsPerClient(int value) {
        return new HttpLimits(threads, readTimeout, value);
    }
}
