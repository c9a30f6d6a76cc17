package org.spatialx.shell.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialx.core.upload.UploadProgressListener;

/**
 * One upload's progress as plain lines, for output that is not a terminal (a file, a pipe, CI):
 * one line when it ends, {@code Uploaded /data/run1/big.tif (30.0 MiB) in 10.2 s, 2.9 MiB/s -> /Upload/big.tif}
 * (or {@code Upload of ... stopped after 12.0/30.0 MiB} when it failed). With detail asked for
 * ({@code debug_mode=True}) also one when it starts, one per file of a folder, and one every few
 * seconds while it runs: {@code /data/run1/big.tif: 12.0/30.0 MiB (40%), 3.0 MiB/s, 0:00:06 left}.
 */
final class ProgressLines implements UploadProgressListener.Upload {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean detailed;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private volatile String summary;
    private boolean closed;

    /** Starts reporting the upload of {@code label} ({@code total} bytes) on {@code out}. */
    ProgressLines(PrintStream out, String label, long total, boolean detailed, Duration interval) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.detailed = detailed;
        if (detailed) {
            print("Uploading " + label + " (" + ByteSize.format(total) + ")");
            ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("upload-progress").factory());
            long millis = Math.max(1, interval.toMillis());
            ticker.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public void advanced(long bytes) {
        done.addAndGet(bytes);
    }

    @Override
    public void sending(String fileName) {
        if (detailed) {
            print(label + ": sending " + fileName);
        }
    }

    @Override
    public void finished(String where) {
        summary = where;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            closed = true;
        }
        long sent = sent();
        if (summary == null) {
            print("Upload of " + label + " stopped after " + ByteSize.fraction(sent, total));
            return;
        }
        double seconds = elapsedSeconds();
        print("Uploaded " + label + " (" + ByteSize.format(total) + ") in " + duration(seconds) + ", "
                + ByteSize.perSecond(total, seconds) + (summary.isEmpty() ? "" : " -> " + summary));
    }

    private synchronized void report() {
        if (closed) {
            return; // a tick that raced with the end must not print after the final line
        }
        long sent = sent();
        double seconds = elapsedSeconds();
        long percent = total == 0 ? 100 : sent * 100 / total;
        String left = sent == 0 ? "" : ", " + ProgressBar.clock((long) (seconds * (total - sent) / sent)) + " left";
        print(label + ": " + ByteSize.fraction(sent, total) + " (" + percent + "%), "
                + ByteSize.perSecond(sent, seconds) + left);
    }

    private long sent() {
        return Math.max(0, Math.min(done.get(), total));
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String duration(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : ProgressBar.clock((long) seconds);
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }
}
