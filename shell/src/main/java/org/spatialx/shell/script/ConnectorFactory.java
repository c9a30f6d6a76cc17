package org.spatialx.shell.script;

import java.util.Map;
import org.spatialx.api.NotebookName;
import org.spatialx.api.NotebookSection;

/**
 * Opens the connector behind a script's {@code SpatialXConnector(domain=..., token=...)}: a real
 * server for a domain, the embedded local server of the home folder for an empty domain. Scripts
 * call it through its {@link NotebookName}, like every other notebook call.
 */
@FunctionalInterface
public interface ConnectorFactory {

    /**
     * {@code SpatialXConnector(domain, token)}: the connector of a SpatialX server, or with an empty
     * domain the embedded local server of SPATIALX_HOME (started, or reused when running).
     * {@code verify_ssl=False} skips TLS verification; {@code home} and {@code mounts} apply to the
     * local server only.
     *
     * @return the connector object, whose {@code @NotebookName} methods scripts call
     */
    @NotebookName(value = "SpatialXConnector", section = NotebookSection.CONNECT)
    Object open(ConnectOptions options) throws Exception;

    /**
     * The keyword arguments of {@code SpatialXConnector(...)}.
     *
     * @param domain    the server URL; empty for the local server
     * @param token     the personal token (ignored for the local server)
     * @param verifySsl {@code False} skips TLS verification (Python's opt-out)
     * @param home      the local server's home folder instead of SPATIALX_HOME
     * @param mounts    local folders the local server serves, by name (used when this process starts it)
     */
    record ConnectOptions(String domain, String token, Boolean verifySsl, String home, Map<String, String> mounts) {

        /** A missing domain or token is empty; the domain is stripped. */
        public ConnectOptions {
            domain = domain == null ? "" : domain.strip();
            token = token == null ? "" : token;
        }

        /** The Python defaults: {@code domain="", token="", verify_ssl=True}, the SPATIALX_HOME server, no mounts. */
        public static ConnectOptions defaults() {
            return new ConnectOptions("", "", true, null, null);
        }
    }
}
