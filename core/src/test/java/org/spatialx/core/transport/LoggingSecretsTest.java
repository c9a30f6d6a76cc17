package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.testing.RecordingHttpServer;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/** The transport's debug log names each request and retry but never the token or password. */
class LoggingSecretsTest {

    private static final String PASSWORD = "log-PASSWORD-77";

    @Test
    void debugLinesShowRequestsWithoutSecrets() throws IOException {
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assumeTrue(logFile != null && !logFile.startsWith("System."), "run through Maven: the log file is set in core/pom.xml");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (RecordingHttpServer server = RecordingHttpServer.start()) {
            server.on("GET", TestConnectors.OPENAPI + "account/groups", ScriptedResponse.ok("{\"default\": {}}"));
            ConnectorOptions options = TestConnectors.options(new ArrayList<>()).basicAuth("bob", PASSWORD)
                    .maxConnectRetries(1).retryBackoff(Duration.ofMillis(1)).build();
            try (SpatialXConnector connector = new SpatialXConnector(server.url("/spatialx/?token=" + TestConnectors.TOKEN),
                    TestConnectors.TOKEN, options);
                 SpatialXConnector offline = new SpatialXConnector("http://127.0.0.1:" + closedPort + "/",
                         TestConnectors.TOKEN, options)) {
                connector.groups();
                assertThrows(SpatialXConnectionException.class, offline::groups);
            }
        }
        String log = Files.readString(Path.of(logFile));
        assertTrue(log.contains("GET " + "http://127.0.0.1:"), log);
        assertTrue(log.contains("/spatialx/openapi/account/groups?token=*** -> HTTP 200"), log);
        assertTrue(log.contains("retry 1 of 1"), log);
        assertFalse(log.contains(TestConnectors.TOKEN), "token leaked into the log");
        assertFalse(log.contains(PASSWORD), "password leaked into the log");
    }
}
