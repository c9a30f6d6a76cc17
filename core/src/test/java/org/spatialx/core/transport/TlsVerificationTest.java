package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.testing.TestConnectors;

/**
 * TLS verification is on by default (protocol 11.6 F): a self-signed server is refused with a
 * hint, and accepted only with the explicit {@code insecureSkipTlsVerify} opt-out.
 */
class TlsVerificationTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static java.util.concurrent.ExecutorService executor;

    @BeforeAll
    static void start() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not found next to the running JDK: " + keytool);
        Path store = dir.resolve("server.p12");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"status\": 0, \"message\": {\"default\": {\"G1\": \"Lab\"}}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        executor = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private String domain() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/spatialx/";
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        try (SpatialXConnector connector = new SpatialXConnector(domain(), TestConnectors.TOKEN,
                TestConnectors.options(new ArrayList<>()).build())) {
            SpatialXConnectionException error = assertThrows(SpatialXConnectionException.class, connector::groups);
            assertTrue(error.getMessage().startsWith("TLS handshake with " + domain() + "openapi/account/groups failed"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("insecureSkipTlsVerify"), error.getMessage());
        }
    }

    @Test
    void theExplicitOptOutAcceptsIt() {
        try (SpatialXConnector connector = new SpatialXConnector(domain(), TestConnectors.TOKEN,
                TestConnectors.options(new ArrayList<>()).insecureSkipTlsVerify(true).build())) {
            assertEquals("G1", connector.groups().get("Lab"));
        }
    }
}
