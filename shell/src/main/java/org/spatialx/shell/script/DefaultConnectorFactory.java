package org.spatialx.shell.script;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.core.Confirmation;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.progress.ProgressReporter;
import org.spatialx.shell.runtime.Invocation;
import org.spatialx.technologies.TechnologyCatalog;

/**
 * Opens {@link SpatialXConnector} for scripts: {@code SpatialXConnector(domain, token)} reaches a
 * real server; an empty domain starts (or reuses) the embedded {@link LocalServer} of the home.
 *
 * <p>Keyword arguments ({@link ConnectOptions}): {@code verify_ssl=False} (Python's opt-out of TLS
 * verification), {@code authentication=(user, password)} (HTTP basic authentication) and, for the
 * local server only, {@code home="/folder"} (instead of SPATIALX_HOME) and
 * {@code mounts={"name": "/local/folder"}} to serve local folders under a name.
 *
 * <p>The embedded server this process starts runs in the user's own process, so it <b>reads</b> any
 * local path the user can read ({@link LocalServerConfig#withLocalReads}): {@code parse_data_information(
 * data_path="/data/run1")} just works; writes stay in the home. Mounts (the factory's, from
 * {@code --mount}, and a call's {@code mounts=}) are applied to that server even when it is already
 * running in this process; a server of another process is reused only when it already serves them,
 * otherwise the call fails saying why.
 */
public final class DefaultConnectorFactory implements ConnectorFactory, AutoCloseable {

    /** The servers and connectors opened, shared by the factory and its sessions' views ({@link #forConsole}). */
    private static final class Opened {
        private final Map<Path, LocalServer> servers = new HashMap<>();
        private final Map<Path, TechnologyCatalog> plugins = new HashMap<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
    }

    private final SpatialxHome home;
    private final Map<String, Path> mounts;
    private final PrintStream progressOutput;
    private final Opened opened;
    private final PrintStream console;
    private final InputStream input;

    /** A factory whose local server lives in {@code home}; progress shows on standard error. */
    public DefaultConnectorFactory(SpatialxHome home) {
        this(home, Map.of(), System.err);
    }

    /**
     * A factory whose local server lives in {@code home} and also serves {@code mounts} ({@code --mount});
     * uploads, waits for the server and tracked jobs show their progress on {@code progressOutput}.
     */
    public DefaultConnectorFactory(SpatialxHome home, Map<String, Path> mounts, PrintStream progressOutput) {
        this(home, Map.copyOf(mounts), progressOutput, new Opened(), null, null);
    }

    private DefaultConnectorFactory(SpatialxHome home, Map<String, Path> mounts, PrintStream progressOutput,
                                    Opened opened, PrintStream console, InputStream input) {
        this.home = home;
        this.mounts = mounts;
        this.progressOutput = progressOutput;
        this.opened = opened;
        this.console = console;
        this.input = input;
    }

    /** The same factory (same servers), whose connectors print to {@code out} and ask on {@code in}. */
    @Override
    public ConnectorFactory forConsole(PrintStream out, InputStream in) {
        return new DefaultConnectorFactory(home, mounts, progressOutput, opened, out, in);
    }

    @Override
    public Object open(ConnectOptions options) {
        synchronized (opened) {
            return openLocked(options);
        }
    }

    private Object openLocked(ConnectOptions options) {
        String url = options.domain();
        String key = options.token();
        Path pluginsFolder = TechnologyCatalog.defaultPluginsFolder();
        if (url.isBlank()) {
            LocalServer server = localServer(options);
            url = server.url();
            key = server.token();
            pluginsFolder = server.home().resolve("plugins");
        } else if (options.mounts() != null || options.home() != null) {
            throw new ScriptArgumentException(
                    "home= and mounts= apply to the local server only (an empty domain); a real server serves its own storage");
        }
        ConnectorOptions.Builder builder = ConnectorOptions.builder().analyses(analysisKinds(pluginsFolder));
        if (options.domain().isBlank()) {
            builder.readTimeout(ConnectorOptions.LOCAL_READ_TIMEOUT);
        }
        if (Boolean.FALSE.equals(options.verifySsl())) {
            builder.insecureSkipTlsVerify(true);
        }
        if (options.authentication() != null) {
            builder.basicAuth(options.authentication().get(0), options.authentication().get(1));
        }
        if (console != null) {
            builder.trackingOutput(console::println);
            builder.confirmation(question -> Confirmation.ask(question, console, input));
        }
        // uploads, tracked logs and waits: live lines on a terminal, plain lines in a file or a pipe
        ProgressReporter progress = ProgressReporter.on(progressOutput);
        builder.uploadProgress(progress).serverWait(progress).trackingProgress(progress);
        SpatialXConnector connector = new SpatialXConnector(url, key, builder.build());
        opened.resources.add(connector);
        return connector;
    }

    /**
     * The analysis kinds {@code connector.analysis} offers: the built-ins and those of the plugins
     * folder (the local server's, which runs them), loaded once per folder.
     */
    private List<org.spatialx.api.analysis.Analysis<?>> analysisKinds(Path pluginsFolder) {
        TechnologyCatalog catalog = opened.plugins.get(pluginsFolder);
        if (catalog == null) {
            catalog = TechnologyCatalog.load(pluginsFolder);
            opened.plugins.put(pluginsFolder, catalog);
            opened.resources.add(catalog);
        }
        return catalog.analyses();
    }

    /** The home's server: the one this factory opened (given the new mounts), else started or reused. */
    private LocalServer localServer(ConnectOptions options) {
        Path serverHome = options.home() != null && !options.home().isBlank()
                ? Invocation.current().resolve(options.home()).normalize() : home.root();
        Map<String, Path> wanted = new LinkedHashMap<>(mounts);
        if (options.mounts() != null) {
            options.mounts().forEach((name, path) -> wanted.put(name, Invocation.current().resolve(path).normalize()));
        }
        LocalServer server = opened.servers.get(serverHome);
        if (server != null) {
            wanted.forEach(server::mount);
            return server;
        }
        // the token of the command's environment (the client's in the warm runtime), as LocalServerConfig.defaults() reads it in-process
        String token = Invocation.current().getenv("SPATIALX_TOKEN");
        LocalServerConfig config = LocalServerConfig.defaults().withHome(serverHome).withLocalReads(true)
                .withToken(token == null || token.isBlank() ? null : token);
        for (Map.Entry<String, Path> mount : wanted.entrySet()) {
            config = config.withMount(mount.getKey(), mount.getValue());
        }
        server = LocalServer.startOrReuse(config);
        opened.servers.put(serverHome, server);
        opened.resources.add(server);
        return server;
    }

    /** Closes the connectors and stops the local server this process started (a reused one keeps running). */
    @Override
    public void close() {
        synchronized (opened) {
            for (int i = opened.resources.size() - 1; i >= 0; i--) {
                try {
                    opened.resources.get(i).close();
                } catch (Exception e) {
                    // Closing is best effort: the process is ending anyway.
                }
            }
            opened.resources.clear();
            opened.servers.clear();
            opened.plugins.clear();
        }
    }
}
