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
 * A sample as {@code sample/list}, {@code study/detail} ({@code samples[]}) and
 * {@code sample/detail} ({@code sample}) describe it (protocol 2.1 #9, #13, #14). Index it by
 * wire name like the notebook: {@code sample.get("sample_id")}. Fields the server did not send
 * are left out when printed.
 *
 * @param sampleId     the sample id ({@code SP-...})
 * @param studyId      its study
 * @param title        the sample name
 * @param enableStatus an {@link EnableStatus} value; 3 and above means deleted
 * @param extras       fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sample_id", "study_id", "title", "enable_status"})
public record SampleRecord(
        @JsonProperty("sample_id") String sampleId,
        @JsonProperty("study_id") String studyId,
        @JsonProperty("title") String title,
        @JsonProperty("enable_status") Integer enableStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order. */
    public SampleRecord {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public SampleRecord(String sampleId, String studyId, String title, Integer enableStatus, Map<String, Object> extras) {
        this(sampleId, studyId, title, enableStatus, extras, null);
    }
}
