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
 * @param detectLocally           detect the folder with this client's technology extensions over the
 *                                server's {@code directory/entities} listing instead of asking the
 *                                server's parser (default false: like the Python SDK, the server's
 *                                {@code pyapi/v1/submission/parse_data_information} decides, protocol 4.2)
 */
public record ParseOptions(Map<String, Object> args, int minGenes, int minCounts, double mitoControlsPercentage,
                           boolean detectLocally) {

    /**
     * The Python defaults: {@code args=None, min_genes=1, min_counts=1, mito_controls_percentage=0.25},
     * parsed by the server.
     */
    public static ParseOptions defaults() {
        return new ParseOptions(null, 1, 1, 0.25, false);
    }

    /** These options with {@code args} appended to every SampleData's {@code args}. */
    public ParseOptions withArgs(Map<String, Object> value) {
        return new ParseOptions(value, minGenes, minCounts, mitoControlsPercentage, detectLocally);
    }

    /** These options detecting on this client ({@code detect_locally=True}). */
    public ParseOptions locally() {
        return new ParseOptions(args, minGenes, minCounts, mitoControlsPercentage, true);
    }
}
