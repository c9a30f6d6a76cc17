package org.spatialx.core.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.DataRecord;
import org.spatialx.api.ExpressionSubmission;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyType;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmissionType;
import org.spatialx.api.WireEnum;
import org.spatialx.core.AddCustomSampleOptions;
import org.spatialx.core.AddSampleDataElementOptions;
import org.spatialx.core.CombineMultipleDatasetsOptions;
import org.spatialx.core.CreateStudyOptions;
import org.spatialx.core.PageOptions;
import org.spatialx.core.SpatialXInvalidInputException;
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
    /** The name of the sample {@code combine_multiple_datasets} creates (protocol 4.3). */
    public static final String COMBINED_SAMPLE_NAME = "Default combined samples";

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
     * {@code sample/create} of a sample {@code Default combined samples} holding one data set that
     * combines the annotated data of other samples (protocol 4.3): the triples, the metadata action,
     * {@link #IGNORE_TECHNOLOGY_ELEMENTS}, then the included images and segmentation when given,
     * each list or map as Python's JSON text.
     *
     * @throws SpatialXInvalidInputException when there is nothing to combine
     */
    public SubmissionResult combineMultipleDatasets(String studyId, String dataName, String technology,
                                                    CombineMultipleDatasetsOptions options) {
        if (options.referenceAnndataPaths() == null || options.referenceAnndataPaths().isEmpty()) {
            throw new SpatialXInvalidInputException("combine_multiple_datasets needs reference_anndata_paths: the "
                    + "[sample_name, sample_id, table] of each data set to combine, or a list of data ids instead of"
                    + " the study id.");
        }
        List<KeyValue> args = new ArrayList<>();
        args.add(KeyValue.of(SubmissionElementKeys.REFERENCE_ANNDATA_PATHS, jsonText(options.referenceAnndataPaths())));
        args.add(KeyValue.of(SubmissionElementKeys.METADATA_ACTION, options.metadataAction()));
        args.add(new KeyValue(IGNORE_TECHNOLOGY_ELEMENTS, true));
        if (!options.includedImages().isEmpty()) {
            args.add(KeyValue.of(SubmissionElementKeys.INCLUDED_IMAGES, jsonText(options.includedImages())));
        }
        if (!options.includedSegmentation().isEmpty()) {
            args.add(KeyValue.of(SubmissionElementKeys.INCLUDED_SEGMENTATION, jsonText(options.includedSegmentation())));
        }
        Map<String, Object> data = JsonFields.of("name", dataName,
                "submission_type", SubmissionType.COMBINED_DATASETS.value(), "technology", technology,
                "identities", List.of(ExpressionSubmission.MERGE_MULTIPLE_ANNDATA.value()), "files", List.of(),
                "folders", List.of(), "kwargs", List.of(), "args", args);
        return submission("sample/create", JsonFields.of("study_id", studyId, "name", COMBINED_SAMPLE_NAME,
                "data", List.of(data)));
    }

    /**
     * {@code combine_multiple_datasets} of data sets by id: for each one, {@code data/detail} (its
     * study, sample and elements) and {@code sample/detail} (the sample's title); a data set without
     * {@code annotated_data} is skipped. The triple is {@code [sample title, sample id, first
     * annotated_data]} with element <b>ids</b> (the SDK uses display names, 11.19 F); its first images
     * and segmentation are included; the study is the last data set's.
     */
    public SubmissionResult combineMultipleDatasets(List<String> dataIds, String dataName, String technology,
                                                    CombineMultipleDatasetsOptions options) {
        List<List<Object>> triples = new ArrayList<>();
        Map<String, Object> images = new LinkedHashMap<>(options.includedImages());
        Map<String, Object> segmentation = new LinkedHashMap<>(options.includedSegmentation());
        String studyId = null;
        for (String dataId : dataIds) {
            DataRecord data = studies.getSampleDataDetail(dataId, PageOptions.defaults());
            Map<String, List<String>> elements = data.elementIds();
            List<String> tables = elements.getOrDefault(SpatialAttrs.ANNOTATED_DATA.value(), List.of());
            if (tables.isEmpty()) {
                continue;
            }
            String table = tables.get(0);
            SampleDetail sample = studies.getSampleDetail(data.sampleId(), PageOptions.defaults());
            String title = sample.sample() == null ? null : sample.sample().title();
            triples.add(java.util.Arrays.asList(title, data.sampleId(), table));
            first(elements, SpatialAttrs.IMAGES_ELEMENT).ifPresent(id -> images.put(table, id));
            first(elements, SpatialAttrs.SEGMENTATION_ELEMENT).ifPresent(id -> segmentation.put(table, id));
            studyId = data.studyId();
        }
        if (triples.isEmpty()) {
            throw new SpatialXInvalidInputException("None of the data sets " + dataIds + " has an annotated_data "
                    + "element to combine (get_sample_data_elements lists them); wait for their submissions to finish.");
        }
        return combineMultipleDatasets(studyId, dataName, technology, new CombineMultipleDatasetsOptions(triples,
                images, segmentation, options.metadataAction()));
    }

    private static java.util.Optional<String> first(Map<String, List<String>> elements, SpatialAttrs kind) {
        return elements.getOrDefault(kind.value(), List.of()).stream().findFirst();
    }

    /** Python's {@code json.dumps} of {@code value} (", " and ": " separators), as the SDK puts it in an argument. */
    private String jsonText(Object value) {
        try {
            return transport.json().writeRequestBody(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpatialXInvalidInputException("Cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
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
