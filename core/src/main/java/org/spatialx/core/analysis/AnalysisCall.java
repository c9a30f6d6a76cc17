package org.spatialx.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an analysis call carries besides its params (protocol 7.1): the keyword arguments the kind
 * does not declare (in practice {@code data_id}), which join the wire params of most kinds and the id
 * arguments, and {@code info_args}, merged into the id arguments only.
 *
 * @param extraKeywords undeclared keyword arguments, in call order
 * @param infoArgs      {@code info_args}: {@code data_id}, {@code study_id}, {@code sample_id}, {@code table_id}
 */
public record AnalysisCall(Map<String, Object> extraKeywords, Map<String, Object> infoArgs) {

    /** Copies both maps, keeping their order (null values are kept: Python sends them). */
    public AnalysisCall {
        extraKeywords = Collections.unmodifiableMap(new LinkedHashMap<>(extraKeywords));
        infoArgs = Collections.unmodifiableMap(new LinkedHashMap<>(infoArgs));
    }

    /** A call about {@code dataId}, passed as the notebook passes it: the keyword {@code data_id=}. */
    public static AnalysisCall of(String dataId) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("data_id", dataId);
        return new AnalysisCall(extras, Map.of());
    }
}
