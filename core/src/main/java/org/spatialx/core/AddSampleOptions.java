package org.spatialx.core;

import java.util.List;
import org.spatialx.api.SampleData;

/**
 * Optional arguments of {@code add_sample} (protocol 4.3).
 *
 * @param sampleData the data sets of the new sample (default none)
 */
public record AddSampleOptions(List<SampleData> sampleData) {

    /** Copies the list; null becomes empty. */
    public AddSampleOptions {
        sampleData = sampleData == null ? List.of() : List.copyOf(sampleData);
    }

    /** The Python default: {@code sample_data=[]}. */
    public static AddSampleOptions defaults() {
        return new AddSampleOptions(List.of());
    }
}
