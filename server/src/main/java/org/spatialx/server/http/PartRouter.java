package org.spatialx.server.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Chooses where a route's file part goes while it is being received, so the bytes are written only once. */
@FunctionalInterface
public interface PartRouter {

    /**
     * A receiver for the file part {@code field}, given the text fields that came before it in the body, or
     * null to stream it to a temporary file as usual (the handler then reports any problem).
     */
    PartReceiver open(Map<String, List<String>> fieldsBefore, String field, String fileName) throws IOException;
}
