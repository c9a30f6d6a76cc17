package org.spatialx.server.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spatialx.api.DataRecord;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.Species;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyFilter;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyStatus;
import org.spatialx.api.StudyType;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Ulid;

/**
 * Study, sample and data management endpoints (protocol 2.1 #6-11, #13-17, #19-21): create, list
 * with paging and status filter, detail, rename/update and delete (status 3, hidden from lists).
 */
public final class StudyApi implements Endpoints {

    private static final StudyType SPATIAL = StudyType.SPATIAL_STUDY_TYPE_NUMBER;
    private static final Integer DELETED = EnableStatus.DELETED.value();

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

    @Override
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

    /** What {@code study/create} answers: the new study's id and folder. */
    @JsonPropertyOrder({"study_id", "data_path"})
    record CreatedStudy(@JsonProperty("study_id") String studyId, @JsonProperty("data_path") String dataPath) {
    }

    /** What {@code study/stop_create_submit} answers: the study, its new status and the request's flag. */
    @JsonPropertyOrder({"study_id", "status", "cleanup_flg"})
    record DeletedStudy(@JsonProperty("study_id") String studyId, @JsonProperty("status") int status,
                        @JsonProperty("cleanup_flg") boolean cleanup) {
    }

    /** A species wire value exactly (protocol 5.4; a member name such as {@code HUMAN} is refused). */
    public static Species species(String value) {
        for (Species species : Species.values()) {
            if (species.value().equals(value)) {
                return species;
            }
        }
        throw ApiException.badRequest("Unknown species '" + value + "'; use one of "
                + Arrays.stream(Species.values()).map(Species::value).collect(Collectors.joining(", ")) + ".");
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private CreatedStudy createStudy(ApiRequest r) throws IOException {
        String groupId = groups.resolve(r.text("group_id"));
        Species species = species(r.text("species"));
        String title = r.required("title").trim();
        String description = r.text("description", "");
        long type = r.longValue("type", SPATIAL.value());
        if (type != SPATIAL.value()) {
            throw ApiException.badRequest("This server stores spatial studies only (type " + SPATIAL.value()
                    + "), got type " + type + ".");
        }
        String studyId = ids.next("ST-");
        Path dataPath = Files.createDirectories(studiesRoot.resolve(studyId));
        database.write(c -> {
            catalog.insertStudy(c, studyId, groupId, species, title, description, type, dataPath, now());
            return null;
        });
        return new CreatedStudy(studyId, dataPath.toString());
    }

    private StudyPage listStudies(ApiRequest r) {
        String group = r.text("group_id");
        String groupId = group == null || group.isBlank() ? null : groups.resolve(group);
        String speciesValue = r.text("species");
        Species species = speciesValue == null || speciesValue.isBlank() ? null : species(speciesValue);
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        int active = (int) r.longValue("active", StudyStatus.PROCESSING_STATUS.value());
        StudyFilter compare = studyFilter((int) r.longValue("compare", StudyFilter.NOT_LARGER.value()));
        return database.read(c -> catalog.listStudies(c, groupId, species, active, compare, limit, offset));
    }

    private static StudyFilter studyFilter(int value) {
        for (StudyFilter filter : StudyFilter.values()) {
            if (filter.value() == value) {
                return filter;
            }
        }
        throw ApiException.badRequest("'compare' must be 0 (equal), 1 (not larger) or 2 (larger), got " + value + ".");
    }

    private static long page(long value, String name) {
        if (value < 0) {
            throw ApiException.badRequest("'" + name + "' must not be negative, got " + value + ".");
        }
        return value;
    }

    private StudyDetail studyDetail(ApiRequest r) {
        String studyId = r.text("key");
        if (studyId == null || studyId.isBlank()) {
            throw ApiException.badRequest("study/detail needs 'key' = a study id (ST-...).");
        }
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        return database.read(c -> {
            StudyInfo study = catalog.study(c, studyId);
            // deleted samples are listed with enable_status 3; the client wrappers hide them (protocol 5.4)
            List<SampleRecord> samples = catalog.samples(c, studyId, true, limit, offset);
            return new StudyDetail(study, samples, Map.of("total_sample", catalog.countSamples(c, studyId, true)));
        });
    }

    private StudyInfo updateStudy(ApiRequest r) {
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
                Sql.update(c, "UPDATE studies SET species = ? WHERE study_id = ?", species(r.text("species")).value(),
                        studyId);
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

    private DeletedStudy deleteStudy(ApiRequest r) {
        String studyId = r.required("key");
        boolean cleanup = r.bool("cleanup_flg", false);
        int deleted = StudyStatus.DELETE_STATUS.value();
        return database.write(c -> {
            catalog.study(c, studyId);
            Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ?", deleted, now(), studyId);
            return new DeletedStudy(studyId, deleted, cleanup);
        });
    }

    private Page<SampleRecord> listSamples(ApiRequest r) {
        String studyId = r.required("key");
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        boolean needData = r.bool("need_data", false);
        return database.read(c -> {
            catalog.study(c, studyId);
            List<SampleRecord> samples = new ArrayList<>();
            for (SampleRecord sample : catalog.samples(c, studyId, false, limit, offset)) {
                samples.add(needData ? withData(sample, catalog.dataOfSample(c, sample.sampleId(), Long.MAX_VALUE, 0))
                        : sample);
            }
            return new Page<>(samples, catalog.countSamples(c, studyId, false));
        });
    }

    /** The sample with its data records appended ({@code sample/list} with {@code need_data}). */
    private static SampleRecord withData(SampleRecord sample, List<DataRecord> data) {
        Map<String, Object> extras = new LinkedHashMap<>(sample.extras());
        extras.put("data", data);
        return new SampleRecord(sample.sampleId(), sample.studyId(), sample.title(), sample.enableStatus(), extras);
    }

    private SampleDetail sampleDetail(ApiRequest r) {
        String sampleId = r.required("key");
        long limit = page(r.longValue("limit", 50), "limit");
        long offset = page(r.longValue("offset", 0), "offset");
        return database.read(c -> new SampleDetail(catalog.sample(c, sampleId),
                catalog.dataOfSample(c, sampleId, limit, offset), Map.of()));
    }

    private SampleRecord renameSample(ApiRequest r) {
        String sampleId = r.required("sample_id");
        String name = r.required("new_name").trim();
        return database.write(c -> {
            catalog.sample(c, sampleId);
            Sql.update(c, "UPDATE samples SET title = ?, updated_at = ? WHERE sample_id = ?", name, now(), sampleId);
            return catalog.sample(c, sampleId);
        });
    }

    private SampleRecord deleteSample(ApiRequest r) {
        String sampleId = r.required("sample_id");
        return database.write(c -> {
            catalog.sample(c, sampleId);
            Sql.update(c, "UPDATE samples SET enable_status = ?, updated_at = ? WHERE sample_id = ?", DELETED, now(),
                    sampleId);
            Sql.update(c, "UPDATE data SET enable_status = ?, updated_at = ? WHERE sample_id = ?", DELETED, now(),
                    sampleId);
            return catalog.sample(c, sampleId);
        });
    }

    private DataRecord renameData(ApiRequest r) {
        String dataId = r.required("data_id");
        String name = r.required("new_name").trim();
        return database.write(c -> {
            catalog.data(c, dataId);
            Sql.update(c, "UPDATE data SET title = ?, updated_at = ? WHERE data_id = ?", name, now(), dataId);
            return catalog.data(c, dataId);
        });
    }

    private DataRecord deleteData(ApiRequest r) {
        String dataId = r.required("data_id");
        return database.write(c -> {
            catalog.data(c, dataId);
            Sql.update(c, "UPDATE data SET enable_status = ?, updated_at = ? WHERE data_id = ?", DELETED, now(),
                    dataId);
            return catalog.data(c, dataId);
        });
    }

    private DataRecord deleteElement(ApiRequest r) {
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
