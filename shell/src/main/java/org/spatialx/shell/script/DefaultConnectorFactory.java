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
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.progress.UploadProgressBars;

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

    /** Set by {@code spatialx run} when standard output is not a terminal: plain progress, no bars. */
    public static final String PLAIN_OUTPUT_PROPERTY = "spatialx.plain";

    /** The servers and connectors opened, shared by the factory and its sessions' views ({@link #forConsole}). */
    private static final class Opened {
        private final Map<Path, LocalServer> servers = new HashMap<>();
        private final Map<Path, TechnologyCatalog> plugins = new HashMap<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
    }

    private final SpatialxHome home;
    private final Map<String, Path> mounts;
    private final Opened opened;
    private final PrintStream console;
    private final InputStream input;

    /** A factory whose local server lives in {@code home}. */
    public DefaultConnectorFactory(SpatialxHome home) {
        this(home, Map.of());
    }

    /** A factory whose local server lives in {@code home} and also serves {@code mounts} ({@code --mount}). */
    public DefaultConnectorFactory(SpatialxHome home, Map<String, Path> mounts) {
        this(home, Map.copyOf(mounts), new Opened(), null, null);
    }

    private DefaultConnectorFactory(SpatialxHome home, Map<String, Path> mounts, Opened opened, PrintStream console,
                                    InputStream input) {
        this.home = home;
        this.mounts = mounts;
        this.opened = opened;
        this.console = console;
        this.input = input;
    }

    /** The same factory (same servers), whose connectors print to {@code out} and ask on {@code in}. */
    @Override
    public ConnectorFactory forConsole(PrintStream out, InputStream in) {
        return new DefaultConnectorFactory(home, mounts, opened, out, in);
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
        if (!Boolean.getBoolean(PLAIN_OUTPUT_PROPERTY)) {
            // Bars on a terminal or with debug_mode=True; when output is a pipe or a file, uploads are
            // only the log line core writes for each, even with debug_mode=True.
            builder.uploadProgress(UploadProgressBars.onStandardError());
        }
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
                ? Path.of(options.home()).toAbsolutePath().normalize() : home.root();
        Map<String, Path> wanted = new LinkedHashMap<>(mounts);
        if (options.mounts() != null) {
            options.mounts().forEach((name, path) -> wanted.put(name, Path.of(path).toAbsolutePath().normalize()));
        }
        LocalServer server = opened.servers.get(serverHome);
        if (server != null) {
            wanted.forEach(server::mount);
            return server;
        }
        LocalServerConfig config = LocalServerConfig.defaults().withHome(serverHome).withLocalReads(true);
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
