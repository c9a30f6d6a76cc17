package org.spatialx.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spatialx.api.DataRecord;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.PythonNames;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.CallOnly;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.analysis.AnalysisParams;
import org.spatialx.formats.spatialdata.SampleStore;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.job.JobExecutor;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Ulid;
import org.spatialx.server.study.Catalog;

/**
 * {@code openapi/analysis/create} (protocol 7.1, #29) and {@code pyapi/v1/query/get_default_deconvolution_models}
 * (#34) on the local server. A request names its kind by {@code group_type} and {@code sub_type}; the
 * kind's params are read back from the {@code params} text, checked, and run as a job on the data set's
 * ingested table ({@link AnalysisJob}), whose log is {@code {data_path}/analysis/{analysis_id}/analysis.log}.
 * What cannot run is refused before anything is created: an unknown kind, a kind that runs on SpatialX
 * only, bad params, a data set without a table or still ingesting.
 */
public final class AnalysisApi implements Endpoints {

    /** The job kind of analyses. */
    public static final String ANALYSIS_JOB = "analysis";
    /** The seed every local analysis runs with: the same call on the same table gives the same result. */
    public static final long SEED = 0;

    private static final Pattern NUMBERED_DATA_ID = Pattern.compile("data_id(_\\d+)?");

    private final Database database;
    private final Catalog catalog;
    private final JobExecutor jobs;
    private final Ulid ids;
    private final ObjectMapper json;
    private final List<Analysis<?>> kinds;
    private final int threads;

    /** The analyses of {@code kinds} (built-in and plugin), run by {@code jobs}. */
    public AnalysisApi(Database database, Catalog catalog, JobExecutor jobs, Ulid ids, ObjectMapper json,
            List<Analysis<?>> kinds) {
        this.database = database;
        this.catalog = catalog;
        this.jobs = jobs;
        this.ids = ids;
        this.json = json;
        this.kinds = List.copyOf(kinds);
        this.threads = Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void register(ApiServer server) {
        server.post("openapi/analysis/create", this::create);
        // no deconvolution model is installed locally: deconvolution runs on SpatialX
        server.get("pyapi/v1/query/get_default_deconvolution_models", r -> Map.of());
    }

    private Map<String, Object> create(ApiRequest r) throws Exception {
        JsonNode body = r.json();
        JsonNode data = body.path("data");
        String groupType = text(data, "group_type");
        String subType = text(data, "sub_type");
        if (groupType == null || subType == null) {
            throw ApiException.badRequest("analysis/create needs data.group_type and data.sub_type (protocol 7.1)");
        }
        Map<String, Object> wire = params(data);
        String dataId = text(body, "data_id");
        if (dataId == null) {
            throw ApiException.badRequest("analysis/create needs the data_id of the data set to analyse (7.1: pass "
                    + "data_id=... or info_args={'data_id': ...})");
        }
        Target target = database.read(c -> {
            DataRecord record = catalog.data(c, dataId);
            if (record == null) {
                throw ApiException.notFound("No data '" + dataId + "'");
            }
            return new Target(record, catalog.study(c, record.studyId()));
        });
        checkReady(target.record());
        String tableId = Objects.requireNonNullElseGet(text(body, "table_id"), () -> singleTable(target.record()));
        Path table = tablePath(target, tableId);
        Chosen<?> chosen = choose(groupType, subType, wire, dataId);
        String analysisId = ids.next("AN-");
        Path log = Path.of(target.study().dataPath()).resolve("analysis").resolve(analysisId).resolve("analysis.log");
        AnalysisJob<?> job = chosen.job(analysisId, input(dataId, table), table);
        long jobId = jobs.submit(ANALYSIS_JOB, analysisId, log, job);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("study_id", target.record().studyId());
        answer.put("sample_id", target.record().sampleId());
        answer.put("data_id", dataId);
        answer.put("analysis_id", analysisId);
        answer.put("job_id", jobId);
        return answer;
    }

    private record Target(DataRecord record, StudyInfo study) {
    }

    /** A kind with its params read from the request. */
    private record Chosen<P extends Record>(Analysis<P> kind, P params) {
        /** The job; results are named after the call's title, else the kind's default output name. */
        AnalysisJob<P> job(String analysisId, AnalysisInput input, Path table) {
            String outputName = Objects.requireNonNullElse(nameOf(params), kind.defaultOutputName(params));
            return new AnalysisJob<>(kind, params, input, table, analysisId, outputName);
        }

        private static String nameOf(Record params) {
            for (var component : params.getClass().getRecordComponents()) {
                if (component.getName().equals("name")) {
                    Object value = AnalysisParams.component(component, params);
                    return value == null ? null : value.toString();
                }
            }
            return null;
        }
    }

    /** The kind of {@code group_type}/{@code sub_type} whose params read back; refused when it cannot run here. */
    private Chosen<?> choose(String groupType, String subType, Map<String, Object> wire, String dataId) throws Exception {
        List<String> refused = new ArrayList<>();
        for (Analysis<?> kind : kinds) {
            if (!kind.groupType().equals(groupType)) {
                continue;
            }
            Chosen<?> chosen;
            try {
                chosen = read(kind, wire, dataId);
            } catch (SpatialXInvalidInputException | AnalysisException e) {
                refused.add(kind.group() + "." + kind.name() + ": " + e.getMessage());
                continue;
            }
            if (!subTypeOf(chosen).equals(subType)) {
                continue;
            }
            if (!kind.runsLocally()) {
                throw ApiException.badRequest(kind.group() + "." + kind.name() + " (" + subType + ") runs on a SpatialX"
                        + " server only: this local server has no implementation of it. Connect to SpatialX (DOMAIN and"
                        + " TOKEN) to run it; locally: " + localKinds() + ".");
            }
            validate(chosen);
            return chosen;
        }
        if (!refused.isEmpty()) {
            throw ApiException.badRequest("The params of this " + groupType + " analysis do not fit: "
                    + String.join("; ", refused));
        }
        throw ApiException.badRequest("No analysis kind with group_type '" + groupType + "' and sub_type '" + subType
                + "' on this server; it runs " + localKinds() + " (a plugin in the home's plugins folder adds kinds).");
    }

    private static <P extends Record> String subTypeOf(Chosen<P> chosen) {
        return chosen.kind().subType(chosen.params());
    }

    private static <P extends Record> void validate(Chosen<P> chosen) {
        try {
            chosen.kind().validate(chosen.params());
        } catch (AnalysisException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private String localKinds() {
        return kinds.stream().filter(Analysis::runsLocally).map(k -> k.group() + "." + k.name())
                .collect(Collectors.joining(", "));
    }

    /**
     * The params of {@code kind} from the wire; its call-only data ids ({@code data_id_1}, {@code data_id_2}
     * of DE genes, not sent) are the request's data set, or the data set of the sample and table the
     * params name ({@code sample_id_2}, {@code table_id_2}).
     */
    private <P extends Record> Chosen<P> read(Analysis<P> kind, Map<String, Object> wire, String dataId) throws Exception {
        Map<String, Object> callOnly = new LinkedHashMap<>();
        for (var component : kind.paramsType().getRecordComponents()) {
            String key = PythonNames.snakeCase(component.getName());
            Matcher numbered = NUMBERED_DATA_ID.matcher(key);
            if (component.isAnnotationPresent(CallOnly.class) && numbered.matches()) {
                String suffix = numbered.group(1) == null ? "" : numbered.group(1);
                Object sample = wire.get("sample_id" + suffix);
                Object table = wire.get("table_id" + suffix);
                callOnly.put(key, suffix.equals("_1") || sample == null ? dataId
                        : dataOf(sample.toString(), table == null ? null : table.toString(), dataId));
            }
        }
        return new Chosen<>(kind, AnalysisParams.fromWire(kind, wire, callOnly));
    }

    /** The data set of {@code sampleId} holding the table {@code tableId} ({@code fallback} when it is that one). */
    private String dataOf(String sampleId, String tableId, String fallback) throws Exception {
        return database.read(c -> {
            DataRecord first = catalog.data(c, fallback);
            if (first != null && first.sampleId().equals(sampleId)
                    && (tableId == null || tables(first).contains(tableId))) {
                return fallback;
            }
            for (DataRecord record : catalog.dataOfSample(c, sampleId, 10_000, 0)) {
                if (tableId == null || tables(record).contains(tableId)) {
                    return record.dataId();
                }
            }
            throw ApiException.notFound("No data of sample '" + sampleId + "' has the table '" + tableId + "'");
        });
    }

    /** Another data set's table, for analyses across data sets (DE genes). */
    private AnalysisInput input(String dataId, Path table) {
        return new StoredAnalysisInput(dataId, table, threads, SEED, other -> {
            try {
                Target target = database.read(c -> {
                    DataRecord record = catalog.data(c, other);
                    if (record == null) {
                        throw new AnalysisException("No data '" + other + "'");
                    }
                    return new Target(record, catalog.study(c, record.studyId()));
                });
                checkReady(target.record());
                Path otherTable = tablePath(target, singleTable(target.record()));
                return new StoredAnalysisInput(other, otherTable, threads, SEED, input -> {
                    throw new AnalysisException("Only two data sets can be compared");
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AnalysisException("Cannot open data '" + other + "': " + e.getMessage(), e);
            }
        });
    }

    /** The table of the data set's sample store shown as, or with the id, {@code table} (map_submit_result gives either). */
    private static Path tablePath(Target target, String table) {
        SampleStore store = SampleStore.open(Path.of(target.study().dataPath()), target.record().sampleId());
        Map<String, String> tables = store.elements(SampleStore.Group.TABLES);
        String id = tables.getOrDefault(table, table);
        Path path = store.path(SampleStore.Group.TABLES, id);
        if (!tables.containsValue(id) || !Files.isDirectory(path)) {
            throw ApiException.notFound("Data '" + target.record().dataId() + "' has no table '" + table + "' in its"
                    + " sample store; it has " + tables.keySet() + " (map_submit_result lists them)");
        }
        return path;
    }

    private static void checkReady(DataRecord record) {
        Integer status = record.enableStatus();
        if (status != null && status == EnableStatus.PROCESSING.value()) {
            throw new ApiException(ApiException.CONFLICT, "Data '" + record.dataId() + "' is still being ingested: run"
                    + " the analysis once its submission log ends with DONE.");
        }
        if (status == null || status != EnableStatus.READY_TO_USE.value()) {
            throw new ApiException(ApiException.CONFLICT, "Data '" + record.dataId() + "' has no usable table (its"
                    + " submission failed or it was deleted): submit it again first.");
        }
    }

    private static List<String> tables(DataRecord record) {
        return record.elementIds().getOrDefault("annotated_data", List.of()).stream().distinct().toList();
    }

    private static String singleTable(DataRecord record) {
        List<String> tables = tables(record);
        if (tables.size() != 1) {
            throw ApiException.badRequest("Data '" + record.dataId() + "' has " + (tables.isEmpty() ? "no table"
                    : "several tables " + tables) + ": name one with table_id");
        }
        return tables.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params(JsonNode data) {
        JsonNode text = data.get("params");
        if (text == null || text.isNull()) {
            return Map.of();
        }
        try {
            Object parsed = json.readValue(text.isTextual() ? text.asText() : text.toString(), LinkedHashMap.class);
            return (Map<String, Object>) parsed;
        } catch (Exception e) {
            throw ApiException.badRequest("data.params must be a JSON object (as text), got " + text);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
