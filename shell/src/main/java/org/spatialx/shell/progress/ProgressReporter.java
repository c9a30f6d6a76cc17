package org.spatialx.shell.progress;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import org.spatialx.core.upload.UploadProgressListener;

/**
 * How the shell shows the progress of long calls, by one rule: on an interactive terminal a live bar
 * redrawn in place ({@link Style#BAR}); anywhere else (a file, a pipe, CI) plain lines that read well
 * in a log ({@link Style#LINES}): one when each upload ends and, when the call asks for detail
 * ({@code debug_mode=True}), one when it starts, one per file of a folder and one every few seconds.
 * Uploads report through {@link UploadProgressListener} (set with
 * {@code ConnectorOptions.builder().uploadProgress(...)}); tracked job logs (core's
 * {@code LogTracker}: ingestion, analyses) are the next caller of the same rule. The stream drawn on
 * is never closed.
 */
public final class ProgressReporter implements UploadProgressListener {

    /** How often {@link Style#LINES} reports a running upload that asked for detail. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

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
     * interactive terminal, as wide as {@code $COLUMNS} or 80 columns; lines otherwise.
     */
    public static ProgressReporter onStandardError() {
        return new ProgressReporter(System.err, standardOutputIsTerminal() ? Style.BAR : Style.LINES, columns(),
                LINE_INTERVAL);
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
            return columns >= MIN_WIDTH ? columns : DEFAULT_WIDTH;
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
        return style == Style.BAR
                ? new ProgressBar(out, width, label, totalBytes)
                : new ProgressLines(out, label, totalBytes, debugMode, lineInterval);
    }
}
