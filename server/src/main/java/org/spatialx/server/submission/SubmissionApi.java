package org.spatialx.server.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyStatus;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmittedData;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.ingestion.IngestionJob;
import org.spatialx.server.job.Job;
import org.spatialx.server.job.JobExecutor;
import org.spatialx.server.job.JobRecord;
import org.spatialx.server.job.JobState;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Ulid;
import org.spatialx.server.study.Catalog;
import org.spatialx.server.study.SubmissionState;
import org.spatialx.technologies.TechnologyCatalog;

/**
 * Submissions: {@code sample/create} and {@code data/create} (protocol 2.1 #12, #18) record the
 * sample, its data and one submission per SampleData, and {@code data_extend/add} (#22) one
 * submission adding elements to existing data; each is ingested by an {@link IngestionJob} whose
 * log is {@code {data_path}/submit/{submit_id}/submission.log}. Also
 * {@code pyapi/v1/submission/parse_data_information} (#30) through a {@link SampleParser}.
 */
public final class SubmissionApi implements Endpoints {

    /** Job kind of a submission's ingestion. */
    public static final String RECEIVE_JOB = "submission.receive";

    private final Database database;
    private final Catalog catalog;
    private final Mounts mounts;
    private final JobExecutor jobs;
    private final Ulid ids;
    private final ObjectMapper json;
    private final SampleParser parser;
    private final TechnologyCatalog technologies;
    private final Clock clock;

    public SubmissionApi(Database database, Catalog catalog, Mounts mounts, JobExecutor jobs, Ulid ids,
                         ObjectMapper json, SampleParser parser, TechnologyCatalog technologies, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.mounts = mounts;
        this.jobs = jobs;
        this.ids = ids;
        this.json = json;
        this.parser = parser;
        this.technologies = technologies;
        this.clock = clock;
    }

    @Override
    public void register(ApiServer server) {
        server.post("openapi/sample/create", this::createSample);
        server.post("openapi/data/create", this::createData);
        server.post("openapi/data_extend/add", this::extendData);
        server.post("pyapi/v1/submission/parse_data_information", this::parse);
    }

    private Object parse(ApiRequest r) throws Exception {
        String dataName = r.required("data_name");
        String technology = r.required("technology");
        String clientPath = r.required("data_path");
        Path dataPath = mounts.resolveAbsolute(clientPath);
        if (!Files.exists(dataPath)) {
            throw ApiException.notFound("Cannot parse '" + dataName + "': '" + clientPath + "' does not exist on this "
                    + "server. Upload the data (upload_folder) and pass the returned server path.");
        }
        try {
            return parser.parse(dataName, technology, dataPath);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private SubmissionResult createSample(ApiRequest r) {
        return addSample(r.required("study_id"), r.required("name").trim(), sampleData(r), this::receiveJob);
    }

    /**
     * {@code sample/create} from Java: records a sample of the study with its data sets and one
     * submission each, and starts the job {@code jobFor} makes for each submission id (for other
     * kinds of submissions, e.g. Lens conversion, that prepare their inputs before receiving them).
     * The jobs are of the kind {@link #RECEIVE_JOB}: a failed one leaves its data "created".
     */
    public SubmissionResult addSample(String studyId, String name, List<SampleData> data, Function<String, Job> jobFor) {
        Submitted submitted = database.write(c -> {
            StudyInfo study = catalog.activeStudy(c, studyId);
            String sampleId = ids.next("SP-");
            Sql.update(c, "INSERT INTO samples(sample_id, study_id, title, enable_status, created_at, updated_at)"
                    + " VALUES (?,?,?,?,?,?)", sampleId, studyId, name,
                    (data.isEmpty() ? EnableStatus.READY_TO_USE : EnableStatus.PROCESSING).value(), now(), now());
            return submit(c, study, sampleId, data);
        });
        return start(submitted, jobFor);
    }

    /** The job that ingests submission {@code submitId} into its sample's store (protocol 7.4). */
    public Job receiveJob(String submitId) {
        return new IngestionJob(database, catalog, mounts, ids, technologies, submitId, clock);
    }

    private SubmissionResult createData(ApiRequest r) {
        String studyId = r.required("study_id");
        String sampleId = r.required("sample_id");
        List<SampleData> data = sampleData(r);
        if (data.isEmpty()) {
            throw ApiException.badRequest("data/create needs at least one SampleData in 'data'.");
        }
        Submitted submitted = database.write(c -> {
            StudyInfo study = catalog.activeStudy(c, studyId);
            SampleRecord sample = catalog.sample(c, sampleId);
            if (!studyId.equals(sample.studyId())) {
                throw ApiException.badRequest("Sample '" + sampleId + "' belongs to study '" + sample.studyId()
                        + "', not '" + studyId + "'.");
            }
            if (EnableStatus.DELETED.value().equals(sample.enableStatus())) {
                throw new ApiException(ApiException.CONFLICT, "Sample '" + sampleId + "' was deleted; add a new sample.");
            }
            return submit(c, study, sampleId, data);
        });
        return start(submitted, this::receiveJob);
    }

    /**
     * {@code data_extend/add} (#22): elements added to an existing data set (a segmentation, an
     * expression matrix...), ingested into its sample's store under a new submission; answers the
     * submission result with {@code sample_data: null} (protocol 4.4).
     */
    private SubmissionResult extendData(ApiRequest r) throws Exception {
        String studyId = r.required("study_id");
        String sampleId = r.required("sample_id");
        String dataId = r.required("data_id");
        String title = r.text("title", "");
        JsonNode body = r.json();
        List<KeyValue> files = pairs(body, "files");
        List<KeyValue> folders = pairs(body, "folders");
        for (KeyValue kv : concat(files, folders)) {
            mounts.resolveAbsolute(String.valueOf(kv.value()));
        }
        if (files.isEmpty() && folders.isEmpty()) {
            throw ApiException.badRequest("data_extend/add needs at least one file or folder in 'files'/'folders'.");
        }
        List<KeyValue> args = pairs(body, "args");
        List<KeyValue> kwargs = pairs(body, "kwargs"); // absent before 0.2.3 (protocol 11.25)
        List<String> identities = new ArrayList<>();
        body.path("identities").forEach(n -> identities.add(n.asText()));
        Object[] started = database.write(c -> {
            catalog.activeStudy(c, studyId);
            var data = catalog.data(c, dataId);
            if (!sampleId.equals(data.sampleId()) || !studyId.equals(data.studyId())) {
                throw ApiException.badRequest("Data '" + dataId + "' belongs to sample '" + data.sampleId()
                        + "' of study '" + data.studyId() + "', not '" + sampleId + "' of '" + studyId + "'.");
            }
            if (EnableStatus.DELETED.value().equals(data.enableStatus())) {
                throw new ApiException(ApiException.CONFLICT, "Data '" + dataId + "' was deleted.");
            }
            StudyInfo study = catalog.study(c, studyId);
            String submitId = ids.next("SB-");
            Path log = Path.of(study.dataPath()).resolve("submit").resolve(submitId).resolve("submission.log");
            long jobId = jobs.create(c, RECEIVE_JOB, submitId, log);
            Sql.update(c, "INSERT INTO data_extensions(submit_id, data_id, title, files, folders, args, kwargs,"
                    + " identities, created_at) VALUES (?,?,?,?,?,?,?,?,?)", submitId, dataId,
                    title.isBlank() ? "Added elements" : title.trim(), catalog.write(files), catalog.write(folders),
                    catalog.write(args), catalog.write(kwargs), catalog.write(identities), now());
            Sql.update(c, "INSERT INTO submissions(submit_id, study_id, sample_id, data_id, name, state, job_id,"
                            + " log_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    submitId, studyId, sampleId, dataId, title, SubmissionState.QUEUED.stored(), jobId,
                    log.toString(), now(), now());
            return new Object[] {submitId, jobId};
        });
        String submitId = (String) started[0];
        long jobId = (Long) started[1];
        jobs.start(jobId, receiveJob(submitId));
        return new SubmissionResult(studyId, sampleId, null, submitId, jobId, "", Map.of());
    }

    private List<KeyValue> pairs(JsonNode body, String field) throws Exception {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("'" + field + "' must be an array of {key, value} pairs.");
        }
        return List.of(json.treeToValue(node, KeyValue[].class));
    }

    private List<SampleData> sampleData(ApiRequest r) {
        JsonNode node = r.json().get("data");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("'data' must be a JSON array of SampleData objects (protocol 4.1).");
        }
        List<SampleData> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : node) {
            SampleData sd;
            try {
                sd = json.treeToValue(item, SampleData.class);
            } catch (Exception e) {
                throw ApiException.badRequest("data[" + i + "] is not a SampleData object: " + e.getMessage());
            }
            if (sd.technology() == null || sd.technology().isBlank()) {
                throw ApiException.badRequest("data[" + i + "] ('" + sd.name() + "') has no 'technology'.");
            }
            // paths are checked now (security); their existence is checked by the job
            for (KeyValue kv : concat(sd.files(), sd.folders())) {
                mounts.resolveAbsolute(String.valueOf(kv.value()));
            }
            out.add(sd);
            i++;
        }
        return out;
    }

    private static List<KeyValue> concat(List<KeyValue> a, List<KeyValue> b) {
        List<KeyValue> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The protocol 4.4 result of a submission and the receive jobs to start once it is committed. */
    private record Submitted(SubmissionResult result, List<Long> jobIds) {
    }

    /** Inserts data, submissions and queued jobs. */
    private Submitted submit(Connection c, StudyInfo study, String sampleId, List<SampleData> data)
            throws SQLException {
        String studyId = study.studyId();
        Path dataPath = Path.of(study.dataPath());
        List<SubmittedData> entries = new ArrayList<>();
        List<Long> jobIds = new ArrayList<>();
        for (SampleData sd : data) {
            String dataId = ids.next("DA-");
            String submitId = ids.next("SB-");
            Path log = dataPath.resolve("submit").resolve(submitId).resolve("submission.log");
            long jobId = jobs.create(c, RECEIVE_JOB, submitId, log);
            Sql.update(c, "INSERT INTO data(data_id, sample_id, study_id, submit_id, title, submission_type,"
                            + " technology, files, folders, args, kwargs, identities, enable_status, percent,"
                            + " map_submit_result, job_id, created_at, updated_at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,NULL,?,?,?)",
                    dataId, sampleId, studyId, submitId, sd.name(),
                    sd.submissionType() == null ? "" : sd.submissionType(), sd.technology(),
                    catalog.write(sd.files()), catalog.write(sd.folders()), catalog.write(sd.args()),
                    catalog.write(sd.kwargs()), catalog.write(sd.identities()), EnableStatus.PROCESSING.value(), jobId,
                    now(), now());
            Sql.update(c, "INSERT INTO submissions(submit_id, study_id, sample_id, data_id, name, state, job_id,"
                            + " log_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    submitId, studyId, sampleId, dataId, sd.name(), SubmissionState.QUEUED.stored(), jobId,
                    log.toString(), now(), now());
            entries.add(new SubmittedData(dataId, submitId, sd.name()));
            jobIds.add(jobId);
        }
        if (!data.isEmpty()) {
            Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ?",
                    StudyStatus.PROCESSING_STATUS.value(), now(), studyId);
        }
        SubmissionResult result = new SubmissionResult(studyId, sampleId, entries,
                entries.isEmpty() ? "" : entries.get(0).submitId(), jobIds.isEmpty() ? 0L : jobIds.get(0), "",
                Map.of());
        return new Submitted(result, jobIds);
    }

    /** Starts the job of each submission (their rows are committed) and answers the result. */
    private SubmissionResult start(Submitted submitted, Function<String, Job> jobFor) {
        List<SubmittedData> entries = submitted.result().sampleData();
        for (int i = 0; i < entries.size(); i++) {
            jobs.start(submitted.jobIds().get(i), jobFor.apply(entries.get(i).submitId()));
        }
        return submitted.result();
    }

    /**
     * Told when a {@link #RECEIVE_JOB} ends: a failed one (or one interrupted by a restart) has what it
     * wrote removed; its data, when the submission created it, says failed ("created", 0 %), while
     * data that only gained elements ({@code data_extend/add}) stays as it was.
     */
    public void receiveFinished(JobRecord job) {
        if (job.state() != JobState.FAILED) {
            return;
        }
        String submitId = job.targetId();
        IngestionJob.discardWrites(Path.of(job.logPath()));
        database.write(c -> {
            Sql.update(c, "UPDATE submissions SET state = ?, updated_at = ? WHERE submit_id = ?",
                    SubmissionState.FAILED.stored(), now(), submitId);
            Sql.update(c, "UPDATE data SET enable_status = ?, percent = 0, updated_at = ? WHERE submit_id = ?"
                    + " AND enable_status < ?", EnableStatus.CREATED.value(), now(), submitId,
                    EnableStatus.DELETED.value());
            Map<String, Object> sub = Sql.one(c, "SELECT study_id, sample_id FROM submissions WHERE submit_id = ?",
                    submitId);
            if (sub != null) {
                IngestionJob.settleStatuses(c, (String) sub.get("study_id"), (String) sub.get("sample_id"), now());
            }
            return null;
        });
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
