package org.spatialx.shell.script;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.spatialx.api.NotebookName;

/**
 * Opens the connector behind a script's {@code SpatialXConnector(domain=..., token=...)}: a real
 * server for a domain, the embedded local server of the home folder for an empty domain. Scripts
 * call it through its {@link NotebookName}, like every other notebook call.
 */
@FunctionalInterface
public interface ConnectorFactory {

    /**
     * {@code SpatialXConnector(domain, token, verify_ssl=True, authentication=None)}: the connector of
     * a SpatialX server, or with an empty domain the embedded local server of SPATIALX_HOME (started,
     * or reused when running). {@code verify_ssl=False} skips TLS verification;
     * {@code authentication=(user, password)} adds HTTP basic authentication to every request;
     * {@code home} and {@code mounts} apply to the local server only.
     *
     * @return the connector object, whose {@code @NotebookName} methods scripts call
     */
    @NotebookName("SpatialXConnector")
    Object open(ConnectOptions options) throws Exception;

    /**
     * This factory for one script session: what its connectors print (tracking lines, the Lens
     * connection test, parse failures) goes to the script's {@code out}, in order with the script's
     * own output, and what they ask ({@code delete()}'s {@code Yes}) is read from its {@code in}.
     * By default the factory is used as it is.
     */
    default ConnectorFactory forConsole(PrintStream out, InputStream in) {
        return this;
    }

    /**
     * The keyword arguments of {@code SpatialXConnector(...)}.
     *
     * @param domain         the server URL; empty for the local server
     * @param token          the personal token (ignored for the local server)
     * @param verifySsl      {@code False} skips TLS verification (Python's opt-out)
     * @param authentication {@code (user, password)} for HTTP basic authentication (protocol 1.1, 1.2)
     * @param home           the local server's home folder instead of SPATIALX_HOME
     * @param mounts         local folders the local server serves, by name (added to a server of this
     *                       process even when it runs already)
     */
    record ConnectOptions(String domain, String token, Boolean verifySsl, List<String> authentication, String home,
                          Map<String, String> mounts) {

        /** A missing domain or token is empty; the domain is stripped; credentials are a user and a password. */
        public ConnectOptions {
            domain = domain == null ? "" : domain.strip();
            token = token == null ? "" : token;
            if (authentication != null && (authentication.size() != 2 || authentication.contains(null))) {
                throw new IllegalArgumentException("authentication must be (user, password), got "
                        + authentication.size() + " value(s)");
            }
            authentication = authentication == null ? null : List.copyOf(authentication);
        }

        /**
         * The defaults: {@code domain="", token="", verify_ssl=True} (Python does not verify, protocol
         * 11.6 F), no authentication, the SPATIALX_HOME server, no mounts.
         */
        public static ConnectOptions defaults() {
            return new ConnectOptions("", "", true, null, null, null);
        }

        /** Shows everything but the token and the password. */
        @Override
        public String toString() {
            return "ConnectOptions[domain=" + domain + ", verifySsl=" + verifySsl + ", authentication="
                    + (authentication == null ? "None" : "(" + authentication.get(0) + ", ***)") + ", home=" + home
                    + ", mounts=" + mounts + "]";
        }
    }
}
