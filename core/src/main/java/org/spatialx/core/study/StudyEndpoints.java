package org.spatialx.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.spatialx.api.ConnectorKeys;
import org.spatialx.api.DataRecord;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyRecord;
import org.spatialx.core.Confirmation;
import org.spatialx.core.ListSampleOptions;
import org.spatialx.core.ListStudyOptions;
import org.spatialx.core.PageOptions;
import org.spatialx.core.Studies;
import org.spatialx.core.account.AccountEndpoints;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.JsonFields;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * Studies, samples and data sets (protocol 8.2 - 8.6): listing, details, renames and deletions, and
 * the notebook's objects over them ({@link Study}, {@link Sample}, {@link Data}). The connector's
 * deletions ask no confirmation; the objects' {@code delete()} asks the connector's
 * {@link Confirmation} first, as the Python SDK asks for {@code Yes}.
 */
public final class StudyEndpoints {

    private final SpatialXTransport transport;
    private final AccountEndpoints account;

    /** The study endpoints of {@code transport}'s server; group names are resolved through {@code account}. */
    public StudyEndpoints(SpatialXTransport transport, AccountEndpoints account) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.account = Objects.requireNonNull(account, "account");
    }

    /**
     * One page of the studies of a group ({@code study/list}); {@code group} is a display name or an
     * id. Indexing the table opens a {@link Study} ({@link #openStudy}).
     */
    public Studies listStudy(String group, String species, ListStudyOptions options) {
        return new Studies(transport.callList(ApiRequest.post(UrlFamily.OPENAPI, "study/list")
                .form("group_id", account.resolveGroupId(group)).form("species", species)
                .form("limit", options.limit()).form("offset", options.offset())
                .form("active", options.active()).form("compare", options.compare()).build(),
                "list", StudyRecord.class), this::openStudy);
    }

    /**
     * The {@link Study} object of a study, read as the Python SDK reads it (protocol 11.27):
     * {@code study/detail}, then {@code sample/detail} of every sample whose {@code enable_status}
     * is below 3 (deleted), in the order of {@code samples[]}.
     *
     * @param row its {@code study/list} row, whose fields the object also answers; null when opened by id
     */
    public Study openStudy(String studyId, StudyRecord row) {
        StudyDetail detail = getStudyDetail(studyId, PageOptions.defaults());
        List<Sample> samples = new ArrayList<>();
        for (SampleRecord sample : detail.samples()) {
            if (sample.enableStatus() == null || !EnableStatus.isHidden(sample.enableStatus())) {
                samples.add(new Sample(this, getSampleDetail(sample.sampleId(), PageOptions.defaults())));
            }
        }
        return new Study(this, row, detail, samples);
    }

    private Study openStudy(StudyRecord row) {
        return openStudy(row.studyId(), row);
    }

    /**
     * Runs {@code deletion} once the connector's {@link Confirmation} says {@code Yes} to deleting
     * {@code what}; otherwise says on the connector's output that nothing was deleted and answers null.
     */
    Object deleteConfirmed(String what, Supplier<Object> deletion) {
        if (!transport.options().confirmation().confirm("Delete " + what + "? Type 'Yes' to confirm: ")) {
            transport.options().trackingOutput().accept("Cancelled: " + what + " was not deleted.");
            return null;
        }
        return deletion.get();
    }

    /** The study and its samples ({@code study/detail}). */
    public StudyDetail getStudyDetail(String studyId, PageOptions options) {
        return detail("study/detail", studyId, options, StudyDetail.class);
    }

    /** {@code study/update} with every field of {@code study/detail} in the query and the new title (protocol 11.2). */
    public Object renameStudy(String studyId, String newName) {
        StudyInfo study = getStudyDetail(studyId, PageOptions.defaults()).study();
        if (study == null) {
            throw transport.unexpected("study/detail of " + studyId + " has no 'study' object; check the study id.");
        }
        return transport.callPlain(ApiRequest.post(UrlFamily.OPENAPI, "study/update")
                .query("study_id", study.studyId()).query("title", newName)
                .query("description", study.description()).query("email_id", study.emailId())
                .query("group_id", study.groupId()).query("species", study.species())
                .query("publication", study.publication()).query("tags", study.tags())
                .query("author", study.author()).build());
    }

    /** {@code study/stop_create_submit} with {@code cleanup_flg=False}. */
    public Object deleteStudy(String studyId) {
        return transport.callPlain(ApiRequest.post(UrlFamily.OPENAPI, "study/stop_create_submit")
                .query("key", studyId).query(ConnectorKeys.CLEANUP.value(), false).build());
    }

    /** The samples of a study ({@code sample/list}). */
    public List<SampleRecord> listSample(String studyId, ListSampleOptions options) {
        return transport.callList(ApiRequest.get(UrlFamily.OPENAPI, "sample/list")
                .query("key", studyId).query("limit", options.limit()).query("offset", options.offset())
                .query("need_data", options.needData()).build(), "list", SampleRecord.class);
    }

    /** The sample and its data ({@code sample/detail}). */
    public SampleDetail getSampleDetail(String sampleId, PageOptions options) {
        return detail("sample/detail", sampleId, options, SampleDetail.class);
    }

    /** The data record ({@code data/detail}, protocol 8.5). */
    public DataRecord getSampleDataDetail(String dataId, PageOptions options) {
        return detail("data/detail", dataId, options, DataRecord.class);
    }

    /** {@code sample/rename} or {@code data/rename} with the new name; the server's answer. */
    public Object rename(Level level, String id, String newName) {
        return postJson(level.path("rename"), level.idField(), id, "new_name", newName);
    }

    /** {@code sample/delete} or {@code data/delete}; the server's answer. */
    public Object delete(Level level, String id) {
        return postJson(level.path("delete"), level.idField(), id);
    }

    /** {@code data/delete_element} of an element id. */
    public Object deleteElement(String dataId, String elementId) {
        return postJson(Level.DATA.path("delete_element"), Level.DATA.idField(), dataId, "element_id", elementId);
    }

    /** Element kind to element ids, from {@code map_submit_result} of {@code data/detail} (protocol 8.6). */
    public Map<String, List<String>> getSampleDataElements(String dataId) {
        return getSampleDataDetail(dataId, PageOptions.defaults()).elementIds();
    }

    /** The two levels below a study, renamed and deleted alike (protocol 8.3, 8.4). */
    public enum Level {
        /** A sample of a study: {@code sample/...} calls with a {@code sample_id}. */
        SAMPLE,
        /** A data set of a sample: {@code data/...} calls with a {@code data_id}. */
        DATA;

        private String path(String operation) {
            return wireName() + "/" + operation;
        }

        private String idField() {
            return wireName() + "_id";
        }

        private String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The detail calls of protocol 8.2 - 8.5: the id as {@code key} and the page in the query. */
    private <T> T detail(String path, String id, PageOptions page, Class<T> type) {
        return transport.call(ApiRequest.get(UrlFamily.OPENAPI, path)
                .query("key", id).query("limit", page.limit()).query("offset", page.offset()).build(), type);
    }

    private Object postJson(String path, Object... fields) {
        return transport.callPlain(ApiRequest.post(UrlFamily.OPENAPI, path).json(JsonFields.of(fields)).build());
    }
}
