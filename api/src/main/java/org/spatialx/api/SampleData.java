package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The description of one data set to submit (protocol 4.1): what {@code parse_data_information}
 * returns, one element of every submission's {@code data} array. Field order is the wire order.
 *
 * @param name           data set name
 * @param submissionType a {@link SubmissionType} value
 * @param technology     a {@link Technologies} or {@link CombinedTechnologies} value
 * @param files          element key to server path of a file
 * @param folders        element key to server path of a folder
 * @param args           technology arguments (e.g. {@code mpp})
 * @param kwargs         processing options (e.g. the QC filters {@code min_genes})
 * @param identities     element submission codes (protocol 5.5-5.8); empty for normal parses
 */
@JsonPropertyOrder({"name", "submission_type", "technology", "files", "folders", "args", "kwargs", "identities"})
public record SampleData(
        @JsonProperty("name") String name,
        @JsonProperty("submission_type") String submissionType,
        @JsonProperty("technology") String technology,
        @JsonProperty("files") List<KeyValue> files,
        @JsonProperty("folders") List<KeyValue> folders,
        @JsonProperty("args") List<KeyValue> args,
        @JsonProperty("kwargs") List<KeyValue> kwargs,
        @JsonProperty("identities") List<String> identities) {

    /** Normalises null lists to empty ones (protocol 11.20: a server's null {@code args} is allowed). */
    public SampleData {
        Objects.requireNonNull(name, "name");
        files = files == null ? List.of() : List.copyOf(files);
        folders = folders == null ? List.of() : List.copyOf(folders);
        args = args == null ? List.of() : List.copyOf(args);
        kwargs = kwargs == null ? List.of() : List.copyOf(kwargs);
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** A copy with {@code extra} appended to {@code args}. */
    public SampleData withArgs(List<KeyValue> extra) {
        List<KeyValue> merged = new ArrayList<>(args);
        merged.addAll(extra);
        return new SampleData(name, submissionType, technology, files, folders, merged, kwargs, identities);
    }

    /** A copy with {@code extra} appended to {@code kwargs}. */
    public SampleData withKwargs(List<KeyValue> extra) {
        List<KeyValue> merged = new ArrayList<>(kwargs);
        merged.addAll(extra);
        return new SampleData(name, submissionType, technology, files, folders, args, merged, identities);
    }
}
