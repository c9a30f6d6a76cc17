package org.spatialx.shell.cli;

import java.nio.file.Path;
import org.spatialx.shell.runtime.Invocation;
import org.spatialx.shell.script.ConnectorFactory;
import picocli.CommandLine.Option;

/**
 * {@code --domain URL --token T --home DIR} of the commands that call a server without a script
 * ({@code export}, {@code upload}): the local server of the home by default, a SpatialX server with
 * {@code --domain}.
 */
final class ServerOptions {

    @Option(names = "--domain", paramLabel = "URL", defaultValue = "",
            description = "A SpatialX server (default: the local server of the home).")
    String domain;

    @Option(names = "--token", paramLabel = "T",
            description = "The token of --domain (default: $SPATIALX_TOKEN; prefer it: a command line is visible "
                    + "to every local user in ps).")
    String token;

    @Option(names = "--home", paramLabel = "DIR", description = "The local server's home (default: $SPATIALX_HOME or ~/.spatialx).")
    Path home;

    /** What the connector factory opens: the notebook's defaults (TLS verified) with these options. */
    ConnectorFactory.ConnectOptions connectOptions() {
        return new ConnectorFactory.ConnectOptions(domain, token(), true, null,
                home == null ? null : Invocation.current().resolve(home).toString(), null);
    }

    /** Why these options cannot reach a server, or null: a domain needs a token. */
    String problem() {
        return !domain.isBlank() && token().isBlank() ? "--domain needs a token: pass --token or set SPATIALX_TOKEN." : null;
    }

    /** --token, else $SPATIALX_TOKEN of the command's environment (the client's in the warm runtime), else empty. */
    private String token() {
        String value = token != null ? token : Invocation.current().getenv("SPATIALX_TOKEN");
        return value == null ? "" : value;
    }
}
