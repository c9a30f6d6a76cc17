package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonPropertyOrder({"study", "samples"})
public record StudyDetail(
        @JsonProperty("study") StudyInfo study,
        @JsonProperty("samples") List<SampleRecord> samples,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps lists and extras unmodifiable; a missing sample list becomes empty. */
    public StudyDetail {
        samples = samples == null ? List.of() : List.copyOf(samples);
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public StudyDetail(StudyInfo study, List<SampleRecord> samples, Map<String, Object> extras) {
        this(study, samples, extras, null);
    }
}
