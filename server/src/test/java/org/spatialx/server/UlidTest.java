package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spatialx.server.store.Ulid;

class UlidTest {

    @Test
    void idsWithinOneMillisecondAreUniqueAndIncreasing() {
        Ulid ulid = new Ulid(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = ulid.next();
            assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
            assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            assertTrue(seen.add(id));
            previous = id;
        }
    }

    @Test
    void theTimePartEncodesTheMillisecondsInCrockfordBase32() {
        Ulid ulid = new Ulid(Clock.fixed(Instant.ofEpochMilli(1_469_918_176_385L), ZoneOffset.UTC));
        // the reference example of the ULID specification: 1469918176385 -> 01ARYZ6S41
        assertEquals("01ARYZ6S41", ulid.next().substring(0, 10));
        assertTrue(new Ulid().next("ST-").startsWith("ST-"));
    }
}
