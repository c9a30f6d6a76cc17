package org.spatialx.core.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.DataRecord;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyType;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmissionType;
import org.spatialx.api.WireEnum;
import org.spatialx.core.AddCustomSampleOptions;
import org.spatialx.core.AddSampleDataElementOptions;
import org.spatialx.core.CreateStudyOptions;
import org.spatialx.core.PageOptions;
import org.spatialx.core.SubmitMultipleSamplesOptions;
import org.spatialx.core.SubmitOptions;
import org.spatialx.core.TrackingOptions;
import org.spatialx.core.account.AccountEndpoints;
import org.spatialx.core.study.StudyEndpoints;
import org.spatialx.core.tracking.LogTracker;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.JsonFields;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

import static org.spatialx.core.json.SpatialXJson.describeFields;
import static org.spatialx.core.json.SpatialXJson.textOrNull;

/**
 * Submissions (protocol 4.3) and the tracking of their logs (4.6): studies created, samples and
 * data sets added, custom samples and extra elements; with tracking, the log of every submitted
 * data set is followed.
 */
public final class SubmissionEndpoints {

    /** The argument appended to custom and element submissions (protocol 4.3). */
    public static final String IGNORE_TECHNOLOGY_ELEMENTS = "ignore_technology_elements";

    private final SpatialXTransport transport;
    private final AccountEndpoints account;
    private final StudyEndpoints studies;
    private final LogTracker tracker;

    /**
     * Submissions through {@code transport}: group names resolved through {@code account}, study and
     * data details read through {@code studies}, logs followed by {@code tracker}.
     */
    public SubmissionEndpoints(SpatialXTransport transport, AccountEndpoints account, StudyEndpoints studies,
                               LogTracker tracker) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.account = Objects.requireNonNull(account, "account");
        this.studies = Objects.requireNonNull(studies, "studies");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** {@code study/create}; the new study id. */
    public String createStudy(String group, String species, String title, CreateStudyOptions options) {
        String groupId = account.resolveGroupId(group);
        JsonNode answer = transport.callObject(ApiRequest.post(UrlFamily.OPENAPI, "study/create")
                .json(JsonFields.of("group_id", groupId, "species", species, "title", title,
                        "description", options.description(), "type", StudyType.SPATIAL_STUDY_TYPE_NUMBER.value()))
                .build());
        String studyId = textOrNull(answer.get("study_id"));
        if (studyId == null) {
            throw transport.unexpected("study/create answered without 'study_id' (it has: " + describeFields(answer)
                    + ").");
        }
        return studyId;
    }

    /** {@code sample/create} of a sample with its data sets. */
    public SubmissionResult addSample(String studyId, String sampleName, List<SampleData> sampleData) {
        return submission("sample/create", JsonFields.of("study_id", studyId, "name", sampleName, "data", sampleData));
    }

    /** {@code data/create}: data sets added to a sample. */
    public SubmissionResult addSampleData(String studyId, String sampleId, List<SampleData> sampleData) {
        return submission("data/create", JsonFields.of("study_id", studyId, "sample_id", sampleId, "data", sampleData));
    }

    /** {@code create_study} then {@code add_sample}; with tracking, follows every submitted data set's log. */
    public SubmissionResult submit(String group, String species, String title, String sampleName,
                                   List<SampleData> sampleData, SubmitOptions options) {
        String studyId = createStudy(group, species, title, new CreateStudyOptions(options.description()));
        return tracked(addSample(studyId, sampleName, sampleData), options.tracking(), options.maxTime());
    }

    /** One {@code add_sample} per entry, in order. */
    public List<SubmissionResult> addMultipleSamples(String studyId, List<SampleSubmission> sampleData) {
        List<SubmissionResult> results = new ArrayList<>();
        for (SampleSubmission sample : sampleData) {
            results.add(addSample(studyId, sample.sampleName(), sample.data()));
        }
        return results;
    }

    /** {@code create_study} then {@code add_multiple_samples}. */
    public List<SubmissionResult> submitMultipleSamples(String group, String species, String title,
                                                        List<SampleSubmission> sampleData,
                                                        SubmitMultipleSamplesOptions options) {
        String studyId = createStudy(group, species, title, new CreateStudyOptions(options.description()));
        return addMultipleSamples(studyId, sampleData);
    }

    /**
     * {@code sample/create} with one data set built here: the submission type detected from the
     * technology (protocol 5.3), {@code identities} from {@code addingTypes}, {@code files} from the
     * paths and {@link #IGNORE_TECHNOLOGY_ELEMENTS} appended to the args.
     */
    public SubmissionResult addCustomSample(String studyId, String sampleName, String dataName, String technology,
                                            List<?> addingTypes, AddCustomSampleOptions options) {
        Map<String, Object> data = JsonFields.of("name", dataName,
                "submission_type", SubmissionType.detect(technology).value(), "technology", technology,
                "identities", wireValues(addingTypes), "files", pairs(options.paths()), "folders", List.of(),
                "args", argsIgnoringTechnologyElements(options.args()), "kwargs", pairs(options.kwargs()));
        SubmissionResult result = submission("sample/create",
                JsonFields.of("study_id", studyId, "name", sampleName, "data", List.of(data)));
        return tracked(result, options.tracking(), options.maxTime());
    }

    /**
     * Reads {@code data/detail} for the study and sample ids, then {@code data_extend/add} with the new
     * elements; {@link #IGNORE_TECHNOLOGY_ELEMENTS} is appended to the args and kwargs are forwarded
     * (protocol 11.11 F).
     */
    public SubmissionResult addSampleDataElement(String title, String dataId, List<?> addingTypes,
                                                 AddSampleDataElementOptions options) {
        DataRecord data = studies.getSampleDataDetail(dataId, PageOptions.defaults());
        SubmissionResult result = submission("data_extend/add", JsonFields.of("title", title,
                "study_id", data.studyId(), "sample_id", data.sampleId(), "data_id", dataId,
                "files", pairs(options.paths()), "folders", List.of(),
                "args", argsIgnoringTechnologyElements(options.args()), "kwargs", pairs(options.kwargs()),
                "identities", wireValues(addingTypes)));
        return tracked(result, options.tracking(), options.maxTime());
    }

    /**
     * Reads the study's {@code data_path}, then follows {@code {data_path}/submit/{submit_id}/submission.log}
     * of every submitted data set in turn (11.12 F), {@code maxTime} seconds each.
     */
    public List<TrackedLog> trackSubmission(SubmissionResult result, TrackingOptions options) {
        StudyDetail detail = studies.getStudyDetail(result.studyId(), PageOptions.defaults());
        String dataPath = detail.study() == null ? null : detail.study().dataPath();
        if (dataPath == null || dataPath.isEmpty()) {
            throw transport.unexpected("study/detail of " + result.studyId() + " has no 'data_path'; the submission"
                    + " logs cannot be located.");
        }
        String base = dataPath.endsWith("/") ? dataPath : dataPath + "/";
        List<TrackedLog> logs = new ArrayList<>();
        for (String submitId : result.submitIds()) {
            logs.add(tracker.track(base + "submit/" + submitId + "/submission.log",
                    Duration.ofSeconds(options.maxTime())));
        }
        return logs;
    }

    private SubmissionResult tracked(SubmissionResult result, boolean tracking, int maxTime) {
        if (tracking) {
            trackSubmission(result, new TrackingOptions(maxTime));
        }
        return result;
    }

    private SubmissionResult submission(String path, Map<String, Object> body) {
        return transport.call(ApiRequest.post(UrlFamily.OPENAPI, path).json(body).build(), SubmissionResult.class);
    }

    private static List<KeyValue> argsIgnoringTechnologyElements(Map<?, ?> args) {
        List<KeyValue> pairs = pairs(args);
        pairs.add(new KeyValue(IGNORE_TECHNOLOGY_ELEMENTS, true));
        return pairs;
    }

    /** {@code {key, value}} pairs of a map in its order; enum keys become their wire values. */
    private static List<KeyValue> pairs(Map<?, ?> map) {
        List<KeyValue> pairs = new ArrayList<>();
        map.forEach((key, value) -> pairs.add(new KeyValue(wireValue(key).toString(), value)));
        return pairs;
    }

    private static List<Object> wireValues(List<?> values) {
        return values == null ? List.of() : values.stream().map(SubmissionEndpoints::wireValue).toList();
    }

    private static Object wireValue(Object value) {
        return value instanceof WireEnum wire ? wire.value() : value;
    }
}
