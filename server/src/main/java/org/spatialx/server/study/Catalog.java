package org.spatialx.server.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.store.Sql;

/**
 * Reads and writes study, sample, data and element rows, and renders them in the protocol's
 * record shapes (study detail 2.1 #9, sample 8.3, data record 8.5). Methods take the
 * connection of the caller's {@code Database.read/write}, so several calls share one transaction.
 */
public final class Catalog {

    /** Enable status of a deleted record (protocol 5.4). */
    public static final int DELETED = 3;

    private final ObjectMapper json;

    public Catalog(ObjectMapper json) {
        this.json = json;
    }

    // ---- studies ----------------------------------------------------------------------------

    /** The study row as a wire record, or a not-found error. */
    public Map<String, Object> study(Connection c, String studyId) throws SQLException {
        Map<String, Object> study = Sql.one(c, "SELECT * FROM studies WHERE study_id = ?", studyId);
        if (study == null) {
            throw ApiException.notFound("Study '" + studyId + "' does not exist on this server; "
                    + "list_study shows the studies of a group.");
        }
        return studyRecord(c, study);
    }

    /** The study, which must not be deleted (for calls that add to it). */
    public Map<String, Object> activeStudy(Connection c, String studyId) throws SQLException {
        Map<String, Object> study = study(c, studyId);
        if (((Number) study.get("status")).intValue() == DELETED) {
            throw new ApiException(ApiException.CONFLICT, "Study '" + studyId + "' was deleted; create a new study.");
        }
        return study;
    }

    Map<String, Object> studyRecord(Connection c, Map<String, Object> row) throws SQLException {
        String id = (String) row.get("study_id");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study_id", id);
        out.put("title", row.get("title"));
        out.put("species", row.get("species"));
        out.put("data_path", row.get("data_path"));
        out.put("description", row.get("description"));
        out.put("email_id", row.get("email_id"));
        out.put("group_id", row.get("group_id"));
        out.put("publication", list((String) row.get("publication")));
        out.put("tags", list((String) row.get("tags")));
        out.put("author", list((String) row.get("author")));
        out.put("type", row.get("type"));
        out.put("status", row.get("status"));
        out.put("enable_status", row.get("status"));
        out.put("total_sample", Sql.count(c, "SELECT COUNT(*) FROM samples WHERE study_id = ? AND enable_status < 3", id));
        out.put("total_data", Sql.count(c, "SELECT COUNT(*) FROM data WHERE study_id = ? AND enable_status < 3", id));
        out.put("created_at", row.get("created_at"));
        out.put("updated_at", row.get("updated_at"));
        return out;
    }

    /** Studies of a group, filtered by species and status (protocol 5.4 StudyFilter), newest first. */
    public Map<String, Object> listStudies(Connection c, String groupId, String species, int active, int compare,
                                           long limit, long offset) throws SQLException {
        String op = switch (compare) {
            case 0 -> "=";
            case 1 -> "<=";
            case 2 -> ">";
            default -> throw ApiException.badRequest("'compare' must be 0 (equal), 1 (not larger) or 2 (larger), got "
                    + compare + ".");
        };
        StringBuilder where = new StringBuilder(" WHERE status " + op + " ?");
        List<Object> args = new ArrayList<>(List.of(active));
        if (groupId != null) {
            where.append(" AND group_id = ?");
            args.add(groupId);
        }
        if (species != null) {
            where.append(" AND species = ?");
            args.add(species);
        }
        long total = Sql.count(c, "SELECT COUNT(*) FROM studies" + where, args.toArray());
        args.add(limit);
        args.add(offset);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM studies" + where
                + " ORDER BY created_at DESC, study_id DESC LIMIT ? OFFSET ?", args.toArray())) {
            list.add(studyRecord(c, row));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("list", list);
        out.put("total", total);
        out.put("limit", limit);
        out.put("offset", offset);
        return out;
    }

    // ---- samples ----------------------------------------------------------------------------

    public Map<String, Object> sample(Connection c, String sampleId) throws SQLException {
        Map<String, Object> row = Sql.one(c, "SELECT * FROM samples WHERE sample_id = ?", sampleId);
        if (row == null) {
            throw ApiException.notFound("Sample '" + sampleId + "' does not exist on this server; "
                    + "list_sample shows the samples of a study.");
        }
        return sampleRecord(c, row);
    }

    Map<String, Object> sampleRecord(Connection c, Map<String, Object> row) throws SQLException {
        String id = (String) row.get("sample_id");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sample_id", id);
        out.put("study_id", row.get("study_id"));
        out.put("title", row.get("title"));
        out.put("enable_status", row.get("enable_status"));
        out.put("total_data", Sql.count(c, "SELECT COUNT(*) FROM data WHERE sample_id = ? AND enable_status < 3", id));
        out.put("created_at", row.get("created_at"));
        out.put("updated_at", row.get("updated_at"));
        return out;
    }

    /** Samples of a study; deleted ones only when {@code includeDeleted}. */
    public List<Map<String, Object>> samples(Connection c, String studyId, boolean includeDeleted, long limit,
                                             long offset) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM samples WHERE study_id = ?"
                + (includeDeleted ? "" : " AND enable_status < 3")
                + " ORDER BY created_at, sample_id LIMIT ? OFFSET ?", studyId, limit, offset)) {
            out.add(sampleRecord(c, row));
        }
        return out;
    }

    public long countSamples(Connection c, String studyId, boolean includeDeleted) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM samples WHERE study_id = ?"
                + (includeDeleted ? "" : " AND enable_status < 3"), studyId);
    }

    // ---- data -------------------------------------------------------------------------------

    public Map<String, Object> data(Connection c, String dataId) throws SQLException {
        Map<String, Object> row = Sql.one(c, "SELECT * FROM data WHERE data_id = ?", dataId);
        if (row == null) {
            throw ApiException.notFound("Data '" + dataId + "' does not exist on this server; "
                    + "get_sample_detail lists the data of a sample.");
        }
        return dataRecord(c, row);
    }

    /** Data of a sample that are not deleted, oldest first. */
    public List<Map<String, Object>> dataOfSample(Connection c, String sampleId, long limit, long offset)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM data WHERE sample_id = ? AND enable_status < 3"
                + " ORDER BY created_at, data_id LIMIT ? OFFSET ?", sampleId, limit, offset)) {
            out.add(dataRecord(c, row));
        }
        return out;
    }

    /** The data record with every field of protocol 8.5. */
    Map<String, Object> dataRecord(Connection c, Map<String, Object> row) throws SQLException {
        Map<String, Object> study = Sql.one(c, "SELECT email_id, species, data_path FROM studies WHERE study_id = ?",
                row.get("study_id"));
        String submitId = (String) row.get("submit_id");
        String mapSubmitResult = (String) row.get("map_submit_result");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data_id", row.get("data_id"));
        out.put("sample_id", row.get("sample_id"));
        out.put("study_id", row.get("study_id"));
        out.put("submit_id", submitId);
        out.put("email_id", study == null ? "" : study.get("email_id"));
        out.put("title", row.get("title"));
        out.put("species_version", study == null ? "" : study.get("species"));
        out.put("submission_type", row.get("submission_type"));
        out.put("technology", row.get("technology"));
        out.put("files", row.get("files"));
        out.put("files_map", parse((String) row.get("files")));
        out.put("folders", row.get("folders"));
        out.put("folders_map", parse((String) row.get("folders")));
        out.put("args", row.get("args"));
        out.put("args_map", parse((String) row.get("args")));
        out.put("kwargs", row.get("kwargs"));
        out.put("kwargs_map", parse((String) row.get("kwargs")));
        out.put("identities", row.get("identities"));
        out.put("identities_map", parse((String) row.get("identities")));
        out.put("enable_status", row.get("enable_status"));
        out.put("by_bioturing_status", 0);
        out.put("percent", row.get("percent"));
        out.put("setting", "{}");
        out.put("map_setting", Map.of());
        out.put("submit_result", mapSubmitResult == null ? "" : mapSubmitResult);
        out.put("map_submit_result", mapSubmitResult == null ? null : parse(mapSubmitResult));
        out.put("extend_items", "[]");
        out.put("map_extend_items", List.of());
        out.put("created_at", row.get("created_at"));
        out.put("updated_at", row.get("updated_at"));
        out.put("job_id", row.get("job_id"));
        out.put("analysis_id", "");
        out.put("sub_log_path", study == null ? "" : study.get("data_path") + "/submit/" + submitId + "/submission.log");
        return out;
    }

    /**
     * Rebuilds a data's {@code map_submit_result} from its element rows:
     * {@code {submit_id: {kind: {element_id: name}}}} (protocol 8.5), or null while none is registered.
     */
    public void refreshSubmitResult(Connection c, String dataId, long now) throws SQLException {
        Map<String, Map<String, Map<String, String>>> result = new LinkedHashMap<>();
        for (Map<String, Object> e : Sql.all(c, "SELECT * FROM elements WHERE data_id = ? ORDER BY created_at, element_id",
                dataId)) {
            result.computeIfAbsent((String) e.get("submit_id"), k -> new LinkedHashMap<>())
                    .computeIfAbsent((String) e.get("kind"), k -> new LinkedHashMap<>())
                    .put((String) e.get("element_id"), (String) e.get("name"));
        }
        boolean anySubmitted = Sql.count(c, "SELECT COUNT(*) FROM submissions WHERE data_id = ? AND state = ?",
                dataId, SubmissionState.RECEIVED.stored()) > 0;
        String text = result.isEmpty() && !anySubmitted ? null : write(result);
        Sql.update(c, "UPDATE data SET map_submit_result = ?, updated_at = ? WHERE data_id = ?", text, now, dataId);
    }

    // ---- helpers ----------------------------------------------------------------------------

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private List<Object> list(String text) {
        Object parsed = parse(text);
        return parsed instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }
}
