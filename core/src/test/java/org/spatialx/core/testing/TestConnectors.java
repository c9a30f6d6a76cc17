package org.spatialx.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.spatialx.core.ConnectorOptions;
import org.spatialx.core.SpatialXConnector;

/** Connectors pointed at a {@link RecordingHttpServer}, with short timeouts and a captured tracking output. */
public final class TestConnectors {

    /** The token used by tests; it must never show up in an error message. */
    public static final String TOKEN = "tok-SECRET-0000000000000000000NM";
    /** The path of the SpatialX domain on the test server. */
    public static final String DOMAIN_PATH = "/spatialx/";
    /** Where OpenAPI calls land on the test server. */
    public static final String OPENAPI = DOMAIN_PATH + "openapi/";

    private TestConnectors() {
    }

    /** Options for tests: 20 s connect and 30 s read timeouts, no retries, 5 ms log polling, tracked lines into {@code lines}. */
    public static ConnectorOptions.Builder options(List<String> lines) {
        return ConnectorOptions.builder()
                .connectTimeout(Duration.ofSeconds(20))
                .readTimeout(Duration.ofSeconds(30))
                .maxConnectRetries(0)
                .logPollInterval(Duration.ofMillis(5))
                .trackingOutput(lines::add);
    }

    /** A connector to {@code server}'s {@code /spatialx/} domain. */
    public static SpatialXConnector connect(RecordingHttpServer server) {
        return new SpatialXConnector(server.url(DOMAIN_PATH), TOKEN, options(new CopyOnWriteArrayList<>()).build());
    }
}
