package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One entry of a submission result's {@code sample_data} (protocol 4.4): the data set created
 * for one submitted {@link SampleData}, in request order.
 *
 * @param dataId     the new data id ({@code DA-...})
 * @param submitId   the submission that processes it ({@code SB-...})
 * @param submitName the data set name that was submitted
 * @param extras     fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonPropertyOrder({"data_id", "submit_id", "submit_name"})
public record SubmittedData(
        @JsonProperty("data_id") String dataId,
        @JsonProperty("submit_id") String submitId,
        @JsonProperty("submit_name") String submitName,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order. */
    public SubmittedData {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public SubmittedData(String dataId, String submitId, String submitName, Map<String, Object> extras) {
        this(dataId, submitId, submitName, extras, null);
    }

    /** An entry without extras. */
    public SubmittedData(String dataId, String submitId, String submitName) {
        this(dataId, submitId, submitName, Map.of());
    }
}
