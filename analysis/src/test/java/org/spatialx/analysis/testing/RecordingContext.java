package org.spatialx.analysis.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spatialx.api.analysis.AnalysisContext;

/** An analysis context that records the log and the progress and can be cancelled. */
public final class RecordingContext implements AnalysisContext {

    /** One progress report. */
    public record Progress(String stage, double fraction) {
    }

    private final long seed;
    private final int threads;
    private final String outputName;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile int cancelAfterProgress = -1;

    /** A context with {@code seed}, {@code threads} and results named {@code outputName}. */
    public RecordingContext(long seed, int threads, String outputName) {
        this.seed = seed;
        this.threads = threads;
        this.outputName = outputName;
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    @Override
    public void progress(String stage, double fraction) {
        progress.add(new Progress(stage, fraction));
        if (cancelAfterProgress >= 0 && progress.size() >= cancelAfterProgress) {
            cancelled.set(true);
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    /** Cancels the analysis. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Cancels the analysis once {@code reports} progress reports have been made. */
    public RecordingContext cancelAfter(int reports) {
        cancelAfterProgress = reports;
        return this;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String outputName() {
        return outputName;
    }

    /** The log lines. */
    public List<String> log() {
        return log;
    }

    /** The progress reports, in order. */
    public List<Progress> progress() {
        return progress;
    }

    /** The stages reported, in order. */
    public List<String> stages() {
        return progress.stream().map(Progress::stage).toList();
    }

    /** The fractions reported, in order. */
    public List<Double> fractions() {
        return progress.stream().map(Progress::fraction).toList();
    }
}
