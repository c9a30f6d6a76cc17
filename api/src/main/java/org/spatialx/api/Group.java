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
 * A group the user belongs to ({@code account/groups}, protocol 2.1 #4): the {@code groups[]}
 * entries, and the built-in groups of {@code default}.
 *
 * @param id     the group id sent as {@code group_id}
 * @param name   the display name the notebook passes as {@code group}
 * @param extras fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "name"})
public record Group(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order. */
    public Group {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public Group(String id, String name, Map<String, Object> extras) {
        this(id, name, extras, null);
    }

    /** A group without extras. */
    public Group(String id, String name) {
        this(id, name, Map.of());
    }
}
