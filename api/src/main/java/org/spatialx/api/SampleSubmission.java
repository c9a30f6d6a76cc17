package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One sample of a multi-sample submission (protocol 4.2): an element of what
 * {@code parse_multiple_samples_information} returns and of what {@code add_multiple_samples}
 * and {@code submit_multiple_samples} take.
 *
 * @param sampleName the name of the sample to create
 * @param data       its data sets
 */
@JsonPropertyOrder({"sample_name", "data"})
public record SampleSubmission(
        @JsonProperty("sample_name") String sampleName,
        @JsonProperty("data") List<SampleData> data) {

    /** Requires a name; a null data list becomes empty. */
    public SampleSubmission {
        Objects.requireNonNull(sampleName, "sampleName");
        data = data == null ? List.of() : List.copyOf(data);
    }
}
