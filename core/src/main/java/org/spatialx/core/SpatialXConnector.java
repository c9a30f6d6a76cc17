package org.spatialx.core;

import org.spatialx.api.SpatialXException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.spatialx.api.ConnectorKeys;
import org.spatialx.api.DataRecord;
import org.spatialx.api.Entity;
import org.spatialx.api.Group;
import org.spatialx.api.KeyValue;
import org.spatialx.api.NotebookName;
import org.spatialx.api.Permission;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.StudyInfo;
import org.spatialx.api.StudyRecord;
import org.spatialx.api.StudyType;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmissionType;
import org.spatialx.api.WireEnum;
import org.spatialx.api.technology.DetectionException;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.detection.SampleDataDetector;
import org.spatialx.core.parse.SampleDataParsing;
import org.spatialx.core.parse.ServerStorageView;
import org.spatialx.core.tracking.LogTracker;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.SecretMasker;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadFileOptions;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.UploadSettings;
import org.spatialx.core.upload.Uploader;

/**
 * The Java counterpart of the Python {@code SpatialXConnector(domain, token)}: account and
 * storage helpers, studies, samples, data and submissions of a SpatialX server (protocol
 * sections 1, 2.1, 4.3, 4.6 and 8). Methods mirroring a notebook call carry its Python name in
 * {@link NotebookName}; optional Python arguments are grouped in one trailing options record
 * whose {@code defaults()} are the Python defaults.
 *
 * <p>Uploads, server-side parsing and analyses are built on {@link #transport()} by other
 * modules.
 */
public final class SpatialXConnector implements AutoCloseable {

    /** The argument appended to custom and element submissions (protocol 4.3). */
    public static final String IGNORE_TECHNOLOGY_ELEMENTS = "ignore_technology_elements";

    private final SpatialXTransport transport;
    private final LogTracker tracker;
    private volatile Uploader uploader;

    /**
     * {@code SpatialXConnector(domain, token)} with the default options (TLS verified).
     *
     * @param domain the SpatialX address, e.g. {@code https://example.bioturing.com/spatialx/}
     * @param token  the personal token from "SpatialX SDK" in SpatialX
     */
    public SpatialXConnector(String domain, String token) {
        this(domain, token, ConnectorOptions.defaults());
    }

    /** {@code SpatialXConnector(domain, token, verify_ssl, authentication)}: see {@link ConnectorOptions}. */
    public SpatialXConnector(String domain, String token, ConnectorOptions options) {
        this.transport = new SpatialXTransport(domain, token, options);
        this.tracker = new LogTracker(transport, options.logPollInterval(), options.trackingOutput());
        this.uploader = new Uploader(transport, UploadSettings.defaults());
    }

    /** The transport every request goes through; uploads, parsing and analyses send theirs with it. */
    public SpatialXTransport transport() {
        return transport;
    }

    /** The log follower of protocol 4.6 (analyses track their logs with it, 60 s). */
    public LogTracker tracker() {
        return tracker;
    }

    /** The normalised domain. */
    public String domain() {
        return transport.domain();
    }

    // ------------------------------------------------------------------ account and storage (8.1)

    /**
     * {@code connector.info}: the five account fields {@code email}, {@code sub_dir}, {@code name},
     * {@code app_base_url}, {@code routing_table} of {@code account/info}.
     *
     * @throws SpatialXUnexpectedResponseException when one of them is missing
     */
    @NotebookName(value = "info", property = true)
    public Map<String, Object> info() {
        JsonNode account = object(call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()), "account/info");
        Map<String, Object> info = new LinkedHashMap<>();
        for (String field : ConnectorKeys.INFORMATION_FIELDS) {
            if (!account.has(field)) {
                throw unexpected("account/info has no '" + field + "' field (it has: " + fieldList(account)
                        + "). Check that the domain points at a SpatialX server.");
            }
            info.put(field, plain(account.get(field)));
        }
        return info;
    }

    /**
     * {@code connector.groups}: group display name to group id, from {@code account/groups}: the
     * inverted {@code default} object, then every {@code groups[]} entry (later entries win).
     */
    @NotebookName(value = "groups", property = true)
    public Map<String, String> groups() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Group group : groupList()) {
            byName.put(group.name(), group.id());
        }
        return byName;
    }

    /**
     * The groups of {@code account/groups} as records: those of {@code default} first, then
     * {@code groups[]}. Backs {@link #groups()}.
     */
    public List<Group> groupList() {
        JsonNode answer = object(call(ApiRequest.get(UrlFamily.OPENAPI, "account/groups").build()), "account/groups");
        List<Group> groups = new ArrayList<>();
        JsonNode defaults = answer.path("default");
        defaults.properties().forEach(entry -> groups.add(new Group(entry.getKey(), entry.getValue().asText())));
        for (JsonNode group : answer.path("groups")) {
            groups.add(read(group, Group.class, "account/groups groups[]"));
        }
        return groups;
    }

    /**
     * The group id for {@code group} (protocol 4.3): a known display name gives its id, anything
     * else is used as an id as is (one {@code account/groups} request per call, like Python).
     */
    public String resolveGroupId(String group) {
        Objects.requireNonNull(group, "group");
        return groups().getOrDefault(group, group);
    }

    /** {@code connector.external_folders}: mounted folder name to server path ({@code mount/external_listing}). */
    @NotebookName(value = "external_folders", property = true)
    public Map<String, String> externalFolders() {
        return namePaths(externalListing().path("folders"));
    }

    /** {@code connector.external_s3}: the mounted buckets ({@code s3[]} of {@code mount/external_listing}), each {@code {id, name, path}}. */
    @NotebookName(value = "external_s3", property = true)
    public List<Object> externalS3() {
        JsonNode s3 = externalListing().path("s3");
        return s3.isArray() ? asList(plain(s3)) : List.of();
    }

    /**
     * {@code connector.folders}: the account's default folders ({@code default_mount.folders} of
     * {@code account/info}) then the external folders, name to path. Python merges them as a set,
     * so its order varies; here defaults come first and win a name clash.
     */
    @NotebookName(value = "folders", property = true)
    public Map<String, String> folders() {
        JsonNode account = object(call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()), "account/info");
        Map<String, String> folders = new LinkedHashMap<>(namePaths(account.path("default_mount").path("folders")));
        externalFolders().forEach(folders::putIfAbsent);
        return folders;
    }

    /**
     * {@code connector.s3}: bucket name to server path, merged in order from
     * {@code default_mount.s3} ({@code account/info}), the external listing's {@code s3} and the
     * cloud settings' {@code map_settings} (protocol 8.1): an empty or taken name is replaced by the
     * id, and a still-taken one gets {@code " - External AWS"} / {@code " - Internal AWS"}.
     */
    @NotebookName(value = "s3", property = true)
    public Map<String, String> s3() {
        JsonNode account = object(call(ApiRequest.get(UrlFamily.OPENAPI, "account/info").build()), "account/info");
        Map<String, String> buckets = new LinkedHashMap<>();
        for (JsonNode bucket : account.path("default_mount").path("s3")) {
            addBucket(buckets, bucket, null);
        }
        for (JsonNode bucket : externalListing().path("s3")) {
            addBucket(buckets, bucket, " - External AWS");
        }
        JsonNode settings = call(ApiRequest.post(UrlFamily.OPENAPI, "cloud/setting_list")
                .form("limit", 100).form("offset", 0).build());
        for (JsonNode setting : settings) {
            addBucket(buckets, setting.path("map_settings"), " - Internal AWS");
        }
        return buckets;
    }

    private static void addBucket(Map<String, String> buckets, JsonNode bucket, String suffix) {
        if (!bucket.isObject()) {
            return;
        }
        String name = text(bucket.get("name"));
        if (name == null || name.isEmpty() || buckets.containsKey(name)) {
            name = text(bucket.get("id"));
        }
        if (suffix != null && buckets.containsKey(name)) {
            name = name + suffix;
        }
        buckets.put(name, text(bucket.get("path")));
    }

    private JsonNode externalListing() {
        return object(call(ApiRequest.get(UrlFamily.OPENAPI, "mount/external_listing").build()),
                "mount/external_listing");
    }

    private static Map<String, String> namePaths(JsonNode entries) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            paths.put(text(entry.get("name")), text(entry.get("path")));
        }
        return paths;
    }

    /**
     * {@code listdir(path, ignore_hidden=True, get_details=False)}: the children of a server folder
     * ({@code directory/entities}): their names, or whole {@link Entity} records with
     * {@code getDetails}.
     */
    @NotebookName("listdir")
    public List<?> listdir(String path, ListdirOptions options) {
        List<Entity> entities = listdirEntities(path, options.ignoreHidden());
        return options.getDetails() ? entities : entities.stream().map(Entity::name).toList();
    }

    /** {@code listdir(path)}: the child names of a server folder. */
    public List<String> listdir(String path) {
        return listdirEntities(path, true).stream().map(Entity::name).toList();
    }

    /** {@code listdir(path, ignore_hidden, get_details=True)}: the children of a server folder as records. */
    public List<Entity> listdirEntities(String path, boolean ignoreHidden) {
        JsonNode answer = object(call(ApiRequest.post(UrlFamily.OPENAPI, "directory/entities")
                .form("path", path).form("ignore_hidden", ignoreHidden).build()), "directory/entities");
        List<Entity> entities = new ArrayList<>();
        for (JsonNode entity : answer.path("entities")) {
            entities.add(read(entity, Entity.class, "directory/entities"));
        }
        return entities;
    }

    // ------------------------------------------------------------------ parsing (4.2)

    /**
     * {@code parse_data_information(data_name, technology, data_path, args=None, min_genes=1, min_counts=1,
     * mito_controls_percentage=0.25)}: the SampleData of a data folder on the server (protocol 4.2).
     * The folder is detected by this client's technology extensions over the server's own listing
     * (so it obeys the server's mounts), or by the server's parser with {@code detectOnServer} or
     * when no extension is installed; then {@code args} and the QC filters are appended.
     *
     * @throws SpatialXInvalidInputException naming each missing required element and where it was looked for
     */
    @NotebookName("parse_data_information")
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath,
                                                 ParseOptions options) {
        List<SampleData> parsed = detectSampleData(dataName, technology, dataPath, options.detectOnServer());
        return SampleDataParsing.withClientArguments(parsed, options.args(), options.minGenes(),
                options.minCounts(), options.mitoControlsPercentage());
    }

    /** {@code parse_data_information(data_name, technology, data_path)} with the Python defaults. */
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath) {
        return parseDataInformation(dataName, technology, dataPath, ParseOptions.defaults());
    }

    /**
     * {@code parse_multiple_samples_information(technology, data_path, sample_name_mapping={}, data_name_mapping={},
     * args=None, min_genes=1, min_counts=1, mito_controls_percentage=0.25)}: every sub-folder of
     * {@code dataPath} parsed as one sample (protocol 4.2). A folder that fails is reported as
     * {@code Fail to parse data in <folder>: <error>} on the connector's output and skipped.
     */
    @NotebookName("parse_multiple_samples_information")
    public List<SampleSubmission> parseMultipleSamplesInformation(String technology, String dataPath,
                                                                  ParseMultipleOptions options) {
        List<SampleSubmission> samples = new ArrayList<>();
        for (Entity entity : listdirEntities(dataPath, true)) {
            if (!Entity.DIRECTORY.equals(entity.type())) {
                continue;
            }
            String folder = entity.name();
            try {
                List<SampleData> data = parseDataInformation(options.dataNameMapping().getOrDefault(folder, folder),
                        technology, joinServerPath(dataPath, folder), options.parseOptions());
                samples.add(new SampleSubmission(options.sampleNameMapping().getOrDefault(folder, folder), data));
            } catch (SpatialXException failed) {
                transport.options().trackingOutput().accept("Fail to parse data in " + folder + ": " + failed.getMessage());
            }
        }
        return samples;
    }

    /**
     * {@code describe_data(data_path, technology=None, data_name=None)} (not in the Python SDK): the
     * per-element report of a data folder before anything is submitted: each element found (path,
     * size), missing but optional, or missing and required (with where it was looked for), the
     * instrument software version and warnings; without a technology, which technologies match.
     */
    @NotebookName("describe_data")
    public DetectionResult describeData(String dataPath, DescribeOptions options) {
        SampleDataDetector detector = SampleDataParsing.installedDetector().orElseThrow(() ->
                new SpatialXInvalidInputException("describe_data needs the technology extensions on the class path "
                        + "(the spatialx-technologies module); the server's parser gives no report."));
        String name = options.dataName() != null ? options.dataName() : lastSegment(dataPath);
        listdirEntities(dataPath, true); // the server's reason when it cannot list the folder
        try {
            return detector.detect(name, options.technology(), ServerStorageView.of(this), dataPath);
        } catch (IllegalArgumentException unknownTechnology) {
            throw new SpatialXInvalidInputException(unknownTechnology.getMessage(), unknownTechnology);
        }
    }

    /** {@code describe_data(data_path)}: detect the technology and report. */
    public DetectionResult describeData(String dataPath) {
        return describeData(dataPath, DescribeOptions.defaults());
    }

    private List<SampleData> detectSampleData(String dataName, String technology, String dataPath,
                                              boolean onServer) {
        Optional<SampleDataDetector> detector = onServer ? Optional.empty() : SampleDataParsing.installedDetector();
        if (detector.isEmpty()) {
            return parseOnServer(dataName, technology, dataPath);
        }
        // A folder the server cannot list (outside its mounts, absent) fails here with the server's
        // own reason, rather than as every element missing.
        listdirEntities(dataPath, true);
        try {
            return detector.get().detect(dataName, technology, ServerStorageView.of(this), dataPath)
                    .requireSampleData();
        } catch (DetectionException | IllegalArgumentException undetected) {
            throw new SpatialXInvalidInputException(undetected.getMessage(), undetected);
        }
    }

    /** Protocol 2.2 #30: the server detects the folder (NEW sends {@code permission_name}). */
    private List<SampleData> parseOnServer(String dataName, String technology, String dataPath) {
        JsonNode answer = call(ApiRequest.post(UrlFamily.PYAPI, "submission/parse_data_information")
                .json(ordered("data_name", dataName, "technology", technology, "data_path", dataPath,
                        "permission_name", Permission.CREATE_NEW_STUDY.value()))
                .build());
        if (!answer.isArray()) {
            throw unexpected("submission/parse_data_information answered " + answer.getNodeType()
                    + " where a list of SampleData was expected.");
        }
        List<SampleData> parsed = new ArrayList<>();
        for (JsonNode element : answer) {
            parsed.add(read(element, SampleData.class, "submission/parse_data_information"));
        }
        return parsed;
    }

    private static String joinServerPath(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    // ------------------------------------------------------------------ studies (8.2)

    /**
     * {@code list_study(group, species, limit=50, offset=0, active=2, compare=1)}: one page of the
     * studies of a group ({@code study/list}); {@code group} is a display name or an id.
     */
    @NotebookName("list_study")
    public Studies listStudy(String group, String species, ListStudyOptions options) {
        String groupId = resolveGroupId(group);
        JsonNode answer = object(call(ApiRequest.post(UrlFamily.OPENAPI, "study/list")
                .form("group_id", groupId).form("species", species)
                .form("limit", options.limit()).form("offset", options.offset())
                .form("active", options.active()).form("compare", options.compare()).build()), "study/list");
        List<StudyRecord> rows = new ArrayList<>();
        for (JsonNode row : answer.path("list")) {
            rows.add(read(row, StudyRecord.class, "study/list"));
        }
        return new Studies(rows);
    }

    /** {@code list_study(group, species)} with the default page. */
    public Studies listStudy(String group, String species) {
        return listStudy(group, species, ListStudyOptions.defaults());
    }

    /** {@code get_study_detail(study_id, limit=50, offset=0)}: the study and its samples ({@code study/detail}). */
    @NotebookName("get_study_detail")
    public StudyDetail getStudyDetail(String studyId, PageOptions options) {
        JsonNode answer = call(ApiRequest.get(UrlFamily.OPENAPI, "study/detail")
                .query("key", studyId).query("limit", options.limit()).query("offset", options.offset()).build());
        return read(object(answer, "study/detail"), StudyDetail.class, "study/detail");
    }

    /** {@code get_study_detail(study_id)} with the default page. */
    public StudyDetail getStudyDetail(String studyId) {
        return getStudyDetail(studyId, PageOptions.defaults());
    }

    /**
     * {@code Study.rename(new_name)}: reads {@code study/detail}, then sends {@code study/update}
     * (a POST with every field in the query string, protocol 11.2) with the new title. Returns the
     * server's answer as is.
     */
    @NotebookName("rename_study")
    public Object renameStudy(String studyId, String newName) {
        StudyInfo study = getStudyDetail(studyId).study();
        if (study == null) {
            throw unexpected("study/detail of " + studyId + " has no 'study' object; check the study id.");
        }
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "study/update")
                .query("study_id", study.studyId()).query("title", newName)
                .query("description", study.description()).query("email_id", study.emailId())
                .query("group_id", study.groupId()).query("species", study.species())
                .query("publication", study.publication()).query("tags", study.tags())
                .query("author", study.author()).build()));
    }

    /**
     * {@code Study.delete()}: {@code study/stop_create_submit} with {@code cleanup_flg=False}. Unlike
     * Python it does not ask for confirmation; callers that want one ask first.
     */
    @NotebookName("delete_study")
    public Object deleteStudy(String studyId) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "study/stop_create_submit")
                .query("key", studyId).query(ConnectorKeys.CLEANUP.value(), false).build()));
    }

    // ------------------------------------------------------------------ samples (8.3)

    /** {@code list_sample(study_id, limit=50, offset=0, need_data=False)}: the samples of a study ({@code sample/list}). */
    @NotebookName("list_sample")
    public List<SampleRecord> listSample(String studyId, ListSampleOptions options) {
        JsonNode answer = object(call(ApiRequest.get(UrlFamily.OPENAPI, "sample/list")
                .query("key", studyId).query("limit", options.limit()).query("offset", options.offset())
                .query("need_data", options.needData()).build()), "sample/list");
        List<SampleRecord> samples = new ArrayList<>();
        for (JsonNode sample : answer.path("list")) {
            samples.add(read(sample, SampleRecord.class, "sample/list"));
        }
        return samples;
    }

    /** {@code list_sample(study_id)} with the default page. */
    public List<SampleRecord> listSample(String studyId) {
        return listSample(studyId, ListSampleOptions.defaults());
    }

    /** {@code get_sample_detail(sample_id, limit=50, offset=0)}: the sample and its data ({@code sample/detail}). */
    @NotebookName("get_sample_detail")
    public SampleDetail getSampleDetail(String sampleId, PageOptions options) {
        JsonNode answer = call(ApiRequest.get(UrlFamily.OPENAPI, "sample/detail")
                .query("key", sampleId).query("limit", options.limit()).query("offset", options.offset()).build());
        return read(object(answer, "sample/detail"), SampleDetail.class, "sample/detail");
    }

    /** {@code get_sample_detail(sample_id)} with the default page. */
    public SampleDetail getSampleDetail(String sampleId) {
        return getSampleDetail(sampleId, PageOptions.defaults());
    }

    /** {@code rename_sample(sample_id, new_name)}: {@code sample/rename}; returns the server's answer. */
    @NotebookName("rename_sample")
    public Object renameSample(String sampleId, String newName) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "sample/rename")
                .json(ordered("sample_id", sampleId, "new_name", newName)).build()));
    }

    /** {@code delete_sample(sample_id)}: {@code sample/delete}; returns the server's answer. No confirmation is asked. */
    @NotebookName("delete_sample")
    public Object deleteSample(String sampleId) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "sample/delete")
                .json(ordered("sample_id", sampleId)).build()));
    }

    // ------------------------------------------------------------------ data (8.4 - 8.6)

    /** {@code get_sample_data_detail(data_id, limit=50, offset=0)}: the data record ({@code data/detail}, protocol 8.5). */
    @NotebookName("get_sample_data_detail")
    public DataRecord getSampleDataDetail(String dataId, PageOptions options) {
        JsonNode answer = call(ApiRequest.get(UrlFamily.OPENAPI, "data/detail")
                .query("key", dataId).query("limit", options.limit()).query("offset", options.offset()).build());
        return read(object(answer, "data/detail"), DataRecord.class, "data/detail");
    }

    /** {@code get_sample_data_detail(data_id)} with the default page. */
    public DataRecord getSampleDataDetail(String dataId) {
        return getSampleDataDetail(dataId, PageOptions.defaults());
    }

    /** {@code rename_sample_data(data_id, new_name)}: {@code data/rename}; returns the server's answer. */
    @NotebookName("rename_sample_data")
    public Object renameSampleData(String dataId, String newName) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "data/rename")
                .json(ordered("data_id", dataId, "new_name", newName)).build()));
    }

    /** {@code delete_sample_data(data_id)}: {@code data/delete}; returns the server's answer. No confirmation is asked. */
    @NotebookName("delete_sample_data")
    public Object deleteSampleData(String dataId) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "data/delete")
                .json(ordered("data_id", dataId)).build()));
    }

    /**
     * {@code Data.delete_element(element)}: {@code data/delete_element}. Takes the element id (as
     * listed by {@link #getSampleDataElements}); display names are not translated.
     */
    @NotebookName("delete_element")
    public Object deleteElement(String dataId, String elementId) {
        return plain(call(ApiRequest.post(UrlFamily.OPENAPI, "data/delete_element")
                .json(ordered("data_id", dataId, "element_id", elementId)).build()));
    }

    /**
     * {@code get_sample_data_elements(data_id)}: element kind to element <b>ids</b>, collected from
     * {@code map_submit_result} of {@code data/detail} (protocol 8.6). Unlike the Python client it
     * returns ids, not display names (that needs the zarr store); every kind, including
     * {@code multi_labels} and {@code images_alignment}, is listed (11.15 F).
     */
    @NotebookName("get_sample_data_elements")
    public Map<String, List<String>> getSampleDataElements(String dataId) {
        return getSampleDataDetail(dataId).elementIds();
    }

    // ------------------------------------------------------------------ submissions (4.3)

    /** {@code create_study(group, species, title, description="")}: {@code study/create}; returns the new study id. */
    @NotebookName("create_study")
    public String createStudy(String group, String species, String title, CreateStudyOptions options) {
        String groupId = resolveGroupId(group);
        Map<String, Object> body = ordered("group_id", groupId, "species", species, "title", title,
                "description", options.description(), "type", StudyType.SPATIAL_STUDY_TYPE_NUMBER.value());
        JsonNode answer = object(call(ApiRequest.post(UrlFamily.OPENAPI, "study/create").json(body).build()),
                "study/create");
        String studyId = text(answer.get("study_id"));
        if (studyId == null) {
            throw unexpected("study/create answered without 'study_id' (it has: " + fieldList(answer) + ").");
        }
        return studyId;
    }

    /** {@code create_study(group, species, title)} without description. */
    public String createStudy(String group, String species, String title) {
        return createStudy(group, species, title, CreateStudyOptions.defaults());
    }

    /** {@code add_sample(study_id, sample_name, sample_data=[])}: {@code sample/create}. */
    @NotebookName("add_sample")
    public SubmissionResult addSample(String studyId, String sampleName, AddSampleOptions options) {
        Map<String, Object> body = ordered("study_id", studyId, "name", sampleName, "data", options.sampleData());
        return submission(ApiRequest.post(UrlFamily.OPENAPI, "sample/create").json(body).build(), "sample/create");
    }

    /** {@code add_sample(study_id, sample_name, sample_data)}. */
    public SubmissionResult addSample(String studyId, String sampleName, List<SampleData> sampleData) {
        return addSample(studyId, sampleName, new AddSampleOptions(sampleData));
    }

    /** {@code add_sample_data(study_id, sample_id, sample_data)}: {@code data/create}. */
    @NotebookName("add_sample_data")
    public SubmissionResult addSampleData(String studyId, String sampleId, List<SampleData> sampleData) {
        Map<String, Object> body = ordered("study_id", studyId, "sample_id", sampleId, "data", sampleData);
        return submission(ApiRequest.post(UrlFamily.OPENAPI, "data/create").json(body).build(), "data/create");
    }

    /**
     * {@code submit(group, species, title, sample_name, sample_data, description="", tracking=False, max_time=600)}:
     * {@code create_study} then {@code add_sample}; with {@code tracking}, follows the logs of every
     * submitted data set (protocol 4.6, 11.12 F).
     */
    @NotebookName("submit")
    public SubmissionResult submit(String group, String species, String title, String sampleName,
                                   List<SampleData> sampleData, SubmitOptions options) {
        String studyId = createStudy(group, species, title, new CreateStudyOptions(options.description()));
        SubmissionResult result = addSample(studyId, sampleName, sampleData);
        if (options.tracking()) {
            trackSubmission(result, new TrackingOptions(options.maxTime()));
        }
        return result;
    }

    /** {@code submit(group, species, title, sample_name, sample_data)} with the defaults. */
    public SubmissionResult submit(String group, String species, String title, String sampleName,
                                   List<SampleData> sampleData) {
        return submit(group, species, title, sampleName, sampleData, SubmitOptions.defaults());
    }

    /** {@code add_multiple_samples(study_id, sample_data)}: one {@code add_sample} per entry, in order. */
    @NotebookName("add_multiple_samples")
    public List<SubmissionResult> addMultipleSamples(String studyId, List<SampleSubmission> sampleData) {
        List<SubmissionResult> results = new ArrayList<>();
        for (SampleSubmission sample : sampleData) {
            results.add(addSample(studyId, sample.sampleName(), sample.data()));
        }
        return results;
    }

    /** {@code submit_multiple_samples(group, species, title, sample_data, description="")}: {@code create_study} then {@code add_multiple_samples}. */
    @NotebookName("submit_multiple_samples")
    public List<SubmissionResult> submitMultipleSamples(String group, String species, String title,
                                                        List<SampleSubmission> sampleData,
                                                        SubmitMultipleSamplesOptions options) {
        String studyId = createStudy(group, species, title, new CreateStudyOptions(options.description()));
        return addMultipleSamples(studyId, sampleData);
    }

    /**
     * {@code add_custom_sample(study_id, sample_name, data_name, technology, adding_types, paths={}, args={}, kwargs={}, tracking=False, max_time=600)}:
     * {@code sample/create} with one data set built here: the submission type detected from the
     * technology (protocol 5.3), {@code identities} = {@code addingTypes} (element codes, enums or
     * strings), {@code files} from {@code paths}, and {@code ignore_technology_elements=true}
     * appended to {@code args}.
     */
    @NotebookName("add_custom_sample")
    public SubmissionResult addCustomSample(String studyId, String sampleName, String dataName, String technology,
                                            List<?> addingTypes, AddCustomSampleOptions options) {
        List<KeyValue> args = pairs(options.args());
        args.add(new KeyValue(IGNORE_TECHNOLOGY_ELEMENTS, true));
        Map<String, Object> data = ordered("name", dataName,
                "submission_type", SubmissionType.detect(technology).value(), "technology", technology,
                "identities", wireValues(addingTypes), "files", pairs(options.paths()), "folders", List.of(),
                "args", args, "kwargs", pairs(options.kwargs()));
        Map<String, Object> body = ordered("study_id", studyId, "name", sampleName, "data", List.of(data));
        SubmissionResult result = submission(ApiRequest.post(UrlFamily.OPENAPI, "sample/create").json(body).build(),
                "sample/create");
        if (options.tracking()) {
            trackSubmission(result, new TrackingOptions(options.maxTime()));
        }
        return result;
    }

    /**
     * {@code add_sample_data_element(title, data_id, adding_types, paths={}, args={}, tracking=False, max_time=600)}:
     * reads {@code data/detail} for the study and sample ids, then {@code data_extend/add} with the
     * new elements; {@code ignore_technology_elements=true} is appended to {@code args} and
     * {@code kwargs} is forwarded (protocol 11.11 F).
     */
    @NotebookName("add_sample_data_element")
    public SubmissionResult addSampleDataElement(String title, String dataId, List<?> addingTypes,
                                                 AddSampleDataElementOptions options) {
        DataRecord data = getSampleDataDetail(dataId);
        List<KeyValue> args = pairs(options.args());
        args.add(new KeyValue(IGNORE_TECHNOLOGY_ELEMENTS, true));
        Map<String, Object> body = ordered("title", title, "study_id", data.studyId(), "sample_id", data.sampleId(),
                "data_id", dataId, "files", pairs(options.paths()), "folders", List.of(), "args", args,
                "kwargs", pairs(options.kwargs()), "identities", wireValues(addingTypes));
        SubmissionResult result = submission(ApiRequest.post(UrlFamily.OPENAPI, "data_extend/add").json(body).build(),
                "data_extend/add");
        if (options.tracking()) {
            trackSubmission(result, new TrackingOptions(options.maxTime()));
        }
        return result;
    }

    /**
     * The {@code tracking=True} of the submission calls (protocol 4.6): reads the study's
     * {@code data_path}, then follows {@code {data_path}/submit/{submit_id}/submission.log} of every
     * submitted data set in turn (not only the first, 11.12 F), printing new lines to the options'
     * tracking output. Each log gets {@code maxTime} seconds.
     */
    public List<TrackedLog> trackSubmission(SubmissionResult result, TrackingOptions options) {
        StudyDetail detail = getStudyDetail(result.studyId());
        String dataPath = detail.study() == null ? null : detail.study().dataPath();
        if (dataPath == null || dataPath.isEmpty()) {
            throw unexpected("study/detail of " + result.studyId() + " has no 'data_path'; the submission logs"
                    + " cannot be located.");
        }
        String base = dataPath.endsWith("/") ? dataPath : dataPath + "/";
        List<TrackedLog> logs = new ArrayList<>();
        for (String submitId : result.submitIds()) {
            logs.add(tracker.track(base + "submit/" + submitId + "/submission.log",
                    Duration.ofSeconds(options.maxTime())));
        }
        return logs;
    }

    // ------------------------------------------------------------------ uploads (3)

    /** The uploader behind {@code upload_file}, {@code upload_big_file} and {@code upload_folder}. */
    public Uploader uploader() {
        return uploader;
    }

    /** Uses {@code settings} (mode, parallel chunks, retries, resume directory, progress) for later uploads. */
    public void uploadSettings(UploadSettings settings) {
        this.uploader = new Uploader(transport, settings);
    }

    /** {@code upload_file(file_path, server_folder_name="", upload_id="", is_chunk=False)}: one {@code upload/simple}. */
    @NotebookName("upload_file")
    public Map<String, Object> uploadFile(String filePath, UploadFileOptions options) {
        return uploader.uploadFile(java.nio.file.Path.of(filePath), options);
    }

    /** {@code upload_file(file_path)} with the Python defaults. */
    public Map<String, Object> uploadFile(String filePath) {
        return uploadFile(filePath, UploadFileOptions.defaults());
    }

    /** {@code upload_big_file(file_path, chunk_size=0, debug_mode=False, ...)}: a chunked upload (protocol 3.4). */
    @NotebookName("upload_big_file")
    public Map<String, Object> uploadBigFile(String filePath, UploadBigFileOptions options) {
        return uploader.uploadBigFile(java.nio.file.Path.of(filePath), options);
    }

    /** {@code upload_big_file(file_path)} with the Python defaults. */
    public Map<String, Object> uploadBigFile(String filePath) {
        return uploadBigFile(filePath, UploadBigFileOptions.defaults());
    }

    /** {@code upload_folder(dir_path, chunk_size=0, debug_mode=False, ...)}: a folder in one session (protocol 3.5). */
    @NotebookName("upload_folder")
    public Map<String, Object> uploadFolder(String dirPath, UploadFolderOptions options) {
        return uploader.uploadFolder(java.nio.file.Path.of(dirPath), options);
    }

    /** {@code upload_folder(dir_path)} with the Python defaults. */
    public Map<String, Object> uploadFolder(String dirPath) {
        return uploadFolder(dirPath, UploadFolderOptions.defaults());
    }

    // ------------------------------------------------------------------ helpers

    private SubmissionResult submission(ApiRequest request, String what) {
        return read(object(call(request), what), SubmissionResult.class, what);
    }

    private JsonNode call(ApiRequest request) {
        return transport.call(request);
    }

    private Object plain(JsonNode node) {
        return transport.json().plain(node);
    }

    private <T> T read(JsonNode node, Class<T> type, String what) {
        try {
            return transport.json().read(node, type);
        } catch (JsonProcessingException e) {
            throw new SpatialXUnexpectedResponseException(transport.mask("The answer of " + what + " does not fit "
                    + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + ". The server may speak another protocol version; report it with the answer text."), e);
        }
    }

    private JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            String shown = node.isTextual() ? node.asText() : node.toString();
            if (shown.length() > 200) {
                shown = shown.substring(0, 200) + "...";
            }
            throw unexpected(what + " answered " + (node.isTextual() ? "text that is not a JSON object" : "a "
                    + node.getNodeType().name().toLowerCase() + " instead of a JSON object") + ": " + shown
                    + ". Check that the domain points at a SpatialX server (the address shown on its 'SpatialX SDK' page).");
        }
        return node;
    }

    private SpatialXUnexpectedResponseException unexpected(String message) {
        return new SpatialXUnexpectedResponseException(transport.mask(message));
    }

    private static String fieldList(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no fields" : String.join(", ", names);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    /** A map with the given keys and values in this order (the JSON key order of the protocol). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code {key, value}} pairs of a map in its order; enum keys become their wire values. */
    private static List<KeyValue> pairs(Map<?, ?> map) {
        List<KeyValue> pairs = new ArrayList<>();
        map.forEach((key, value) -> pairs.add(new KeyValue(wireValue(key).toString(), value)));
        return pairs;
    }

    private static List<Object> wireValues(List<?> values) {
        return values == null ? List.of() : values.stream().map(SpatialXConnector::wireValue).toList();
    }

    private static Object wireValue(Object value) {
        return value instanceof WireEnum wire ? wire.value() : value;
    }

    /** Releases the HTTP client. */
    @Override
    public void close() {
        transport.close();
    }

    /** Shows the domain only; the token is never shown. */
    @Override
    public String toString() {
        return "SpatialXConnector[domain=" + transport.domain() + ", token=" + SecretMasker.MASK + "]";
    }
}
