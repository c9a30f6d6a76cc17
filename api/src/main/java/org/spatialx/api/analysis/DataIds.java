package org.spatialx.api.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data set's ids as the analysis request needs them (protocol 7.1).
 *
 * @param studyId  the study
 * @param sampleId the sample
 * @param dataId   the data set
 * @param tableId  its single annotated-data table, when it has exactly one
 * @param elements element kind ({@code transcripts}, {@code spot}, ...) to element ids, from {@code map_submit_result}
 */
public record DataIds(String studyId, String sampleId, String dataId, Optional<String> tableId,
        Map<String, List<String>> elements) {

    /** Copies the element map. */
    public DataIds {
        elements = Map.copyOf(elements);
    }

    /** The first element id of {@code kind}, if any. */
    public Optional<String> first(String kind) {
        List<String> ids = elements.get(kind);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }
}
