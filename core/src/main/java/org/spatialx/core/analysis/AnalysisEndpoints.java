package org.spatialx.core.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spatialx.api.DataRecord;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.DataIds;
import org.spatialx.api.analysis.DataLookup;
import org.spatialx.core.PageOptions;
import org.spatialx.core.json.SpatialXJson;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.study.StudyEndpoints;
import org.spatialx.core.tracking.LogTracker;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * The analysis calls of protocol section 7: {@code analysis/create} for every {@link Analysis} kind
 * present (built in or from a plugin), the listings {@code list_embedding}, {@code list_metadata}
 * and {@code list_deconvolution_models}. One request builder serves every kind: the params record's
 * components in order as the {@code params} JSON text, the caller's extra keyword arguments after them
 * (7.1, 11.9), the ids resolved from {@code data/detail}, the log followed for 60 s, and the
 * {@code analysis/create} payload returned (11.8 F).
 */
public final class AnalysisEndpoints {

    /** How long the analysis log is followed after the request (protocol 4.6: {@code max_time=60}). */
    public static final Duration TRACKING_TIME = Duration.ofSeconds(60);
    /** The keyword every runner takes for its title; the params component {@code name} receives it. */
    public static final String TITLE = "title";
    /** The keyword whose map is merged into the id arguments (7.1). */
    public static final String INFO_ARGS = "info_args";
    /** The element kind of {@code map_submit_result} whose ids are tables (7.1). */
    public static final String ANNOTATED_DATA = "annotated_data";

    private static final List<String> ID_ARGUMENTS = List.of("study_id", "sample_id", "data_id", "table_id");

    private final SpatialXTransport transport;
    private final StudyEndpoints studies;
    private final LogTracker tracker;
    private final List<Analysis<?>> kinds;

    /** The endpoints for {@code kinds} (sorted by group and name; a group and name pair must be unique). */
    public AnalysisEndpoints(SpatialXTransport transport, StudyEndpoints studies, LogTracker tracker,
            List<? extends Analysis<?>> kinds) {
        this.transport = transport;
        this.studies = studies;
        this.tracker = tracker;
        List<Analysis<?>> sorted = new ArrayList<>(kinds);
        sorted.sort(Comparator.comparing((Analysis<?> kind) -> kind.group()).thenComparing(Analysis::name));
        Map<String, Analysis<?>> seen = new HashMap<>();
        for (Analysis<?> kind : sorted) {
            Analysis<?> previous = seen.put(kind.group() + "." + kind.name(), kind);
            if (previous != null) {
                throw new IllegalArgumentException("Two analysis kinds are called " + kind.group() + "." + kind.name()
                        + ": " + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.kinds = List.copyOf(sorted);
    }

    /** The kinds, sorted by group and name. */
    public List<Analysis<?>> kinds() {
        return kinds;
    }

    /**
     * The kind {@code group.name}.
     *
     * @throws SpatialXInvalidInputException naming the kinds of the group when there is none
     */
    public Analysis<?> kind(String group, String name) {
        return kinds.stream().filter(k -> k.group().equals(group) && k.name().equals(name)).findFirst()
                .orElseThrow(() -> new SpatialXInvalidInputException("No analysis '" + group + "." + name + "'; "
                        + group + " has " + kinds.stream().filter(k -> k.group().equals(group)).map(Analysis::name)
                        .collect(Collectors.joining(", "))));
    }

    /**
     * Runs {@code kind} from notebook keyword arguments in call order ({@code data_id="DA-X",
     * title="Connector - PCA", n_top_genes=2000}): the declared params by their snake_case names,
     * {@code title}, {@code info_args}, and any other keyword as an extra (7.1).
     *
     * @return the {@code analysis/create} payload
     */
    public Object run(Analysis<?> kind, Map<String, Object> arguments) {
        return runTyped(kind, arguments);
    }

    private <P extends Record> Object runTyped(Analysis<P> kind, Map<String, Object> arguments) {
        Map<String, Object> remaining = new LinkedHashMap<>(arguments);
        String title = remaining.containsKey(TITLE) ? (String) remaining.remove(TITLE) : null;
        Object infoArgs = remaining.remove(INFO_ARGS);
        if (infoArgs != null && !(infoArgs instanceof Map<?, ?>)) {
            throw new SpatialXInvalidInputException(kind.name() + "(): info_args must be a dict, got " + infoArgs);
        }
        P params = AnalysisParams.fromKeywords(kind, remaining, title);
        Map<String, Object> info = new LinkedHashMap<>();
        if (infoArgs != null) {
            ((Map<?, ?>) infoArgs).forEach((k, v) -> info.put(String.valueOf(k), v));
        }
        return create(kind, params, new AnalysisCall(remaining, info));
    }

    /**
     * Sends {@code analysis/create} for {@code params} of {@code kind}, follows its log for 60 s and
     * returns the payload ({@code analysis_id}, ids, {@code job_id}).
     *
     * @throws org.spatialx.api.analysis.AnalysisException for params the kind rejects
     * @throws SpatialXInvalidInputException when the data set has no table or several (7.1's two errors)
     */
    public <P extends Record> Object create(Analysis<P> kind, P params, AnalysisCall call) {
        kind.validate(params);
        Map<String, Object> idArguments = new LinkedHashMap<>();
        for (String id : ID_ARGUMENTS) {
            idArguments.put(id, null);
        }
        idArguments.putAll(call.infoArgs());
        idArguments.putAll(call.extraKeywords());
        Optional<String> dataIdArgument = Optional.ofNullable(text(idArguments.get("data_id")));
        Map<String, DataRecord> records = new HashMap<>();
        DataLookup lookup = dataId -> dataIds(records.computeIfAbsent(dataId, this::detail), dataId);
        P resolved = kind.resolve(params, dataIdArgument, lookup);
        Optional<String> dataId = kind.dataId(resolved).or(() -> dataIdArgument);
        String studyId = text(idArguments.get("study_id"));
        String sampleId = text(idArguments.get("sample_id"));
        String tableId = text(idArguments.get("table_id"));
        if (dataId.isPresent()) {
            DataIds ids = lookup.ids(dataId.get());
            studyId = studyId != null ? studyId : ids.studyId();
            sampleId = sampleId != null ? sampleId : ids.sampleId();
            tableId = tableId != null ? tableId : singleTable(records.get(dataId.get()));
        }
        String title = titleOf(resolved);
        String shownTitle = title == null ? kind.defaultTitle() : title;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", shownTitle);
        data.put("params", paramsText(kind, resolved, call.extraKeywords()));
        data.put("display_params", "{}");
        data.put("sub_type", kind.subType(resolved));
        data.put("group_type", kind.groupType());
        data.put("description", shownTitle);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("study_id", studyId);
        body.put("sample_id", sampleId);
        body.put("data_id", dataId.orElse(null));
        body.put("table_id", tableId);
        JsonNode answer = transport.callObject(ApiRequest.post(UrlFamily.OPENAPI, "analysis/create").json(body).build());
        String analysisId = SpatialXJson.textOrNull(answer.get("analysis_id"));
        if (analysisId != null && studyId != null) {
            StudyDetail detail = studies.getStudyDetail(studyId, PageOptions.defaults());
            String dataPath = detail.study() == null ? null : detail.study().dataPath();
            if (dataPath != null && !dataPath.isEmpty()) {
                String base = dataPath.endsWith("/") ? dataPath : dataPath + "/";
                tracker.track(base + "analysis/" + analysisId + "/analysis.log", TRACKING_TIME);
            }
        }
        return transport.json().plain(answer);
    }

    /** {@code list_embedding(data_id)}: the embedding (obsm) names of the data set's table (7.3). */
    public List<String> listEmbedding(String dataId, AnalysisCall call) {
        return annotatedElements(dataId, call, "obsm");
    }

    /** {@code list_metadata(data_id)}: the metadata (obs column) names of the data set's table (7.3). */
    public List<String> listMetadata(String dataId, AnalysisCall call) {
        return annotatedElements(dataId, call, "obs");
    }

    /** {@code list_deconvolution_models()}: model id to its properties (protocol 2.2 #34). */
    public Object listDeconvolutionModels() {
        return transport.callPlain(ApiRequest.get(UrlFamily.PYAPI, "query/get_default_deconvolution_models").build());
    }

    private List<String> annotatedElements(String dataId, AnalysisCall call, String element) {
        Map<String, Object> idArguments = new LinkedHashMap<>(call.infoArgs());
        idArguments.putAll(call.extraKeywords());
        String studyId = text(idArguments.get("study_id"));
        String sampleId = text(idArguments.get("sample_id"));
        String tableId = text(idArguments.get("table_id"));
        DataRecord record = detail(dataId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("study_id", studyId != null ? studyId : record.studyId());
        body.put("sample_id", sampleId != null ? sampleId : record.sampleId());
        body.put("table_id", tableId != null ? tableId : singleTable(record));
        body.put("element", element);
        Object names = transport.callPlain(ApiRequest.post(UrlFamily.PYAPI, "metadata/get_annotated_element")
                .json(body).build());
        if (!(names instanceof List<?> list)) {
            throw transport.unexpected("metadata/get_annotated_element answered " + names + " instead of a list of names");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private DataRecord detail(String dataId) {
        return studies.getSampleDataDetail(dataId, PageOptions.defaults());
    }

    private static DataIds dataIds(DataRecord record, String dataId) {
        List<String> tables = tables(record);
        return new DataIds(record.studyId(), record.sampleId(), dataId,
                tables.size() == 1 ? Optional.of(tables.get(0)) : Optional.empty(), record.elementIds());
    }

    private static List<String> tables(DataRecord record) {
        return record.elementIds().getOrDefault(ANNOTATED_DATA, List.of()).stream().distinct().toList();
    }

    /** The single table of the data set, or one of 7.1's two errors (their texts are the Python SDK's). */
    private static String singleTable(DataRecord record) {
        List<String> tables = tables(record);
        if (tables.isEmpty()) {
            throw new SpatialXInvalidInputException("Not found any annotated data.");
        }
        if (tables.size() > 1) {
            throw new SpatialXInvalidInputException("Found too many annotated data: "
                    + tables.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "[", "]"))
                    + ". Please identify an ID by `table_id=...`");
        }
        return tables.get(0);
    }

    /** The {@code params} JSON text: the components in order (not the call-only ones), then the extras (7.1). */
    private <P extends Record> String paramsText(Analysis<P> kind, P params, Map<String, Object> extras) {
        Map<String, Object> wire = AnalysisParams.toWire(kind, params);
        if (kind.extraKeywordsInParams()) {
            extras.forEach(wire::putIfAbsent);
        }
        try {
            return transport.json().writeRequestBody(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the params of " + kind.name(), e);
        }
    }

    private static String titleOf(Record params) {
        for (RecordComponent component : params.getClass().getRecordComponents()) {
            if (component.getName().equals("name")) {
                Object value = AnalysisParams.component(component, params);
                return value == null ? null : value.toString();
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

}
