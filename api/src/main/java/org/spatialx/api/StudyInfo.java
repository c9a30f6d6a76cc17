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
 * The {@code study} object of {@code study/detail} (protocol 2.1 #9): everything
 * {@code study/update} needs to rename a study, and the {@code data_path} that log tracking
 * reads. Fields the server did not send are left out when printed.
 *
 * @param studyId     the study id
 * @param title       the title
 * @param species     a {@link Species} value
 * @param dataPath    the study folder on the server (logs live under it)
 * @param description free text
 * @param emailId     the owner's e-mail
 * @param groupId     the group the study belongs to
 * @param publication publication references
 * @param tags        tags
 * @param author      authors
 * @param extras      fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"study_id", "title", "species", "data_path", "description", "email_id", "group_id",
        "publication", "tags", "author"})
public record StudyInfo(
        @JsonProperty("study_id") String studyId,
        @JsonProperty("title") String title,
        @JsonProperty("species") String species,
        @JsonProperty("data_path") String dataPath,
        @JsonProperty("description") String description,
        @JsonProperty("email_id") String emailId,
        @JsonProperty("group_id") String groupId,
        @JsonProperty("publication") List<Object> publication,
        @JsonProperty("tags") List<Object> tags,
        @JsonProperty("author") List<Object> author,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order. */
    public StudyInfo {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public StudyInfo(String studyId, String title, String species, String dataPath, String description, String emailId, String groupId, List<Object> publication, List<Object> tags, List<Object> author, Map<String, Object> extras) {
        this(studyId, title, species, dataPath, description, emailId, groupId, publication, tags, author, extras, null);
    }
}
