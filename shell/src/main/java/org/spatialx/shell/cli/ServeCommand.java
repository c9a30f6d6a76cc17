package org.spatialx.shell.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.server.storage.Mount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spatialx serve}: runs the local SpatialX-compatible server until Ctrl-C, printing the
 * domain and the token a connector needs.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a local SpatialX-compatible server (HTTP on 127.0.0.1) until Ctrl-C.",
                "Prints the domain (openapi/, pyapi/v1/ and ucc.go/ sit directly under it) and the token."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Server home: database, token, uploads, study data (default: $SPATIALX_HOME or ~/.spatialx).")
    Path home;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "TCP port (default: ${DEFAULT-VALUE} = any free port).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; anything else exposes your files).")
    String host;

    @Option(names = "--token", paramLabel = "T",
            description = "Token clients must send (default: $SPATIALX_TOKEN, else the one stored in the home, "
                    + "else a new one).")
    String token;

    @Option(names = "--mount", paramLabel = "NAME=PATH",
            description = "Also serve a local folder under a name (repeatable).")
    Map<String, Path> mounts = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        LocalServerConfig config = LocalServerConfig.defaults().withPort(port).withHost(host);
        if (home != null) {
            config = config.withHome(home);
        }
        if (token != null) {
            config = config.withToken(token);
        }
        for (var mount : mounts.entrySet()) {
            config = config.withMount(mount.getKey(), mount.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalServer server;
        try {
            server = LocalServer.start(config);
        } catch (IllegalStateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("spatialx serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "spatialx-serve-stop"));
        out.println("SpatialX local server running.");
        out.println("  domain: " + server.url());
        out.println("  token:  " + server.token());
        out.println("  home:   " + server.home());
        for (Mount m : server.mounts().all()) {
            out.println("  folder: " + m.name() + " = " + m.root());
        }
        out.println("Connect with: new SpatialXConnector(\"" + server.url() + "\", token). Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
