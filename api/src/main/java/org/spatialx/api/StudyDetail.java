package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code get_study_detail} returns ({@code study/detail}, protocol 2.1 #9): the study and
 * its samples.
 *
 * @param study   the study fields
 * @param samples its samples (including deleted ones, {@code enable_status >= 3})
 * @param extras  fields beyond the documented ones, in server order
 */
@JsonPropertyOrder({"study", "samples"})
public record StudyDetail(
        @JsonProperty("study") StudyInfo study,
        @JsonProperty("samples") List<SampleRecord> samples,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras) implements WireRecord {

    /** Keeps lists and extras unmodifiable; a missing sample list becomes empty. */
    public StudyDetail {
        samples = samples == null ? List.of() : List.copyOf(samples);
        extras = WireRecord.copyExtras(extras);
    }
}
