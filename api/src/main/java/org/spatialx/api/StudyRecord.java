package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code study/list} (protocol 2.1 #7): a study as {@code list_study} lists it.
 * Index it by wire name like the notebook does: {@code row.get("study_id")}. Fields the server
 * did not send are left out when printed.
 *
 * @param studyId     the study id ({@code ST-...})
 * @param title       the study title
 * @param totalSample number of samples
 * @param totalData   number of data sets
 * @param extras      fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"study_id", "title", "total_sample", "total_data"})
public record StudyRecord(
        @JsonProperty("study_id") String studyId,
        @JsonProperty("title") String title,
        @JsonProperty("total_sample") Long totalSample,
        @JsonProperty("total_data") Long totalData,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order. */
    public StudyRecord {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public StudyRecord(String studyId, String title, Long totalSample, Long totalData, Map<String, Object> extras) {
        this(studyId, title, totalSample, totalData, extras, null);
    }
}
