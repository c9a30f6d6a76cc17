package org.spatialx.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local server for each test, in a home of its own (token {@code t}), with a {@link ProtocolClient}; stopped
 * and deleted after the test. Register it with {@code @RegisterExtension}:
 * {@code final LocalServerExtension local = LocalServerExtension.started();}
 */
public final class LocalServerExtension implements BeforeEachCallback, AfterEachCallback {

    private final UnaryOperator<LocalServerConfig> configure;
    private Path temp;
    private LocalServer server;
    private ProtocolClient client;

    private LocalServerExtension(UnaryOperator<LocalServerConfig> configure) {
        this.configure = configure;
    }

    /** A server with the defaults. */
    public static LocalServerExtension started() {
        return new LocalServerExtension(config -> config);
    }

    /** A server whose configuration {@code configure} changes (basic auth, limits, mounts, ...). */
    public static LocalServerExtension started(UnaryOperator<LocalServerConfig> configure) {
        return new LocalServerExtension(configure);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        temp = Files.createTempDirectory("spatialx-server-test");
        start(configure);
    }

    private void start(UnaryOperator<LocalServerConfig> how) {
        server = LocalServer.start(how.apply(LocalServerConfig.defaults().withHome(temp.resolve("home"))
                .withToken("t")));
        client = new ProtocolClient(server);
    }

    /** Stops the server and starts it again in the same home, configured by {@code how} instead. */
    public LocalServer restart(UnaryOperator<LocalServerConfig> how) {
        server.close();
        start(how);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.close();
        delete(temp);
    }

    public LocalServer server() {
        return server;
    }

    public ProtocolClient client() {
        return client;
    }

    /** A folder of the test's own, beside the home (local files, links pointing outside the mounts). */
    public Path temp() {
        return temp;
    }

    /** Deletes a folder and everything in it (links are deleted, not followed). */
    private static void delete(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
