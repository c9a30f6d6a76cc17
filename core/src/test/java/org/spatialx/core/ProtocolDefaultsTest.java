package org.spatialx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialx.core.tracking.LogTracker;
import org.spatialx.core.tracking.TrackingListener;

/** Pins every default of the protocol that the connector carries (like Trino's assertRecordedDefaults). */
class ProtocolDefaultsTest {

    @Test
    void connectionDefaultsFollowPythonExceptTlsVerification() {
        ConnectorOptions defaults = ConnectorOptions.defaults();
        assertNull(defaults.basicAuth());
        assertFalse(defaults.insecureSkipTlsVerify(), "TLS verification is ON by default (protocol 11.6 F)");
        assertEquals(Duration.ofSeconds(1800), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(1800), defaults.readTimeout());
        assertEquals(5, defaults.maxConnectRetries());
        assertEquals(Duration.ofMillis(100), defaults.retryBackoff());
        assertEquals(Duration.ofSeconds(1), defaults.logPollInterval());
        assertSame(TrackingListener.PRINT_LINES, defaults.trackingProgress(), "tracked log lines are printed, as Python does");
    }

    @Test
    void callDefaultsAreThePythonKeywordDefaults() {
        assertEquals(new ListStudyOptions(50, 0, 2, 1), ListStudyOptions.defaults());
        assertEquals(new ListSampleOptions(50, 0, false), ListSampleOptions.defaults());
        assertEquals(new PageOptions(50, 0), PageOptions.defaults());
        assertEquals(new ListdirOptions(true, false), ListdirOptions.defaults());
        assertEquals(new CreateStudyOptions(""), CreateStudyOptions.defaults());
        assertEquals(new AddSampleOptions(List.of()), AddSampleOptions.defaults());
        assertEquals(new SubmitOptions("", false, 600), SubmitOptions.defaults());
        assertEquals(new SubmitMultipleSamplesOptions(""), SubmitMultipleSamplesOptions.defaults());
        assertEquals(new AddCustomSampleOptions(Map.of(), Map.of(), Map.of(), false, 600), AddCustomSampleOptions.defaults());
        assertEquals(new AddSampleDataElementOptions(Map.of(), Map.of(), Map.of(), false, 600, null, null),
                AddSampleDataElementOptions.defaults());
        assertEquals(new TrackingOptions(600), TrackingOptions.defaults());
    }

    @Test
    void trackingMarkersAreThoseOfTheLogs() {
        assertEquals("DONE.", LogTracker.DONE_MARKER);
        assertEquals("maximum retry limit", LogTracker.RETRY_LIMIT_MARKER);
        assertEquals(1000, LogTracker.TAIL_LENGTH);
        assertEquals("ignore_technology_elements", SpatialXConnector.IGNORE_TECHNOLOGY_ELEMENTS);
    }
}
