package org.spatialx.shell.script;

import java.util.Map;

/**
 * Opens the connector behind a script's {@code SpatialXConnector(domain=..., token=...)}: a real
 * server for a domain, the embedded local server of the home folder for an empty domain.
 */
@FunctionalInterface
public interface ConnectorFactory {

    /**
     * The connector object, whose {@code @NotebookName} methods scripts call.
     *
     * @param domain  the server URL, or empty for the local server
     * @param token   the personal token (ignored for the local server)
     * @param options further keyword arguments of the constructor (e.g. {@code verify_ssl})
     */
    Object open(String domain, String token, Map<String, Object> options) throws Exception;
}
