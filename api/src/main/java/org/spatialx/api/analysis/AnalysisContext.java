package org.spatialx.api.analysis;

import java.util.concurrent.CancellationException;

/** What a running {@link Analysis} sees besides its input: its log, progress, cancellation, seed and threads. */
public interface AnalysisContext {

    /** Appends a line to the analysis log ({@code analysis.log}, shown by the client's tracking). */
    void log(String line);

    /**
     * Reports progress: {@code stage} names the step (e.g. {@code neighbours}), {@code fraction} is
     * the part of the whole analysis done, 0 to 1.
     */
    void progress(String stage, double fraction);

    /** True once the analysis should stop (the job was cancelled or the server is stopping). */
    boolean cancelled();

    /** Throws {@link CancellationException} when {@link #cancelled()}; call it between steps and in long loops. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancellationException("analysis cancelled");
        }
    }

    /** The random seed: the same seed on the same input gives the same result. */
    long seed();

    /** How many threads the analysis may use. */
    int threads();

    /** The name the results are stored under: the call's title, or the kind's default output name. */
    String outputName();
}
