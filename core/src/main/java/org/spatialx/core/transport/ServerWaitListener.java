package org.spatialx.core.transport;

import java.time.Duration;

/**
 * Told while a request waits for the server's answer, so that a user is not left without feedback
 * when a server is slow or hung (the shell prints a waiting line). Core prints nothing. Set with
 * {@code ConnectorOptions.builder().serverWait(listener)}. Requests that send a file (upload chunks)
 * are not reported: their progress is.
 */
public interface ServerWaitListener {

    /** Ignores every wait (the default). */
    ServerWaitListener NONE = new ServerWaitListener() {
        @Override
        public void waiting(String call, Duration waited) {
        }

        @Override
        public void answered(String call, Duration waited) {
        }
    };

    /**
     * {@code call} (the method and API path, e.g. {@code POST study/create}) has had no answer for
     * {@code waited}; told about once a second from the first second on, from a timer thread.
     */
    void waiting(String call, Duration waited);

    /** {@code call}, reported waiting before, got its answer (or failed) after {@code waited}. */
    void answered(String call, Duration waited);
}
