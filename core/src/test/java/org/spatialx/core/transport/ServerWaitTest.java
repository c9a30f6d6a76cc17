package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/** A call that waits for its answer is told to the connector's ServerWaitListener, about once a second. */
class ServerWaitTest {

    private final List<String> told = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(
            server -> new SpatialXConnector(server.url("/spatialx/"), TOKEN, TestConnectors.options(new ArrayList<>())
                    .serverWait(new ServerWaitListener() {
                        @Override
                        public void waiting(String call, Duration waited) {
                            told.add("waiting " + call + " " + waited.toSeconds());
                        }

                        @Override
                        public void answered(String call, Duration waited) {
                            told.add("answered " + call + " " + waited.toSeconds());
                        }
                    })
                    .build()));

    @Test
    void aSlowAnswerIsToldEverySecondThenAnswered() {
        recording.server().on("GET", OPENAPI + "account/groups",
                ScriptedResponse.ok("{\"default\": {}, \"groups\": []}").delayed(Duration.ofMillis(2600)));
        recording.connector().groups();
        assertEquals("waiting GET account/groups 1", told.get(0), told.toString());
        assertTrue(told.get(1).startsWith("waiting GET account/groups "), told.toString());
        String last = told.get(told.size() - 1);
        assertTrue(last.equals("answered GET account/groups 2") || last.equals("answered GET account/groups 3"),
                "told once more when the answer came: " + told);
        assertEquals(1, told.stream().filter(line -> line.startsWith("answered")).count(), told.toString());
    }

    @Test
    void aQuickAnswerIsNotTold() {
        recording.server().on("GET", OPENAPI + "account/groups", ScriptedResponse.ok("{\"default\": {}, \"groups\": []}"));
        recording.connector().groups();
        assertTrue(told.isEmpty(), told.toString());
    }
}
