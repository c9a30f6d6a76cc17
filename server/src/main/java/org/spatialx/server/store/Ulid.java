package org.spatialx.server.store;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Generates ULIDs (26 Crockford base-32 characters: 48-bit millisecond time, 80 random bits),
 * the form of the protocol's ids ({@code ST-01JMGMH3AT8HH8S23QV8ZC2G9T}). Monotonic: ids made
 * within the same millisecond increment the random part, so they sort in creation order.
 */
public final class Ulid {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // upper 16 of the 80 random bits
    private long randomLow;  // lower 64 of the 80 random bits

    public Ulid(Clock clock) {
        this.clock = clock;
    }

    public Ulid() {
        this(Clock.systemUTC());
    }

    /** The next id; strictly greater than every id this generator returned before. */
    public synchronized String next() {
        long now = Math.max(clock.millis(), lastMillis);
        if (now == lastMillis) {
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
                if (randomHigh == 0) { // 80-bit overflow within one millisecond: borrow the next one
                    now++;
                }
            }
        } else {
            randomHigh = random.nextInt(0x10000);
            randomLow = random.nextLong();
        }
        lastMillis = now;
        return encode(now, randomHigh, randomLow);
    }

    /** {@code prefix + next()}, e.g. {@code ST-01J...}. */
    public String next(String prefix) {
        return prefix + next();
    }

    static String encode(long millis, long high16, long low64) {
        char[] out = new char[26];
        // 10 characters of time (50 bits, top 2 always zero for 48-bit times)
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 16 characters of the 80 random bits: high16 then low64
        long lo = low64;
        long hi = high16;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
