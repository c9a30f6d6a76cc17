package org.spatialx.server.http;

import java.io.IOException;

/** An endpoint that writes its own response (the static file gateway); auth is already checked. */
@FunctionalInterface
public interface RawHandler {
    /** @param path the decoded path after the family prefix */
    void handle(RawExchange exchange, String path) throws IOException;
}
