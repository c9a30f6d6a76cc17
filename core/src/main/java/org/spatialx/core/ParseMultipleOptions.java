package org.spatialx.core;

import java.util.Map;

/**
 * Optional arguments of {@code parse_multiple_samples_information} (protocol 4.2).
 *
 * @param sampleNameMapping       sub-folder name to sample name (default: the folder name)
 * @param dataNameMapping         sub-folder name to data set name (default: the folder name)
 * @param args                    technology arguments appended to every SampleData's {@code args}
 * @param minGenes                QC filter (default 1)
 * @param minCounts               QC filter (default 1)
 * @param mitoControlsPercentage  QC filter (default 0.25)
 * @param detectLocally           detect each folder with this client's technology extensions instead of
 *                                asking the server's parser (default false, as the Python SDK)
 */
public record ParseMultipleOptions(Map<String, String> sampleNameMapping, Map<String, String> dataNameMapping,
                                   Map<String, Object> args, int minGenes, int minCounts,
                                   double mitoControlsPercentage, boolean detectLocally) {

    /** Null mappings become empty. */
    public ParseMultipleOptions {
        sampleNameMapping = sampleNameMapping == null ? Map.of() : sampleNameMapping;
        dataNameMapping = dataNameMapping == null ? Map.of() : dataNameMapping;
    }

    /** The Python defaults: empty mappings, {@code args=None, min_genes=1, min_counts=1, mito_controls_percentage=0.25}. */
    public static ParseMultipleOptions defaults() {
        return new ParseMultipleOptions(Map.of(), Map.of(), null, 1, 1, 0.25, false);
    }

    /** The per-sample parse options these carry. */
    public ParseOptions parseOptions() {
        return new ParseOptions(args, minGenes, minCounts, mitoControlsPercentage, detectLocally);
    }
}
