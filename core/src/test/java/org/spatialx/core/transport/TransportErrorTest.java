package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXTimeoutException;
import org.spatialx.core.SpatialXUnexpectedResponseException;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/** Every failure gives the documented error, says what to do, and never shows a secret. */
class TransportErrorTest {

    private static final String PASSWORD = "basic-PASSWORD-42";

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(
            server -> new SpatialXConnector(server.url("/spatialx/"), TOKEN,
                    TestConnectors.options(new ArrayList<>()).basicAuth("alice", PASSWORD).build()));

    private static void assertNoSecret(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            assertFalse(text.contains(TOKEN), "token leaked: " + text);
            assertFalse(text.contains(PASSWORD), "password leaked: " + text);
        }
        assertFalse(error.toString().contains(TOKEN));
    }

    @Test
    void aNonZeroStatusIsAServerErrorCarryingTheEnvelope() {
        recording.server().on("GET", OPENAPI + "account/info", ScriptedResponse.json(
                "{\"status\": 403, \"message\": \"Permission denied for token " + TOKEN + "\", \"detail\": [1.5]}"));
        SpatialXServerException error = assertThrows(SpatialXServerException.class, recording.connector()::info);
        assertEquals(403, error.status());
        assertTrue(error.getMessage().contains("""
                {
                    status: 403
                    message: Permission denied for token ***
                    detail: [
                        1.5
                    ]
                }"""), error.getMessage());
        assertTrue(error.getMessage().contains("Check the call's arguments"), error.getMessage());
        assertEquals("Permission denied for token " + TOKEN, error.serverMessage(),
                "the raw server message stays available to the caller");
        assertNoSecret(error);
    }

    @Test
    void http401IsAnHttpErrorWithCodeBodyAndAHint() {
        recording.server().on("GET", OPENAPI + "account/groups", ScriptedResponse.status(401,
                "invalid SpatialX-Token " + TOKEN + " / Authorization: Basic "
                        + java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes())));
        SpatialXHttpException error = assertThrows(SpatialXHttpException.class, recording.connector()::groups);
        assertEquals(401, error.statusCode());
        assertTrue(error.getMessage().startsWith("Call request to "
                + recording.server().url("/spatialx/openapi/account/groups") + " failed with status code 401, response invalid SpatialX-Token *** / Authorization: Basic ***"),
                error.getMessage());
        assertTrue(error.getMessage().contains("copy a fresh token"), error.getMessage());
        assertNoSecret(error);
    }

    @Test
    void http500IsAnHttpErrorAndIsNotRetried() {
        recording.server().on("POST", OPENAPI + "sample/delete", ScriptedResponse.status(500, "Traceback: boom"));
        SpatialXHttpException error = assertThrows(SpatialXHttpException.class,
                () -> recording.connector().deleteSample("SP-1"));
        assertEquals(500, error.statusCode());
        assertEquals("Traceback: boom", error.responseBody());
        assertTrue(error.getMessage().contains("retry later"), error.getMessage());
        assertEquals(1, recording.server().requests().size());
        assertNoSecret(error);
    }

    @Test
    void malformedJsonWhereAnObjectIsNeededIsAnUnexpectedResponse() {
        recording.server().on("GET", OPENAPI + "study/detail",
                ScriptedResponse.json("{\"status\": 0, \"message\": {\"study\": "));
        SpatialXUnexpectedResponseException error = assertThrows(SpatialXUnexpectedResponseException.class,
                () -> recording.connector().getStudyDetail("ST-1"));
        assertTrue(error.getMessage().startsWith("study/detail answered text that is not a JSON object: {\"status\""),
                error.getMessage());
        assertTrue(error.getMessage().contains("Check that the domain"), error.getMessage());
        assertNoSecret(error);
    }

    @Test
    void aFieldOfTheWrongTypeIsAnUnexpectedResponse() {
        recording.server().on("GET", OPENAPI + "data/detail",
                ScriptedResponse.ok("{\"data_id\": \"DA-1\", \"files_map\": 5}"));
        SpatialXUnexpectedResponseException error = assertThrows(SpatialXUnexpectedResponseException.class,
                () -> recording.connector().getSampleDataDetail("DA-1"));
        assertTrue(error.getMessage().startsWith("The answer of data/detail does not fit DataRecord"), error.getMessage());
    }

    @Test
    void aRefusedConnectionIsAConnectionErrorAfterTheBoundedRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ConnectorOptions options = TestConnectors.options(new ArrayList<>()).maxConnectRetries(2)
                .retryBackoff(Duration.ofMillis(1)).basicAuth("alice", PASSWORD).build();
        try (SpatialXConnector offline = new SpatialXConnector("http://127.0.0.1:" + closedPort + "/sx/", TOKEN, options)) {
            SpatialXConnectionException error = assertThrows(SpatialXConnectionException.class, offline::info);
            assertTrue(error.getMessage().startsWith("Could not connect to http://127.0.0.1:" + closedPort
                    + "/sx/openapi/account/info (after 2 retries)"), error.getMessage());
            assertTrue(error.getMessage().contains("Check the domain"), error.getMessage());
            assertNoSecret(error);
        }
    }

    @Test
    void aConnectionRefusedAtFirstSucceedsOnARetry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConnectorOptions options = TestConnectors.options(new ArrayList<>()).maxConnectRetries(6)
                .retryBackoff(Duration.ofMillis(200)).build();
        com.sun.net.httpserver.HttpServer late = com.sun.net.httpserver.HttpServer.create();
        late.createContext("/", exchange -> {
            byte[] body = "{\"status\": 0, \"message\": {\"default\": {\"G\": \"Lab\"}}}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        int boundPort = port;
        Thread starter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
                late.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), boundPort), 0);
                late.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (SpatialXConnector retrying = new SpatialXConnector("http://127.0.0.1:" + port + "/", TOKEN, options)) {
            assertEquals("G", retrying.groups().get("Lab"));
        } finally {
            starter.join();
            late.stop(0);
        }
    }

    @Test
    void aSlowAnswerIsATimeoutAndIsNotRetried() {
        recording.server().on("GET", OPENAPI + "account/info", ScriptedResponse.ok("{}").delayed(Duration.ofSeconds(3)));
        ConnectorOptions options = TestConnectors.options(new ArrayList<>()).readTimeout(Duration.ofMillis(300))
                .maxConnectRetries(3).build();
        try (SpatialXConnector slow = new SpatialXConnector(recording.server().url("/spatialx/"), TOKEN, options)) {
            SpatialXTimeoutException error = assertThrows(SpatialXTimeoutException.class, slow::info);
            assertTrue(error.getMessage().contains("got no answer within 300 ms"), error.getMessage());
            assertTrue(error.getMessage().contains("raise readTimeout"), error.getMessage());
            assertEquals(1, recording.server().requests().size());
            assertNoSecret(error);
        }
    }

    @Test
    void everyErrorIsASpatialXException() {
        recording.server().on("GET", OPENAPI + "account/info",
                ScriptedResponse.json("{\"status\": 1, \"message\": \"no\"}"));
        assertThrows(SpatialXException.class, recording.connector()::info);
    }

    @Test
    void toStringsNeverShowSecrets() {
        ConnectorOptions options = ConnectorOptions.builder().basicAuth("alice", PASSWORD).build();
        SpatialXConnector connector = recording.connector();
        for (Object shown : new Object[] {connector, connector.transport(), options, options.basicAuth()}) {
            assertFalse(shown.toString().contains(TOKEN), shown.toString());
            assertFalse(shown.toString().contains(PASSWORD), shown.toString());
        }
        assertTrue(options.toString().contains("alice"));
    }
}
