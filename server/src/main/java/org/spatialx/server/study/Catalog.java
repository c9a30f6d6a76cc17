package org.spatialx.server.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.DataRecord;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.Species;
import org.spatialx.api.StudyFilter;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyStatus;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.store.Sql;

/**
 * Reads and writes study, sample, data and element rows, and renders them as the api's wire
 * records (study detail 2.1 #9, sample 8.3, data record 8.5). Methods take the connection of the
 * caller's {@code Database.read/write}, so several calls share one transaction.
 */
public final class Catalog {

    private static final TypeReference<List<KeyValue>> KEY_VALUES = new TypeReference<>() {
    };
    private static final Integer DELETED = EnableStatus.DELETED.value();

    private final ObjectMapper json;

    public Catalog(ObjectMapper json) {
        this.json = json;
    }

    // ---- studies ----------------------------------------------------------------------------

    /**
     * Inserts a study (status created) whose data lives in {@code dataPath}; {@code species} is a
     * wire value and {@code groupId} an id.
     */
    public void insertStudy(Connection c, String studyId, String groupId, Species species, String title,
                            String description, long type, Path dataPath, long now) throws SQLException {
        String email = System.getProperty("user.name", "user") + "@localhost";
        Sql.update(c, "INSERT INTO studies(study_id, group_id, species, title, description, type, status, email_id,"
                        + " data_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                studyId, groupId, species.value(), title, description, type, StudyStatus.CREATED_STATUS.value(), email,
                dataPath.toString(), now, now);
    }

    /** True when a study with this id exists, deleted or not. */
    public boolean studyExists(Connection c, String studyId) throws SQLException {
        return Sql.one(c, "SELECT study_id FROM studies WHERE study_id = ?", studyId) != null;
    }

    /** The study, or a not-found error. */
    public StudyInfo study(Connection c, String studyId) throws SQLException {
        return studyInfo(c, studyRow(c, studyId));
    }

    /** The study, which must not be deleted (for calls that add to it). */
    public StudyInfo activeStudy(Connection c, String studyId) throws SQLException {
        Map<String, Object> row = studyRow(c, studyId);
        if (StudyStatus.DELETE_STATUS.value().equals(row.get("status"))) {
            throw new ApiException(ApiException.CONFLICT, "Study '" + studyId + "' was deleted; create a new study.");
        }
        return studyInfo(c, row);
    }

    private static Map<String, Object> studyRow(Connection c, String studyId) throws SQLException {
        Map<String, Object> row = Sql.one(c, "SELECT * FROM studies WHERE study_id = ?", studyId);
        if (row == null) {
            throw ApiException.notFound("Study '" + studyId + "' does not exist on this server; "
                    + "list_study shows the studies of a group.");
        }
        return row;
    }

    /** The study object of protocol 2.1 #9; this server adds its type, status, counts and times. */
    private StudyInfo studyInfo(Connection c, Map<String, Object> row) throws SQLException {
        String id = (String) row.get("study_id");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("type", row.get("type"));
        extras.put("status", row.get("status"));
        extras.put("enable_status", row.get("status"));
        extras.put("total_sample", Sql.count(c, "SELECT COUNT(*) FROM samples WHERE study_id = ? AND enable_status < ?",
                id, DELETED));
        extras.put("total_data", Sql.count(c, "SELECT COUNT(*) FROM data WHERE study_id = ? AND enable_status < ?",
                id, DELETED));
        extras.put("created_at", row.get("created_at"));
        extras.put("updated_at", row.get("updated_at"));
        return new StudyInfo(id, (String) row.get("title"), (String) row.get("species"), (String) row.get("data_path"),
                (String) row.get("description"), (String) row.get("email_id"), (String) row.get("group_id"),
                list((String) row.get("publication")), list((String) row.get("tags")), list((String) row.get("author")),
                extras);
    }

    /**
     * Studies of a group (every group when null) and species (every species when null) whose status
     * compares to {@code active} as {@code compare} says (protocol 5.4 StudyFilter), newest first.
     */
    public StudyPage listStudies(Connection c, String groupId, Species species, int active, StudyFilter compare,
                                 long limit, long offset) throws SQLException {
        String op = switch (compare) {
            case EQUAL -> "=";
            case NOT_LARGER -> "<=";
            case LARGER -> ">";
        };
        StringBuilder where = new StringBuilder(" WHERE status " + op + " ?");
        List<Object> args = new ArrayList<>(List.of(active));
        if (groupId != null) {
            where.append(" AND group_id = ?");
            args.add(groupId);
        }
        if (species != null) {
            where.append(" AND species = ?");
            args.add(species.value());
        }
        long total = Sql.count(c, "SELECT COUNT(*) FROM studies" + where, args.toArray());
        args.add(limit);
        args.add(offset);
        List<StudyInfo> list = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM studies" + where
                + " ORDER BY created_at DESC, study_id DESC LIMIT ? OFFSET ?", args.toArray())) {
            list.add(studyInfo(c, row));
        }
        return new StudyPage(list, total, limit, offset);
    }

    // ---- samples ----------------------------------------------------------------------------

    /** The sample, or a not-found error. */
    public SampleRecord sample(Connection c, String sampleId) throws SQLException {
        Map<String, Object> row = Sql.one(c, "SELECT * FROM samples WHERE sample_id = ?", sampleId);
        if (row == null) {
            throw ApiException.notFound("Sample '" + sampleId + "' does not exist on this server; "
                    + "list_sample shows the samples of a study.");
        }
        return sampleRecord(c, row);
    }

    /** The sample of protocol 8.3; this server adds its data count and times. */
    private static SampleRecord sampleRecord(Connection c, Map<String, Object> row) throws SQLException {
        String id = (String) row.get("sample_id");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("total_data", Sql.count(c, "SELECT COUNT(*) FROM data WHERE sample_id = ? AND enable_status < ?",
                id, DELETED));
        extras.put("created_at", row.get("created_at"));
        extras.put("updated_at", row.get("updated_at"));
        return new SampleRecord(id, (String) row.get("study_id"), (String) row.get("title"),
                ((Number) row.get("enable_status")).intValue(), extras);
    }

    /** Samples of a study; deleted ones only when {@code includeDeleted}. */
    public List<SampleRecord> samples(Connection c, String studyId, boolean includeDeleted, long limit, long offset)
            throws SQLException {
        List<SampleRecord> out = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM samples WHERE study_id = ?" + listed(includeDeleted)
                + " ORDER BY created_at, sample_id LIMIT ? OFFSET ?", studyId, limit, offset)) {
            out.add(sampleRecord(c, row));
        }
        return out;
    }

    public long countSamples(Connection c, String studyId, boolean includeDeleted) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM samples WHERE study_id = ?" + listed(includeDeleted), studyId);
    }

    private static String listed(boolean includeDeleted) {
        return includeDeleted ? "" : " AND enable_status < " + DELETED;
    }

    // ---- data -------------------------------------------------------------------------------

    /** The data record, or a not-found error. */
    public DataRecord data(Connection c, String dataId) throws SQLException {
        Map<String, Object> row = Sql.one(c, "SELECT * FROM data WHERE data_id = ?", dataId);
        if (row == null) {
            throw ApiException.notFound("Data '" + dataId + "' does not exist on this server; "
                    + "get_sample_detail lists the data of a sample.");
        }
        return dataRecord(c, row);
    }

    /** Data of a sample that are not deleted, oldest first. */
    public List<DataRecord> dataOfSample(Connection c, String sampleId, long limit, long offset) throws SQLException {
        List<DataRecord> out = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, "SELECT * FROM data WHERE sample_id = ? AND enable_status < ?"
                + " ORDER BY created_at, data_id LIMIT ? OFFSET ?", sampleId, DELETED, limit, offset)) {
            out.add(dataRecord(c, row));
        }
        return out;
    }

    /**
     * The data record with every field of protocol 8.5; this server adds the submission's
     * {@code kwargs} (sent next to {@code args}, {@link DataRecordLayout}).
     */
    @SuppressWarnings("unchecked")
    private DataRecord dataRecord(Connection c, Map<String, Object> row) throws SQLException {
        Map<String, Object> study = Sql.one(c, "SELECT email_id, species, data_path FROM studies WHERE study_id = ?",
                row.get("study_id"));
        String submitId = (String) row.get("submit_id");
        String mapSubmitResult = (String) row.get("map_submit_result");
        String files = (String) row.get("files");
        String folders = (String) row.get("folders");
        String args = (String) row.get("args");
        String kwargs = (String) row.get("kwargs");
        String identities = (String) row.get("identities");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("kwargs", kwargs);
        extras.put("kwargs_map", parse(kwargs));
        // how the data's own submission went: queued, running, received or failed, with the job's reason
        Map<String, Object> submission = Sql.one(c, "SELECT s.state, j.message FROM submissions s LEFT JOIN jobs j"
                + " ON j.job_id = s.job_id WHERE s.submit_id = ?", submitId);
        if (submission != null) {
            extras.put("submission_state", submission.get("state"));
            if (SubmissionState.FAILED.stored().equals(submission.get("state"))) {
                extras.put("submission_error", submission.get("message"));
            }
        }
        return new DataRecord((String) row.get("data_id"), (String) row.get("sample_id"), (String) row.get("study_id"),
                submitId, study == null ? "" : (String) study.get("email_id"), (String) row.get("title"),
                study == null ? "" : (String) study.get("species"), (String) row.get("submission_type"),
                (String) row.get("technology"), files, keyValues(files), folders, keyValues(folders), args,
                keyValues(args), identities, (List<Object>) parse(identities),
                ((Number) row.get("enable_status")).intValue(), 0, (Number) row.get("percent"), "{}", Map.of(),
                mapSubmitResult == null ? "" : mapSubmitResult,
                mapSubmitResult == null ? null : (Map<String, Object>) parse(mapSubmitResult), "[]", List.of(),
                ((Number) row.get("created_at")).longValue(), ((Number) row.get("updated_at")).longValue(),
                ((Number) row.get("job_id")).longValue(), "",
                study == null ? "" : study.get("data_path") + "/submit/" + submitId + "/submission.log", extras);
    }

    /**
     * Rebuilds a data's {@code map_submit_result} from its element rows:
     * {@code {submit_id: {kind: {element_id: name}}}} (protocol 8.5), or null while none is registered.
     */
    public void refreshSubmitResult(Connection c, String dataId, long now) throws SQLException {
        Map<String, Map<String, Map<String, String>>> result = new LinkedHashMap<>();
        for (Map<String, Object> e : Sql.all(c, "SELECT * FROM elements WHERE data_id = ?"
                + " ORDER BY created_at, rowid", dataId)) {
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

    /** The JSON text stored for {@code value} (the SampleData lists kept with a data record). */
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

    private List<KeyValue> keyValues(String text) {
        try {
            return json.readValue(text, KEY_VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a data row holds invalid JSON: " + text, e);
        }
    }

    private List<Object> list(String text) {
        Object parsed = parse(text);
        return parsed instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }
}
