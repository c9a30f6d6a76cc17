package org.spatialx.shell.progress;

import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialx.core.upload.UploadProgressListener;

/**
 * One upload's live bar on a terminal, redrawn in place every 250 ms by its own daemon thread until
 * the upload ends: the file name, percentage, bar, amount sent of the total, elapsed and remaining
 * time, rate and, in a folder, the file being sent:
 * {@code big.tif  42% [=========>            ] 12.0/30.0 MiB (0:00:04 / 0:00:06) 3.0 MiB/s cells.parquet}.
 * The line never wraps (on a narrow terminal the rate goes first, then the times). The stream is
 * never closed.
 */
final class ProgressBar implements UploadProgressListener.Upload {

    private static final long REFRESH_MILLIS = 250;
    private static final int MIN_BAR = 10;

    private final PrintStream out;
    private final int width;
    private final String name;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private final Runnable onClose;
    private volatile String current = "";
    private boolean closed;

    /**
     * Starts drawing the bar of {@code label} (a path: its base name is shown) on {@code out},
     * {@code width} columns wide; {@code onClose} runs once the bar is finished.
     */
    ProgressBar(PrintStream out, int width, String label, long total, Runnable onClose) {
        this.out = out;
        this.onClose = onClose;
        this.width = width;
        this.name = shorten(label);
        this.total = total;
        draw();
        this.ticker = redrawEvery(REFRESH_MILLIS, "upload-progress", this::draw);
    }

    /** A daemon thread named {@code name} that runs {@code draw} every {@code millis} until shut down. */
    static ScheduledExecutorService redrawEvery(long millis, String name, Runnable draw) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name(name).factory());
        ticker.scheduleAtFixedRate(draw, millis, millis, TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** The base name, cut to 30 characters from its end. */
    private static String shorten(String label) {
        String base = label.substring(label.lastIndexOf(File.separatorChar) + 1);
        return base.length() <= 30 ? base : "..." + base.substring(base.length() - 27);
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
        onClose.run();
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
        String head = name + " " + String.format(Locale.ROOT, "%3d", percent) + "% [";
        String amount = "] " + ByteSize.fraction(sent, total);
        String times = " (" + clock((long) seconds) + " / " + eta + ")";
        String extra = current.isEmpty() ? "" : " " + current;
        // on a narrow terminal the rate goes first, then the times, then the end of the folder's file name
        String tail = amount;
        for (String candidate : List.of(amount + times + " " + ByteSize.perSecond(sent, seconds), amount + times)) {
            if (width - 1 - head.length() - candidate.length() - extra.length() >= MIN_BAR) {
                tail = candidate;
                break;
            }
        }
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

    /** {@code h:mm:ss}. */
    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
