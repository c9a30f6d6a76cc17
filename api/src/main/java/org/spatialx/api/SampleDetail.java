package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code get_sample_detail} returns ({@code sample/detail}, protocol 2.1 #14): the sample
 * and its data records.
 *
 * @param sample     the sample fields
 * @param sampleData its data sets (protocol 8.5)
 * @param extras     fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonPropertyOrder({"sample", "sample_data"})
public record SampleDetail(
        @JsonProperty("sample") SampleRecord sample,
        @JsonProperty("sample_data") List<DataRecord> sampleData,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps lists and extras unmodifiable; a missing data list becomes empty. */
    public SampleDetail {
        sampleData = sampleData == null ? List.of() : List.copyOf(sampleData);
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public SampleDetail(SampleRecord sample, List<DataRecord> sampleData, Map<String, Object> extras) {
        this(sample, sampleData, extras, null);
    }
}
