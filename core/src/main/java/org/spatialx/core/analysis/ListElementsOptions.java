package org.spatialx.core.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional arguments of {@code list_embedding} and {@code list_metadata}: ids that win over
 * those resolved from {@code data_id} (protocol 7.1).
 *
 * @param studyId  the study, or null to read it from {@code data/detail}
 * @param sampleId the sample, or null
 * @param tableId  the table, or null for the data set's single table
 */
public record ListElementsOptions(String studyId, String sampleId, String tableId) {

    /** Every id resolved from the data set. */
    public static ListElementsOptions defaults() {
        return new ListElementsOptions(null, null, null);
    }

    AnalysisCall call() {
        Map<String, Object> ids = new LinkedHashMap<>();
        if (studyId != null) {
            ids.put("study_id", studyId);
        }
        if (sampleId != null) {
            ids.put("sample_id", sampleId);
        }
        if (tableId != null) {
            ids.put("table_id", tableId);
        }
        return new AnalysisCall(Map.of(), ids);
    }
}
