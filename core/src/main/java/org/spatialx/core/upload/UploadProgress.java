package org.spatialx.core.upload;

import java.io.Console;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.transport.BytesSentListener;

/**
 * Progress of one upload (a file or a whole folder): a live bar with bytes, rate and ETA when
 * {@code debug_mode=True} or on an interactive terminal, otherwise one log line when it ends. Safe
 * to advance from several chunk threads at once.
 */
final class UploadProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadProgress.class);

    private final String label;
    private final long total;
    private final ProgressBar bar;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();

    private UploadProgress(String label, long total, ProgressBar bar) {
        this.label = label;
        this.total = total;
        this.bar = bar;
    }

    /** Progress of {@code total} bytes named {@code label}, drawn as a bar when {@code policy} says so. */
    static UploadProgress start(String label, long total, boolean debugMode, UploadSettings.Progress policy) {
        boolean drawBar = switch (policy) {
            case BAR -> true;
            case LOG -> false;
            case AUTO -> debugMode || interactiveTerminal();
        };
        ProgressBar bar = drawBar ? new ProgressBarBuilder()
                .setTaskName(shorten(label))
                .setInitialMax(total)
                .setUnit("MiB", 1L << 20)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate()
                .build() : null;
        return new UploadProgress(label, total, bar);
    }

    private static String shorten(String label) {
        String name = label.substring(label.lastIndexOf(java.io.File.separatorChar) + 1); // the bar shows the base name
        return name.length() <= 30 ? name : "..." + name.substring(name.length() - 27);
    }

    /** True when standard output is an interactive terminal (Console.isTerminal on JDK 22+). */
    static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** Adds {@code bytes} (negative to take back the bytes of a chunk that will be re-sent). */
    void advance(long bytes) {
        if (bytes == 0) {
            return;
        }
        done.addAndGet(bytes);
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    /**
     * A listener of one request's file bytes that advances this progress; {@code counted} holds what
     * it has counted so far, so that a failed attempt can be taken back.
     */
    BytesSentListener counting(AtomicLong counted) {
        return (sent, total) -> {
            long now = Math.min(sent, total);
            long before = counted.getAndSet(now);
            advance(now - before);
        };
    }

    /** Renames the bar (the file of a folder being sent). */
    void describe(String current) {
        if (bar != null) {
            bar.setExtraMessage(current);
        }
    }

    /** Bytes counted so far. */
    long done() {
        return done.get();
    }

    /** Logs the summary line of a finished upload. */
    void finished(String detail) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = Math.max(took.toNanos() / 1e9, 1e-9);
        LOG.info("Uploaded {} ({} bytes) in {} s, {} MB/s{}", label, total, String.format("%.1f", seconds),
                String.format("%.1f", total / seconds / 1e6), detail.isEmpty() ? "" : ", " + detail);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
