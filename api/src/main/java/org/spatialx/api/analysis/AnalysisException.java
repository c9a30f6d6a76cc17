package org.spatialx.api.analysis;

import org.spatialx.api.SpatialXException;

/**
 * An analysis cannot run on its input: an unknown embedding or cluster key, too few cells, a
 * parameter out of range, a kind that runs only on SpatialX. The message names the problem and
 * what to do; the job fails with it and writes nothing.
 */
public class AnalysisException extends SpatialXException {

    private static final long serialVersionUID = 1L;

    /** An error whose message names the problem and the fix. */
    public AnalysisException(String message) {
        super(message);
    }

    /** An error caused by {@code cause}. */
    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
