package org.spatialx.core.testing;

import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.spatialx.core.SpatialXConnector;

/**
 * A fresh {@link RecordingHttpServer} for each test, with a connector to it, closed after the test:
 * <pre>{@code
 * @RegisterExtension
 * final RecordingServerExtension recording = RecordingServerExtension.withConnector();
 * ... recording.server().on("GET", OPENAPI + "account/info", ok("{}")); recording.connector().info(); ...
 * }</pre>
 */
public final class RecordingServerExtension implements BeforeEachCallback, AfterEachCallback {

    private final Function<RecordingHttpServer, SpatialXConnector> connect;
    private RecordingHttpServer server;
    private SpatialXConnector connector;

    private RecordingServerExtension(Function<RecordingHttpServer, SpatialXConnector> connect) {
        this.connect = connect;
    }

    /** The server alone, for tests that build their own client on it. */
    public static RecordingServerExtension serverOnly() {
        return new RecordingServerExtension(null);
    }

    /** The server and {@link TestConnectors#connect}'s connector to its {@code /spatialx/} domain. */
    public static RecordingServerExtension withConnector() {
        return withConnector(TestConnectors::connect);
    }

    /** The server and the connector {@code connect} makes to it (another domain, other options). */
    public static RecordingServerExtension withConnector(Function<RecordingHttpServer, SpatialXConnector> connect) {
        return new RecordingServerExtension(connect);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = RecordingHttpServer.start();
        if (connect != null) {
            connector = connect.apply(server);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            server.close();
        }
    }

    /** The running server of the current test. */
    public RecordingHttpServer server() {
        return server;
    }

    /** The connector to {@link #server()} of the current test. */
    public SpatialXConnector connector() {
        if (connector == null) {
            throw new IllegalStateException("no connector: this extension was made with serverOnly()");
        }
        return connector;
    }
}
