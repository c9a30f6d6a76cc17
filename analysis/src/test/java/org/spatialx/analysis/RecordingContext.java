package org.spatialx.analysis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spatialx.api.analysis.AnalysisContext;

/** An analysis context for tests: records log lines and progress, can be cancelled. */
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

    public RecordingContext(long seed, int threads, String outputName) {
        this.seed = seed;
        this.threads = threads;
        this.outputName = outputName;
    }

    /** Cancels once {@code reports} progress reports have been made. */
    public RecordingContext cancelAfter(int reports) {
        cancelAfterProgress = reports;
        return this;
    }

    public List<String> log() {
        return log;
    }

    public List<Progress> progress() {
        return progress;
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
}
