package org.spatialx.shell.progress;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.spatialx.core.tracking.TrackingListener;
import org.spatialx.core.tracking.TrackingOutcome;

/**
 * A tracked job log on a terminal: one live line redrawn in place every second and at each new log
 * line, with the job (the log's folder: a submission id), the time spent and the log's latest line
 * without its time stamp ({@code SB-01J... 0:00:12 Writing transcripts from /data/run1/transcripts.parquet}).
 * The line is cut rather than wrap.
 * When the log ends the live line becomes one line that stays: done, or the server's last line when
 * the job failed, or where the log is when tracking stopped first. The stream is never closed.
 */
final class TrackingLine implements TrackingListener.Tracking {

    private static final long REFRESH_MILLIS = 1000;
    /** The time stamp the local server starts its log lines with ({@code [2026-12-05 03:18:35] }). */
    private static final Pattern TIME_STAMP = Pattern.compile("^\\[[^\\]]*\\]\\s*");

    private final PrintStream out;
    private final int width;
    private final String logPath;
    private final String name;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private final Runnable onClose;
    private String latest = "waiting for the log";
    private int lines;
    private boolean closed;

    /** Starts drawing the line of the log at {@code logPath} on {@code out}, {@code width} columns wide. */
    TrackingLine(PrintStream out, int width, String logPath, Runnable onClose) {
        this.out = out;
        this.width = width;
        this.logPath = logPath;
        this.name = name(logPath);
        this.onClose = onClose;
        draw();
        this.ticker = ProgressBar.redrawEvery(REFRESH_MILLIS, "tracking-progress", this::draw);
    }

    /** The log's folder ({@code SB-01J...} of {@code .../submit/SB-01J.../submission.log}): the job it belongs to. */
    static String name(String logPath) {
        String[] parts = logPath.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : logPath;
    }

    @Override
    public synchronized void line(String line) {
        lines++;
        if (!line.isBlank()) {
            latest = TIME_STAMP.matcher(line.strip()).replaceFirst("");
        }
        draw();
    }

    @Override
    public void finished(TrackingOutcome outcome) {
        ticker.shutdownNow();
        synchronized (this) {
            closed = true;
            String time = ProgressBar.clock(elapsedSeconds());
            String summary = switch (outcome) {
                case DONE -> name + ": done in " + time + " (" + lines + " log lines)";
                case RETRY_LIMIT_REACHED -> name + ": failed after " + time + ": " + latest;
                case TIMED_OUT -> name + ": stopped following the log after " + time + " (the job may still run): "
                        + logPath;
            };
            synchronized (out) {
                out.print("\r" + " ".repeat(width - 1) + "\r" + summary + System.lineSeparator());
                out.flush();
            }
        }
        onClose.run();
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        String head = name + " " + ProgressBar.clock(elapsedSeconds()) + " ";
        String text = head + latest;
        if (text.length() > width - 1) {
            text = text.substring(0, width - 4) + "...";
        }
        synchronized (out) {
            // pad over what a longer previous line left
            out.print("\r" + text + " ".repeat(Math.max(0, width - 1 - text.length())));
            out.flush();
        }
    }
}
