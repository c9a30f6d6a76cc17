package org.spatialx.server.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Ulid;

/**
 * Study, sample and data management endpoints (protocol 2.1 #6-11, #13-17, #19-21): create, list
 * with paging and status filter, detail, rename/update and delete (status 3, hidden from lists).
 */
public final class StudyApi {

    /** Species wire values (protocol 5.4). */
    public static final Set<String> SPECIES = Set.of("human", "mouse", "others", "nonHumanPrimate");
    private static final int SPATIAL_STUDY = 1;

    private final Database database;
    private final Catalog catalog;
    private final Groups groups;
    private final Ulid ids;
    private final Path studiesRoot;
    private final Clock clock;

    public StudyApi(Database database, Catalog catalog, Groups groups, Ulid ids, Path studiesRoot, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.groups = groups;
        this.ids = ids;
        this.studiesRoot = studiesRoot;
        this.clock = clock;
    }

    public void register(ApiServer server) {
        server.post("openapi/study/create", this::createStudy);
        server.post("openapi/study/list", this::listStudies);
        server.post("openapi/study/list_public", r -> new Page<>(List.of(), 0)); // nothing is public here
        server.get("openapi/study/detail", this::studyDetail);
        server.post("openapi/study/update", this::updateStudy);
        server.post("openapi/study/stop_create_submit", this::deleteStudy);
        server.get("openapi/sample/list", this::listSamples);
        server.get("openapi/sample/detail", this::sampleDetail);
        server.post("openapi/sample/rename", this::renameSample);
        server.post("openapi/sample/delete", this::deleteSample);
        server.get("openapi/data/detail", r -> database.read(c -> catalog.data(c, r.required("key"))));
        server.post("openapi/data/rename", this::renameData);
        server.post("openapi/data/delete", this::deleteData);
        server.post("openapi/data/delete_element", this::deleteElement);
    }

    static String species(String value) {
        if (value == null || !SPECIES.contains(value)) {
            throw ApiException.badRequest("Unknown species '" + value + "'; use one of human, mouse, "
                    + "nonHumanPrimate, others.");
        }
        return value;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private Map<String, Object> createStudy(ApiRequest r) throws IOException {
        String groupId = groups.resolve(r.text("group_id"));
        String species = species(r.text("species"));
        String title = r.required("title").trim();
        String description = r.text("description", "");
        long type = r.longValue("type", SPATIAL_STUDY);
        if (type != SPATIAL_STUDY) {
            throw ApiException.badRequest("This server stores spatial studies only (type 1), got type " + type + ".");
        }
        String studyId = ids.next("ST-");
        Path dataPath = Files.createDirectories(studiesRoot.resolve(studyId));
        String email = System.getProperty("user.name", "user") + "@localhost";
        database.write(c -> Sql.update(c, "INSERT INTO studies(study_id, group_id, species, title, description,"
                        + " type, status, email_id, data_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                studyId, groupId, species, title, description, type, 0, email, dataPath.toString(), now(), now()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study_id", studyId);
        out.put("data_path", dataPath.toString());
        return out;
    }

    private Map<String, Object> listStudies(ApiRequest r) {
        String group = r.text("group_id");
        String groupId = group == null || group.isBlank() ? null : groups.resolve(group);
        String speciesValue = r.text("species");
        String species = speciesValue == null || speciesValue.isBlank() ? null : species(speciesValue);
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        int active = (int) r.longValue("active", 2);
        int compare = (int) r.longValue("compare", 1);
        return database.read(c -> catalog.listStudies(c, groupId, species, active, compare, limit, offset));
    }

    private static long page(long value, String name) {
        if (value < 0) {
            throw ApiException.badRequest("'" + name + "' must not be negative, got " + value + ".");
        }
        return value;
    }

    private Map<String, Object> studyDetail(ApiRequest r) {
        String studyId = r.text("key");
        if (studyId == null || studyId.isBlank()) {
            throw ApiException.badRequest("study/detail needs 'key' = a study id (ST-...).");
        }
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        return database.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("study", catalog.study(c, studyId));
            // deleted samples are listed with enable_status 3; the client wrappers hide them (protocol 5.4)
            out.put("samples", catalog.samples(c, studyId, true, limit, offset));
            out.put("total_sample", catalog.countSamples(c, studyId, true));
            return out;
        });
    }

    private Map<String, Object> updateStudy(ApiRequest r) {
        String studyId = r.required("study_id");
        return database.write(c -> {
            catalog.activeStudy(c, studyId);
            if (r.has("title")) {
                String title = r.required("title").trim();
                Sql.update(c, "UPDATE studies SET title = ? WHERE study_id = ?", title, studyId);
            }
            if (r.has("description")) {
                Sql.update(c, "UPDATE studies SET description = ? WHERE study_id = ?", r.text("description", ""),
                        studyId);
            }
            if (r.has("email_id")) {
                Sql.update(c, "UPDATE studies SET email_id = ? WHERE study_id = ?", r.text("email_id", ""), studyId);
            }
            if (r.has("group_id")) {
                Sql.update(c, "UPDATE studies SET group_id = ? WHERE study_id = ?", groups.resolve(r.text("group_id")),
                        studyId);
            }
            if (r.has("species")) {
                Sql.update(c, "UPDATE studies SET species = ? WHERE study_id = ?", species(r.text("species")), studyId);
            }
            for (String listField : List.of("publication", "tags", "author")) {
                if (r.has(listField)) {
                    Sql.update(c, "UPDATE studies SET " + listField + " = ? WHERE study_id = ?",
                            catalog.write(r.list(listField)), studyId);
                }
            }
            Sql.update(c, "UPDATE studies SET updated_at = ? WHERE study_id = ?", now(), studyId);
            return catalog.study(c, studyId);
        });
    }

    private Map<String, Object> deleteStudy(ApiRequest r) {
        String studyId = r.required("key");
        boolean cleanup = r.bool("cleanup_flg", false);
        return database.write(c -> {
            catalog.study(c, studyId);
            Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ?", Catalog.DELETED, now(),
                    studyId);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("study_id", studyId);
            out.put("status", Catalog.DELETED);
            out.put("cleanup_flg", cleanup);
            return out;
        });
    }

    private Map<String, Object> listSamples(ApiRequest r) {
        String studyId = r.required("key");
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        boolean needData = r.bool("need_data", false);
        return database.read(c -> {
            catalog.study(c, studyId);
            List<Map<String, Object>> samples = catalog.samples(c, studyId, false, limit, offset);
            if (needData) {
                for (Map<String, Object> sample : samples) {
                    sample.put("data", catalog.dataOfSample(c, (String) sample.get("sample_id"), Long.MAX_VALUE, 0));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("list", samples);
            out.put("total", catalog.countSamples(c, studyId, false));
            return out;
        });
    }

    private Map<String, Object> sampleDetail(ApiRequest r) {
        String sampleId = r.required("key");
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        return database.read(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sample", catalog.sample(c, sampleId));
            out.put("sample_data", catalog.dataOfSample(c, sampleId, limit, offset));
            return out;
        });
    }

    private Map<String, Object> renameSample(ApiRequest r) {
        String sampleId = r.required("sample_id");
        String name = r.required("new_name").trim();
        return database.write(c -> {
            catalog.sample(c, sampleId);
            Sql.update(c, "UPDATE samples SET title = ?, updated_at = ? WHERE sample_id = ?", name, now(), sampleId);
            return catalog.sample(c, sampleId);
        });
    }

    private Map<String, Object> deleteSample(ApiRequest r) {
        String sampleId = r.required("sample_id");
        return database.write(c -> {
            catalog.sample(c, sampleId);
            Sql.update(c, "UPDATE samples SET enable_status = 3, updated_at = ? WHERE sample_id = ?", now(), sampleId);
            Sql.update(c, "UPDATE data SET enable_status = 3, updated_at = ? WHERE sample_id = ?", now(), sampleId);
            return catalog.sample(c, sampleId);
        });
    }

    private Map<String, Object> renameData(ApiRequest r) {
        String dataId = r.required("data_id");
        String name = r.required("new_name").trim();
        return database.write(c -> {
            catalog.data(c, dataId);
            Sql.update(c, "UPDATE data SET title = ?, updated_at = ? WHERE data_id = ?", name, now(), dataId);
            return catalog.data(c, dataId);
        });
    }

    private Map<String, Object> deleteData(ApiRequest r) {
        String dataId = r.required("data_id");
        return database.write(c -> {
            catalog.data(c, dataId);
            Sql.update(c, "UPDATE data SET enable_status = 3, updated_at = ? WHERE data_id = ?", now(), dataId);
            return catalog.data(c, dataId);
        });
    }

    private Map<String, Object> deleteElement(ApiRequest r) {
        String dataId = r.required("data_id");
        String elementId = r.required("element_id");
        return database.write(c -> {
            catalog.data(c, dataId);
            int removed = Sql.update(c, "DELETE FROM elements WHERE data_id = ? AND element_id = ?", dataId, elementId);
            if (removed == 0) {
                throw ApiException.notFound("Data '" + dataId + "' has no element '" + elementId
                        + "'; its map_submit_result (data/detail) lists the element ids.");
            }
            catalog.refreshSubmitResult(c, dataId, now());
            return catalog.data(c, dataId);
        });
    }
}
