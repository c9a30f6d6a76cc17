package org.spatialx.analysis;

import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;

/**
 * What a kind that runs only on SpatialX says when a local server is asked to run it: the same words in
 * the job's log and as the call's error, naming why and what to do instead.
 */
public final class SpatialXOnly {

    private SpatialXOnly() {
    }

    /** The message: {@code call} runs on SpatialX only, {@code why}; {@code instead}. */
    public static String message(String call, String why, String instead) {
        return call + " runs on SpatialX only: " + why + ". Run it against a SpatialX server"
                + " (SpatialXConnector(domain=\"https://...\", token=...)); " + instead;
    }

    /** Logs the message to the job's log and returns the error to throw. */
    public static AnalysisException refuse(AnalysisContext context, String call, String why, String instead) {
        String message = message(call, why, instead);
        context.log(message);
        return new AnalysisException(message);
    }
}
