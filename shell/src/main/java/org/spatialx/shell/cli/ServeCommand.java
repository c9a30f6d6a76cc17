package org.spatialx.shell.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code spatialx serve}: runs the local SpatialX-compatible server until Ctrl-C, printing the domain,
 * where the token is stored (not the token itself, unless asked) and the notebook's connect line.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a local SpatialX-compatible server (HTTP on 127.0.0.1) until Ctrl-C.",
                "Prints the domain (openapi/, pyapi/v1/ and ucc.go/ sit directly under it), where the token is "
                        + "stored, and how to connect from Python and JavaScript.",
                "The token comes from --token-file, else $SPATIALX_TOKEN, else the home's token file, else a new "
                        + "random one (stored in the home, owner-only). Prefer those to --token: a command line is "
                        + "visible to every local user (ps, /proc/PID/cmdline)."})
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
            description = "Address to bind (default: ${DEFAULT-VALUE}). Anything else serves your files over plain "
                    + "HTTP to the networks it reaches (0.0.0.0: all of them).")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the token clients must send from FILE's first line ('-' = standard input).")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "T",
            description = "The token clients must send. Visible to every local user in ps: prefer --token-file or "
                    + "$SPATIALX_TOKEN.")
    String token;

    @Option(names = "--show-token",
            description = "Print the token in the start-up lines (by default they say where it is stored, so that "
                    + "a captured log does not hold it).")
    boolean showToken;

    @Option(names = "--mount", paramLabel = "NAME=PATH",
            description = "Also serve a local folder under a name (repeatable).")
    Map<String, Path> mounts = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        LocalServerConfig config = LocalServerConfig.defaults().withPort(port).withHost(host);
        if (home != null) {
            config = config.withHome(home);
        }
        LocalServer server;
        try {
            String given = givenToken(err);
            if (given != null) {
                config = config.withToken(given);
            }
            for (var mount : mounts.entrySet()) {
                config = config.withMount(mount.getKey(), mount.getValue());
            }
            server = LocalServer.start(config);
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            err.println("spatialx serve: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "spatialx-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(banner(server, host, showToken));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The token from --token-file or --token (with a warning: a command line is public), or null. */
    private String givenToken(PrintWriter err) throws IOException {
        if (tokenFile != null && token != null) {
            throw new IllegalArgumentException("give the token once: --token-file or --token, not both.");
        }
        if (tokenFile != null) {
            String line = tokenFile.toString().equals("-")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine()
                    : Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse(null);
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("the token file " + tokenFile + " is empty; write the token on its"
                        + " first line.");
            }
            return line.strip();
        }
        if (token != null) {
            err.println("spatialx serve: warning: --token is visible to every local user (ps, /proc); prefer"
                    + " --token-file or $SPATIALX_TOKEN.");
        }
        return token;
    }

    /**
     * What {@code serve} prints once the server runs: domain, token file, home and folders, the lines that
     * connect from Python and JavaScript, and a warning when the server is reachable beyond this machine.
     */
    static String banner(LocalServer server, String host, boolean showToken) {
        StringBuilder text = new StringBuilder("SpatialX local server running.\n");
        text.append("  domain: ").append(server.url()).append('\n');
        Path tokenFile = server.home().resolve("token");
        text.append("  token:  ").append(showToken ? server.token() + "   (stored in " + tokenFile + ")"
                : "stored in " + tokenFile + " (owner-only; --show-token prints it)").append('\n');
        text.append("  home:   ").append(server.home()).append('\n');
        for (Mount m : server.mounts().all()) {
            text.append("  folder: ").append(m.name()).append(" = ").append(m.root()).append('\n');
        }
        String token = showToken ? '"' + server.token() + '"' : "TOKEN";
        text.append("Connect from Python:     connector = SpatialXConnector(domain=\"").append(server.url())
                .append("\", token=").append(token).append(")\n");
        text.append("Connect from JavaScript: const connector = new SpatialXConnector({domain: \"")
                .append(server.url()).append("\", token: ").append(token).append("})\n");
        if (!showToken) {
            text.append("  (TOKEN: the content of ").append(tokenFile).append(".)\n");
        }
        text.append("  'spatialx run' and 'spatialx shell' with SPATIALX_HOME=").append(server.home())
                .append(" connect to it with domain=\"\" and token=\"\".\n");
        List<String> reachable = reachableUrls(host, server.port());
        if (!reachable.isEmpty()) {
            text.append("WARNING: listening on ").append(host).append(" over plain HTTP: anyone who can reach it ")
                    .append("and has the token reads and writes your folders, and the token travels unencrypted.\n")
                    .append("  From other machines: ").append(String.join(", ", reachable)).append('\n');
        }
        text.append("Press Ctrl-C to stop.\n");
        return text.toString();
    }

    /** The URLs other machines use when {@code host} is not a loopback address (none when it is). */
    static List<String> reachableUrls(String host, int port) {
        InetAddress bound;
        try {
            bound = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return List.of("http://" + host + ":" + port + "/");
        }
        if (bound.isLoopbackAddress()) {
            return List.of();
        }
        if (!bound.isAnyLocalAddress()) {
            return List.of(url(bound, port));
        }
        List<String> urls = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isUp() && !network.isLoopback()) {
                    for (InetAddress address : Collections.list(network.getInetAddresses())) {
                        if (!address.isLinkLocalAddress()) {
                            urls.add(url(address, port));
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // the warning stands without the list
        }
        if (urls.isEmpty()) {
            urls.add("http://<this machine's address>:" + port + "/");
        }
        return urls;
    }

    private static String url(InetAddress address, int port) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        text = zone < 0 ? text : text.substring(0, zone);
        return "http://" + (text.contains(":") ? "[" + text + "]" : text) + ":" + port + "/";
    }
}
