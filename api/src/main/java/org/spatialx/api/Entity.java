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
 * One entry of a server folder listing ({@code directory/entities}, protocol 2.1 #5): what
 * {@code listdir(path, get_details=True)} returns per child.
 *
 * @param name   the child's base name
 * @param type   {@code "file"} or {@code "directory"}
 * @param extras the other detail fields the server sends (size, dates...), in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type"})
public record Entity(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** The {@code type} of a folder. */
    public static final String DIRECTORY = "directory";
    /** The {@code type} of a file. */
    public static final String FILE = "file";

    /** Keeps extras unmodifiable and in order. */
    public Entity {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public Entity(String name, String type, Map<String, Object> extras) {
        this(name, type, extras, null);
    }
}
