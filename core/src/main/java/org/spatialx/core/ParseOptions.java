package org.spatialx.core;

import java.util.Map;

/**
 * Optional arguments of {@code parse_data_information} (protocol 4.2).
 *
 * @param args                    technology arguments appended to every SampleData's {@code args}
 *                                (map order); null for none
 * @param minGenes                QC filter appended to {@code kwargs} (default 1)
 * @param minCounts               QC filter appended to {@code kwargs} (default 1)
 * @param mitoControlsPercentage  QC filter appended to {@code kwargs} (default 0.25)
 * @param detectOnServer          ask the server's parser ({@code pyapi/v1/submission/parse_data_information})
 *                                instead of the technology extensions of this client (default false;
 *                                the Python SDK always asks the server)
 */
public record ParseOptions(Map<String, Object> args, int minGenes, int minCounts, double mitoControlsPercentage,
                           boolean detectOnServer) {

    /** The Python defaults: {@code args=None, min_genes=1, min_counts=1, mito_controls_percentage=0.25}. */
    public static ParseOptions defaults() {
        return new ParseOptions(null, 1, 1, 0.25, false);
    }
}
