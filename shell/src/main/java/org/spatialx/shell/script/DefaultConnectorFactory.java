package org.spatialx.shell.script;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.progress.ProgressReporter;

/**
 * Opens {@link SpatialXConnector} for scripts: {@code SpatialXConnector(domain, token)} reaches a
 * real server; an empty domain starts (or reuses) the embedded {@link LocalServer} of the home.
 *
 * <p>Keyword arguments ({@link ConnectOptions}): {@code verify_ssl=False} (Python's opt-out of TLS
 * verification) and, for the local server only, {@code home="/folder"} (instead of SPATIALX_HOME)
 * and {@code mounts={"name": "/local/folder"}} to serve local folders (used when this process starts
 * the server; a server already running keeps its mounts).
 */
public final class DefaultConnectorFactory implements ConnectorFactory, AutoCloseable {

    private final SpatialxHome home;
    private final PrintStream progressOutput;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A factory whose local server lives in {@code home}; progress shows on standard error. */
    public DefaultConnectorFactory(SpatialxHome home) {
        this(home, System.err);
    }

    /** A factory whose local server lives in {@code home}; uploads and waits for the server show on {@code progressOutput}. */
    public DefaultConnectorFactory(SpatialxHome home, PrintStream progressOutput) {
        this.home = home;
        this.progressOutput = progressOutput;
    }

    @Override
    public synchronized Object open(ConnectOptions options) {
        String url = options.domain();
        String key = options.token();
        if (url.isBlank()) {
            Path serverHome = options.home() != null && !options.home().isBlank()
                    ? Path.of(options.home()).toAbsolutePath() : home.root();
            LocalServerConfig config = LocalServerConfig.defaults().withHome(serverHome);
            if (options.mounts() != null) {
                for (Map.Entry<String, String> mount : options.mounts().entrySet()) {
                    config = config.withMount(mount.getKey(), Path.of(mount.getValue()).toAbsolutePath().normalize());
                }
            }
            LocalServer server = LocalServer.startOrReuse(config);
            opened.add(server);
            url = server.url();
            key = server.token();
        } else if (options.mounts() != null || options.home() != null) {
            throw new ScriptArgumentException(
                    "home= and mounts= apply to the local server only (an empty domain); a real server serves its own storage");
        }
        ConnectorOptions.Builder builder = ConnectorOptions.builder();
        if (options.domain().isBlank()) {
            builder.readTimeout(ConnectorOptions.LOCAL_READ_TIMEOUT);
        }
        if (Boolean.FALSE.equals(options.verifySsl())) {
            builder.insecureSkipTlsVerify(true);
        }
        // bars and a waiting line on a terminal, plain lines in a file or a pipe
        ProgressReporter progress = ProgressReporter.on(progressOutput);
        builder.uploadProgress(progress).serverWait(progress);
        SpatialXConnector connector = new SpatialXConnector(url, key, builder.build());
        opened.add(connector);
        return connector;
    }

    /** Closes the connectors and stops the local server this process started (a reused one keeps running). */
    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // Closing is best effort: the process is ending anyway.
            }
        }
        opened.clear();
    }
}
