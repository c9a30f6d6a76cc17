package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code sample/create}, {@code data/create} and {@code data_extend/add} answer (protocol
 * 4.4): the result of the notebook's {@code submit}, {@code add_sample}, {@code add_sample_data}
 * and {@code add_sample_data_element}.
 *
 * @param studyId    the study the data went into
 * @param sampleId   the sample the data went into
 * @param sampleData one entry per submitted data set, in request order; null for {@code data_extend/add}
 * @param submitId   the first (or only) submission id
 * @param jobId      the server job number
 * @param errMessage empty on success
 * @param extras     fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonPropertyOrder({"study_id", "sample_id", "sample_data", "submit_id", "job_id", "err_message"})
public record SubmissionResult(
        @JsonProperty("study_id") String studyId,
        @JsonProperty("sample_id") String sampleId,
        @JsonProperty("sample_data") List<SubmittedData> sampleData,
        @JsonProperty("submit_id") String submitId,
        @JsonProperty("job_id") Long jobId,
        @JsonProperty("err_message") String errMessage,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps lists and extras unmodifiable; a null {@code sample_data} stays null (protocol 4.4). */
    public SubmissionResult {
        sampleData = sampleData == null ? null : List.copyOf(sampleData);
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public SubmissionResult(String studyId, String sampleId, List<SubmittedData> sampleData, String submitId, Long jobId, String errMessage, Map<String, Object> extras) {
        this(studyId, sampleId, sampleData, submitId, jobId, errMessage, extras, null);
    }

    /** Every submission id of this result: those of {@code sample_data}, else {@code submit_id}. */
    public List<String> submitIds() {
        if (sampleData != null && !sampleData.isEmpty()) {
            return sampleData.stream().map(SubmittedData::submitId).filter(id -> id != null && !id.isEmpty()).toList();
        }
        return submitId == null || submitId.isEmpty() ? List.of() : List.of(submitId);
    }
}
