package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data set as {@code data/detail} describes it (protocol 8.5): what
 * {@code get_sample_data_detail} returns and the entries of a sample's {@code sample_data}.
 * Every documented field has an accessor; printed or handed to a script, a record read from a
 * server shows the fields it sent, in its order ({@link WireRecord#sentFields()}).
 *
 * @param dataId            the data id ({@code DA-...})
 * @param sampleId          its sample
 * @param studyId           its study
 * @param submitId          the submission that created it
 * @param emailId           the owner's e-mail
 * @param title             the data set name
 * @param speciesVersion    species annotation version (often empty)
 * @param submissionType    a {@link SubmissionType} value
 * @param technology        a {@link Technologies} value
 * @param files             raw text form of {@code files_map}
 * @param filesMap          element key to server path of each file
 * @param folders           raw text form of {@code folders_map}
 * @param foldersMap        element key to server path of each folder
 * @param args              raw text form of {@code args_map}
 * @param argsMap           technology arguments
 * @param identities        raw text form of {@code identities_map}
 * @param identitiesMap     element submission codes
 * @param enableStatus      an {@link EnableStatus} value
 * @param byBioturingStatus server flag
 * @param percent           processing progress (an integer or a float, as the server sent it)
 * @param setting           raw text form of {@code map_setting}
 * @param mapSetting        processing settings
 * @param submitResult      raw submit result (null while processing)
 * @param mapSubmitResult   submission id to element kind to element id(s); null while the first
 *                          submission is processing
 * @param extendItems       raw text form of {@code map_extend_items}
 * @param mapExtendItems    elements added later
 * @param createdAt         creation time, Unix seconds
 * @param updatedAt         last update, Unix seconds
 * @param jobId             the server job number
 * @param analysisId        the analysis that produced it, if any
 * @param subLogPath        path of its submission log, if any
 * @param extras            fields beyond the documented ones, in server order
 * @param sentFields the wire names the server sent, in its order; null when built here (see
 *                   {@link WireRecord#sentFields()})
 */
@JsonPropertyOrder({"data_id", "sample_id", "study_id", "submit_id", "email_id", "title", "species_version",
        "submission_type", "technology", "files", "files_map", "folders", "folders_map", "args", "args_map",
        "identities", "identities_map", "enable_status", "by_bioturing_status", "percent", "setting",
        "map_setting", "submit_result", "map_submit_result", "extend_items", "map_extend_items", "created_at",
        "updated_at", "job_id", "analysis_id", "sub_log_path"})
public record DataRecord(
        @JsonProperty("data_id") String dataId,
        @JsonProperty("sample_id") String sampleId,
        @JsonProperty("study_id") String studyId,
        @JsonProperty("submit_id") String submitId,
        @JsonProperty("email_id") String emailId,
        @JsonProperty("title") String title,
        @JsonProperty("species_version") String speciesVersion,
        @JsonProperty("submission_type") String submissionType,
        @JsonProperty("technology") String technology,
        @JsonProperty("files") String files,
        @JsonProperty("files_map") List<KeyValue> filesMap,
        @JsonProperty("folders") String folders,
        @JsonProperty("folders_map") List<KeyValue> foldersMap,
        @JsonProperty("args") String args,
        @JsonProperty("args_map") List<KeyValue> argsMap,
        @JsonProperty("identities") String identities,
        @JsonProperty("identities_map") List<Object> identitiesMap,
        @JsonProperty("enable_status") Integer enableStatus,
        @JsonProperty("by_bioturing_status") Integer byBioturingStatus,
        @JsonProperty("percent") Number percent,
        @JsonProperty("setting") String setting,
        @JsonProperty("map_setting") Map<String, Object> mapSetting,
        @JsonProperty("submit_result") Object submitResult,
        @JsonProperty("map_submit_result") Map<String, Object> mapSubmitResult,
        @JsonProperty("extend_items") Object extendItems,
        @JsonProperty("map_extend_items") List<Object> mapExtendItems,
        @JsonProperty("created_at") Long createdAt,
        @JsonProperty("updated_at") Long updatedAt,
        @JsonProperty("job_id") Long jobId,
        @JsonProperty("analysis_id") String analysisId,
        @JsonProperty("sub_log_path") String subLogPath,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extras,
        @JsonIgnore List<String> sentFields) implements WireRecord {

    /** Keeps extras unmodifiable and in order; other fields are kept exactly as sent (null stays null). */
    public DataRecord {
        extras = WireRecord.copyExtras(extras);
        sentFields = WireRecord.copySentFields(sentFields);
    }

    /** A record built here rather than read from a server: written with its documented fields, then its extras. */
    public DataRecord(String dataId, String sampleId, String studyId, String submitId, String emailId, String title, String speciesVersion, String submissionType, String technology, String files, List<KeyValue> filesMap, String folders, List<KeyValue> foldersMap, String args, List<KeyValue> argsMap, String identities, List<Object> identitiesMap, Integer enableStatus, Integer byBioturingStatus, Number percent, String setting, Map<String, Object> mapSetting, Object submitResult, Map<String, Object> mapSubmitResult, Object extendItems, List<Object> mapExtendItems, Long createdAt, Long updatedAt, Long jobId, String analysisId, String subLogPath, Map<String, Object> extras) {
        this(dataId, sampleId, studyId, submitId, emailId, title, speciesVersion, submissionType, technology, files, filesMap, folders, foldersMap, args, argsMap, identities, identitiesMap, enableStatus, byBioturingStatus, percent, setting, mapSetting, submitResult, mapSubmitResult, extendItems, mapExtendItems, createdAt, updatedAt, jobId, analysisId, subLogPath, extras, null);
    }

    /**
     * The element ids of this data set per element kind, collected from {@code map_submit_result}
     * (protocol 8.6): a string value is one id, an object value contributes its keys. Kinds keep
     * their first-seen order; empty when {@code map_submit_result} is null.
     */
    public Map<String, List<String>> elementIds() {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        if (mapSubmitResult == null) {
            return ids;
        }
        for (Object submission : mapSubmitResult.values()) {
            if (!(submission instanceof Map<?, ?> kinds)) {
                continue;
            }
            for (Map.Entry<?, ?> kind : kinds.entrySet()) {
                List<String> forKind = ids.computeIfAbsent(String.valueOf(kind.getKey()), k -> new ArrayList<>());
                Object value = kind.getValue();
                if (value instanceof Map<?, ?> byId) {
                    byId.keySet().forEach(id -> forKind.add(String.valueOf(id)));
                } else if (value != null) {
                    forKind.add(String.valueOf(value));
                }
            }
        }
        return ids;
    }
}
