package org.spatialx.server.http;

/** One endpoint: turns a request into the envelope's payload, or throws {@link ApiException}. */
@FunctionalInterface
public interface Handler {
    Object handle(ApiRequest request) throws Exception;
}
