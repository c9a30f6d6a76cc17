package org.spatialx.shell.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.spatialx.core.tracking.TrackingListener;
import org.spatialx.core.transport.ServerWaitListener;
import org.spatialx.core.upload.UploadProgressListener;
import org.spatialx.shell.runtime.Invocation;

/**
 * How the shell shows the progress of long calls, by one rule: on an interactive terminal a live line
 * redrawn in place ({@link Style#BAR}); anywhere else (a file, a pipe, CI) plain lines that read well
 * in a log ({@link Style#LINES}).
 *
 * <ul>
 *   <li>Uploads ({@link UploadProgressListener}, set with {@code ConnectorOptions.builder().uploadProgress(...)}):
 *       a bar; or one line when each upload ends and, when the call asks for detail
 *       ({@code debug_mode=True}), one when it starts, one per file of a folder and one every few seconds.</li>
 *   <li>Tracked job logs ({@link TrackingListener}, {@code trackingProgress(...)}: a submission's ingestion
 *       followed with {@code tracking=True}): one live line with the log's latest line and the time
 *       spent, replaced by one that stays when the log ends; or each log line, printed where the
 *       connector prints it (its {@code trackingOutput}), as the Python SDK does.</li>
 *   <li>Calls waiting for the server's answer ({@link ServerWaitListener}, {@code serverWait(...)}):
 *       after {@link #WAIT_NOTICE} a line counting the seconds, cleared when the answer comes; or a
 *       line every {@link #WAIT_LINE_INTERVAL} of waiting. Not while an upload bar is drawn.</li>
 * </ul>
 *
 * The stream drawn on is never closed.
 */
public final class ProgressReporter implements UploadProgressListener, ServerWaitListener, TrackingListener {

    /** How often {@link Style#LINES} reports a running upload that asked for detail. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    /** How long a call waits for its answer before a terminal shows that it does. */
    public static final Duration WAIT_NOTICE = Duration.ofSeconds(5);
    /** How often {@link Style#LINES} says that a call still waits for its answer. */
    public static final Duration WAIT_LINE_INTERVAL = Duration.ofSeconds(30);

    private static final int DEFAULT_WIDTH = 80;
    private static final int MIN_WIDTH = 20;

    /** How progress shows. */
    public enum Style {
        /** A live bar redrawn in place: standard output is an interactive terminal. */
        BAR,
        /** Plain lines, one per event: output goes to a file, a pipe or a CI log. */
        LINES
    }

    private final PrintStream out;
    private final Style style;
    private final int width;
    private final Duration lineInterval;
    private final AtomicInteger liveLines = new AtomicInteger();
    private final Map<String, Long> waitLinesPrinted = new ConcurrentHashMap<>();

    /**
     * A reporter writing on {@code out}.
     *
     * @param width        the terminal's columns (bars never wrap)
     * @param lineInterval how often {@link Style#LINES} reports a running upload with detail asked for
     */
    public ProgressReporter(PrintStream out, Style style, int width, Duration lineInterval) {
        this.out = Objects.requireNonNull(out, "out");
        this.style = Objects.requireNonNull(style, "style");
        this.width = Math.max(MIN_WIDTH, width);
        this.lineInterval = Objects.requireNonNull(lineInterval, "lineInterval");
    }

    /**
     * Progress on standard error (where the notebook's bars go): bars when standard output is an
     * interactive terminal, as wide as {@code $COLUMNS} or 80 columns; lines otherwise (the command's
     * terminal and environment: {@link Invocation#current()}).
     */
    public static ProgressReporter onStandardError() {
        return on(System.err);
    }

    /** Progress on {@code out} (a command's standard error), by the same rule as {@link #onStandardError()}. */
    public static ProgressReporter on(PrintStream out) {
        return new ProgressReporter(out, standardOutputIsTerminal() ? Style.BAR : Style.LINES, columns(), LINE_INTERVAL);
    }

    /**
     * True when the command's standard output is an interactive terminal (not a pipe or a file): the
     * client's in the warm runtime ({@link Invocation}).
     */
    public static boolean standardOutputIsTerminal() {
        return Invocation.current().terminal();
    }

    private static int columns() {
        try {
            String columns = Invocation.current().getenv("COLUMNS");
            int value = Integer.parseInt(columns == null ? "" : columns);
            return value >= MIN_WIDTH ? value : DEFAULT_WIDTH;
        } catch (NumberFormatException unset) {
            return DEFAULT_WIDTH;
        }
    }

    /** How this reporter shows progress. */
    public Style style() {
        return style;
    }

    @Override
    public Upload started(String label, long totalBytes, boolean debugMode) {
        if (style == Style.LINES) {
            return new ProgressLines(out, label, totalBytes, debugMode, lineInterval);
        }
        liveLines.incrementAndGet();
        return new ProgressBar(out, width, label, totalBytes, liveLines::decrementAndGet);
    }

    @Override
    public Tracking started(String logPath, Consumer<String> output) {
        if (style == Style.LINES) {
            return output::accept;
        }
        liveLines.incrementAndGet();
        return new TrackingLine(out, width, logPath, liveLines::decrementAndGet);
    }

    @Override
    public void waiting(String call, Duration waited) {
        if (style == Style.BAR) {
            if (waited.compareTo(WAIT_NOTICE) >= 0 && liveLines.get() == 0) {
                synchronized (out) {
                    String line = "waiting for the server's answer to " + call + ": " + waited.toSeconds() + " s";
                    out.print("\r" + fit(line + " (Ctrl-C cancels)", line));
                    out.flush();
                }
            }
            return;
        }
        long lines = waited.toSeconds() / WAIT_LINE_INTERVAL.toSeconds();
        if (lines > waitLinesPrinted.getOrDefault(call, 0L)) {
            waitLinesPrinted.put(call, lines);
            printLine("still waiting for the server's answer to " + call + " (" + waited.toSeconds() + " s)");
        }
    }

    @Override
    public void answered(String call, Duration waited) {
        if (style == Style.BAR) {
            if (waited.compareTo(WAIT_NOTICE) >= 0 && liveLines.get() == 0) {
                synchronized (out) { // the waiting line gives way to what the call prints
                    out.print("\r" + " ".repeat(width - 1) + "\r");
                    out.flush();
                }
            }
            return;
        }
        if (waitLinesPrinted.remove(call) != null) {
            printLine(call + " answered after " + waited.toSeconds() + " s");
        }
    }

    /** {@code line} if it fits the terminal, else {@code shorter}, cut if it must be. */
    private String fit(String line, String shorter) {
        if (line.length() < width) {
            return line;
        }
        return shorter.length() < width ? shorter : shorter.substring(0, width - 4) + "...";
    }

    private void printLine(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
