package org.spatialx.analysis.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spatialx.api.analysis.AnalysisContext;

/** An analysis context that records the log and the progress and can be cancelled. */
public final class RecordingContext implements AnalysisContext {

    private final long seed;
    private final int threads;
    private final String outputName;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> stages = new CopyOnWriteArrayList<>();
    private final List<Double> fractions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

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
        stages.add(stage);
        fractions.add(fraction);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    /** Cancels the analysis. */
    public void cancel() {
        cancelled.set(true);
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

    /** The stages reported, in order. */
    public List<String> stages() {
        return stages;
    }

    /** The fractions reported, in order. */
    public List<Double> fractions() {
        return fractions;
    }
}
