package org.spatialx.shell.progress;

import java.io.Console;
import java.io.File;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.spatialx.core.upload.UploadProgressListener;

/**
 * The notebook's upload progress bars, drawn by the shell: one line per upload, redrawn in place every
 * 250 ms, with the file name, percentage, bar, MiB sent of the total, elapsed and remaining time, rate
 * and, in a folder, the file being sent:
 * {@code big.tif  42% [=========>            ] 12/30MiB (0:00:04 / 0:00:06) 3.0MiB/s}.
 * A bar is drawn when the call asks for it ({@code debug_mode=True}) or standard output is an
 * interactive terminal. The stream drawn on is never closed.
 */
public final class UploadProgressBars implements UploadProgressListener {

    private static final long MIB = 1L << 20;
    private static final long REFRESH_MILLIS = 250;
    private static final int DEFAULT_WIDTH = 80;
    private static final int MIN_BAR = 10;

    private final PrintStream out;
    private final BooleanSupplier onTerminal;
    private final int width;

    /**
     * Bars on {@code out}, {@code width} columns wide.
     *
     * @param onTerminal whether standard output is an interactive terminal (bars then show without debug_mode)
     */
    public UploadProgressBars(PrintStream out, BooleanSupplier onTerminal, int width) {
        this.out = Objects.requireNonNull(out, "out");
        this.onTerminal = Objects.requireNonNull(onTerminal, "onTerminal");
        this.width = width;
    }

    /** Bars on standard error (where the notebook's bars go), as wide as {@code $COLUMNS} or 80 columns. */
    public static UploadProgressBars onStandardError() {
        return new UploadProgressBars(System.err, UploadProgressBars::standardOutputIsTerminal, columns());
    }

    /** True when standard output is an interactive terminal (not a pipe or a file). */
    public static boolean standardOutputIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; the code is compiled for 21.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns >= 2 * MIN_BAR ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException unset) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public Upload started(String label, long totalBytes, boolean debugMode) {
        if (!debugMode && !onTerminal.getAsBoolean()) {
            return bytes -> { };
        }
        return new Bar(shorten(label), totalBytes);
    }

    /** The base name, cut to 30 characters from its end. */
    private static String shorten(String label) {
        String name = label.substring(label.lastIndexOf(File.separatorChar) + 1);
        return name.length() <= 30 ? name : "..." + name.substring(name.length() - 27);
    }

    /** One upload's line, redrawn by its own daemon thread until the upload ends. */
    private final class Bar implements Upload {
        private final String name;
        private final long total;
        private final long startNanos = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final ScheduledExecutorService ticker;
        private volatile String current = "";
        private boolean closed;

        Bar(String name, long total) {
            this.name = name;
            this.total = total;
            draw();
            this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("upload-progress").factory());
            ticker.scheduleAtFixedRate(this::draw, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void advanced(long bytes) {
            done.addAndGet(bytes);
        }

        @Override
        public void sending(String fileName) {
            current = fileName;
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            synchronized (this) {
                draw();
                closed = true;
                out.println();
                out.flush();
            }
        }

        private synchronized void draw() {
            if (closed) {
                return;
            }
            out.print("\r" + line(Math.max(0, Math.min(done.get(), total)), (System.nanoTime() - startNanos) / 1e9));
            out.flush();
        }

        private String line(long sent, double seconds) {
            long percent = total == 0 ? 100 : sent * 100 / total;
            String eta = sent == 0 ? "?" : clock((long) (seconds * (total - sent) / sent));
            String rate = sent == 0 || seconds < 1e-3 ? "?" : String.format(Locale.ROOT, "%.1f", sent / seconds / MIB);
            String head = name + " " + String.format(Locale.ROOT, "%3d", percent) + "% [";
            String amount = "] " + sent / MIB + "/" + total / MIB + "MiB";
            String times = " (" + clock((long) seconds) + " / " + eta + ")";
            // on a narrow terminal the rate goes first, then the times: the line never wraps
            String tail = amount + times + " " + rate + "MiB/s";
            if (width - 1 - head.length() - tail.length() < MIN_BAR) {
                tail = amount + times;
            }
            if (width - 1 - head.length() - tail.length() < MIN_BAR) {
                tail = amount;
            }
            String extra = current.isEmpty() ? "" : " " + current;
            int room = width - 1 - head.length() - tail.length();
            if (room - extra.length() < MIN_BAR) {
                extra = extra.substring(0, Math.max(0, Math.min(extra.length(), room - MIN_BAR)));
            }
            int barWidth = Math.max(MIN_BAR, room - extra.length());
            int filled = total == 0 ? barWidth : (int) (barWidth * sent / total);
            String bar = filled == 0 || filled == barWidth ? "=".repeat(filled) + " ".repeat(barWidth - filled)
                    : "=".repeat(filled - 1) + ">" + " ".repeat(barWidth - filled);
            return head + bar + tail + extra;
        }

        private static String clock(long seconds) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }
}
