package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One {@code {key, value}} pair of a SampleData's {@code files}, {@code folders}, {@code args}
 * or {@code kwargs} (protocol 4.1). The value is a path for files and folders, any JSON scalar
 * for arguments.
 *
 * @param key   an element key ({@link SubmissionElementKeys} value) or an argument name
 * @param value a server path, a string, a number or a boolean
 */
@JsonPropertyOrder({"key", "value"})
public record KeyValue(String key, Object value) {

    /** A pair whose key is the wire value of {@code key}. */
    public static KeyValue of(WireEnum key, Object value) {
        return new KeyValue(String.valueOf(key.value()), value);
    }
}
