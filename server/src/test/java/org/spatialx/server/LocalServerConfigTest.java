package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialx.server.http.HttpLimits;
import org.spatialx.server.submission.TechnologySampleParser;

/** Pins the defaults of the local server (protocol 3.1 chunk limit, loopback, ephemeral port). */
class LocalServerConfigTest {

    @Test
    void defaults() {
        LocalServerConfig config = LocalServerConfig.defaults();
        String envHome = System.getenv("SPATIALX_HOME");
        Path expectedHome = envHome != null && !envHome.isBlank() ? Path.of(envHome)
                : Path.of(System.getProperty("user.home"), ".spatialx");
        assertEquals(expectedHome, config.home());
        assertEquals("127.0.0.1", config.host());
        assertEquals(0, config.port());
        String envToken = System.getenv("SPATIALX_TOKEN");
        assertEquals(envToken == null || envToken.isBlank() ? null : envToken, config.token());
        assertEquals(Map.of(), config.mounts());
        assertEquals(null, config.basicUser());
        assertEquals(104_857_600L, config.maxChunkSize());
        assertEquals(HttpLimits.DEFAULTS, config.http());
        assertTrue(config.jobConcurrency() >= 2);
        // the technologies module is on the server's class path: its detector answers parse_data_information
        assertTrue(config.sampleParser() instanceof TechnologySampleParser, String.valueOf(config.sampleParser()));
    }

    @Test
    void toStringHidesTheTokenAndThePassword() {
        String text = LocalServerConfig.defaults().withToken("very-secret-token").withBasicAuth("bob", "hunter2")
                .toString();
        assertFalse(text.contains("very-secret-token"), text);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("bob"), text);
    }

    @Test
    void invalidValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalServerConfig.defaults().withPort(70000));
        assertThrows(IllegalArgumentException.class, () -> LocalServerConfig.defaults().withJobConcurrency(0));
    }
}
