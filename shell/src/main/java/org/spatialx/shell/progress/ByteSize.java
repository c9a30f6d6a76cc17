package org.spatialx.shell.progress;

import java.util.Locale;

/** Byte counts as people read them, in binary units with one decimal: {@code 512 B}, {@code 2.0 KiB}, {@code 12.3 MiB}. */
public final class ByteSize {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    /** {@code bytes} in the largest unit that keeps the number at 1 or more, e.g. {@code 2.0 KiB}. */
    public static String format(long bytes) {
        int unit = unitOf(bytes);
        return number(bytes, unit) + " " + UNITS[unit];
    }

    /** {@code sent} of {@code total} in the total's unit, e.g. {@code 0.5/2.0 KiB}. */
    public static String fraction(long sent, long total) {
        int unit = unitOf(total);
        return number(sent, unit) + "/" + number(total, unit) + " " + UNITS[unit];
    }

    /** A rate, e.g. {@code 3.0 MiB/s}; {@code ?} when no time has passed yet. */
    public static String perSecond(long bytes, double seconds) {
        if (bytes <= 0 || seconds < 1e-3) {
            return "? B/s";
        }
        return format((long) (bytes / seconds)) + "/s";
    }

    private static int unitOf(long bytes) {
        int unit = 0;
        for (long rest = Math.abs(bytes); rest >= 1024 && unit < UNITS.length - 1; rest >>= 10) {
            unit++;
        }
        return unit;
    }

    private static String number(long bytes, int unit) {
        return unit == 0 ? Long.toString(bytes) : String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << (10 * unit)));
    }
}
