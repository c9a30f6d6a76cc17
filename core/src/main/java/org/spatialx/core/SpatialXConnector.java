package org.spatialx.core;

import static org.spatialx.api.NotebookSection.ACCOUNT;
import static org.spatialx.api.NotebookSection.LENS;
import static org.spatialx.api.NotebookSection.STORAGE;
import static org.spatialx.api.NotebookSection.STUDIES;
import static org.spatialx.api.NotebookSection.SUBMISSION;
import static org.spatialx.api.NotebookSection.UPLOADS;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spatialx.api.DataRecord;
import org.spatialx.api.Entity;
import org.spatialx.api.Group;
import org.spatialx.api.LocalPath;
import org.spatialx.api.NotebookName;
import org.spatialx.api.SampleData;
import org.spatialx.api.SampleDetail;
import org.spatialx.api.SampleRecord;
import org.spatialx.api.SampleSubmission;
import org.spatialx.api.StudyDetail;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.core.account.AccountEndpoints;
import org.spatialx.core.analysis.Analyses;
import org.spatialx.core.analysis.AnalysisEndpoints;
import org.spatialx.core.lens.LensEndpoints;
import org.spatialx.core.parse.ParsingEndpoints;
import org.spatialx.core.study.Study;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialData;
import org.spatialx.core.spatialdata.SpatialDataEndpoints;
import org.spatialx.core.spatialdata.SpatialDataOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.core.study.StudyEndpoints;
import org.spatialx.core.study.StudyEndpoints.Level;
import org.spatialx.core.submission.SubmissionEndpoints;
import org.spatialx.core.tracking.LogTracker;
import org.spatialx.core.tracking.TrackedLog;
import org.spatialx.core.transport.SecretMasker;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.upload.UploadBigFileOptions;
import org.spatialx.core.upload.UploadFileOptions;
import org.spatialx.core.upload.UploadFolderOptions;
import org.spatialx.core.upload.Uploader;

/**
 * The Java counterpart of the Python {@code SpatialXConnector(domain, token)}: account and
 * storage helpers, studies, samples, data, parsing, submissions, uploads and analyses of a SpatialX
 * server (protocol sections 1 - 4, 7 and 8). Methods mirroring a notebook call carry its Python name in
 * {@link NotebookName}; optional Python arguments are grouped in one trailing options record
 * whose {@code defaults()} are the Python defaults.
 *
 * <p>This class is the notebook's facade and holds no protocol logic: each call is one line into
 * a feature's endpoints, all built on one {@link SpatialXTransport}: {@link AccountEndpoints}
 * (account and storage), {@link StudyEndpoints} (studies, samples, data), {@link ParsingEndpoints},
 * {@link SubmissionEndpoints} (with tracking), {@link Uploader}, {@link LensEndpoints} and
 * {@link AnalysisEndpoints}. A new feature is one more endpoints class taking the transport, composed here.
 */
public final class SpatialXConnector implements AutoCloseable {

    /** The argument appended to custom and element submissions (protocol 4.3). */
    public static final String IGNORE_TECHNOLOGY_ELEMENTS = SubmissionEndpoints.IGNORE_TECHNOLOGY_ELEMENTS;

    private final SpatialXTransport transport;
    private final LogTracker tracker;
    private final AccountEndpoints account;
    private final StudyEndpoints studies;
    private final ParsingEndpoints parsing;
    private final SubmissionEndpoints submissions;
    private final Uploader uploader;
    private final LensEndpoints lens;
    private final SpatialDataEndpoints spatialData;
    private final AnalysisEndpoints analysisEndpoints;
    private final Analyses analysis;

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
        this.tracker = new LogTracker(transport, options.logPollInterval(), options.trackingOutput(),
                options.trackingProgress());
        this.account = new AccountEndpoints(transport);
        this.studies = new StudyEndpoints(transport, account);
        this.parsing = new ParsingEndpoints(transport, folder -> account.listdirEntities(folder, true));
        this.submissions = new SubmissionEndpoints(transport, account, studies, tracker);
        this.uploader = new Uploader(transport, options.uploads(), options.uploadProgress());
        this.lens = new LensEndpoints(transport, account);
        this.spatialData = new SpatialDataEndpoints(transport, studies);
        this.analysisEndpoints = new AnalysisEndpoints(transport, studies, tracker, options.analyses());
        this.analysis = new Analyses(analysisEndpoints);
    }

    /**
     * {@code connector.analysis}: {@code analysis.embeddings.pca(data_id=..., title=...)} and every other
     * kind present, built in or from a plugin, plus {@code list_embedding} and {@code list_metadata}
     * (protocol section 7). Each call returns the {@code analysis/create} payload after following the
     * analysis log for up to 60 s.
     */
    @NotebookName(value = "analysis", property = true)
    public Analyses analysis() {
        return analysis;
    }

    /** The analysis requests behind {@link #analysis()}, for Java callers with a params record. */
    public AnalysisEndpoints analysisEndpoints() {
        return analysisEndpoints;
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
    @NotebookName(value = "info", property = true, section = ACCOUNT)
    public Map<String, Object> info() {
        return account.info();
    }

    /**
     * {@code connector.groups}: group display name to group id, from {@code account/groups}: the
     * inverted {@code default} object, then every {@code groups[]} entry (later entries win).
     */
    @NotebookName(value = "groups", property = true, section = ACCOUNT)
    public Map<String, String> groups() {
        return account.groups();
    }

    /**
     * The groups of {@code account/groups} as records: those of {@code default} first, then
     * {@code groups[]}. Backs {@link #groups()}.
     */
    public List<Group> groupList() {
        return account.groupList();
    }

    /**
     * The group id for {@code group} (protocol 4.3): a known display name gives its id, anything
     * else is used as an id as is (one {@code account/groups} request per call, like Python).
     */
    public String resolveGroupId(String group) {
        return account.resolveGroupId(group);
    }

    /** {@code connector.external_folders}: mounted folder name to server path ({@code mount/external_listing}). */
    @NotebookName(value = "external_folders", property = true, section = STORAGE)
    public Map<String, String> externalFolders() {
        return account.externalFolders();
    }

    /** {@code connector.external_s3}: the mounted buckets ({@code s3[]} of {@code mount/external_listing}), each {@code {id, name, path}}. */
    @NotebookName(value = "external_s3", property = true, section = STORAGE)
    public List<Object> externalS3() {
        return account.externalS3();
    }

    /**
     * {@code connector.folders}: the account's default folders ({@code default_mount.folders} of
     * {@code account/info}) then the external folders, name to path. Python merges them as a set,
     * so its order varies; here defaults come first and win a name clash.
     */
    @NotebookName(value = "folders", property = true, section = STORAGE)
    public Map<String, String> folders() {
        return account.folders();
    }

    /**
     * {@code connector.s3}: bucket name to server path, merged in order from
     * {@code default_mount.s3} ({@code account/info}), the external listing's {@code s3} and the
     * cloud settings' {@code map_settings} (protocol 8.1): an empty or taken name is replaced by the
     * id, and a still-taken one gets {@code " - External AWS"} / {@code " - Internal AWS"}.
     */
    @NotebookName(value = "s3", property = true, section = STORAGE)
    public Map<String, String> s3() {
        return account.s3();
    }

    /**
     * {@code listdir(path, ignore_hidden=True, get_details=False)}: the children of a server folder
     * ({@code directory/entities}): their names, or whole {@link Entity} records with
     * {@code getDetails}.
     */
    @NotebookName(value = "listdir", section = STORAGE)
    public List<?> listdir(String path, ListdirOptions options) {
        return account.listdir(path, options);
    }

    /** {@code listdir(path)}: the child names of a server folder. */
    public List<String> listdir(String path) {
        return listdirEntities(path, true).stream().map(Entity::name).toList();
    }

    /** {@code listdir(path, ignore_hidden, get_details=True)}: the children of a server folder as records. */
    public List<Entity> listdirEntities(String path, boolean ignoreHidden) {
        return account.listdirEntities(path, ignoreHidden);
    }

    // ------------------------------------------------------------------ parsing (4.2)

    /**
     * {@code parse_data_information(data_name, technology, data_path, args=None, min_genes=1, min_counts=1,
     * mito_controls_percentage=0.25, detect_locally=False)}: the SampleData of a data folder on the
     * server (protocol 4.2). The server's parser ({@code pyapi/v1/submission/parse_data_information})
     * decides, as in the Python SDK; with {@code detectLocally} this client's technology extensions
     * detect it over the server's own listing instead. Then {@code args} and the QC filters are
     * appended.
     *
     * @throws SpatialXServerException       when the server's parser refuses the folder (its message names what is missing)
     * @throws SpatialXInvalidInputException with {@code detectLocally}, naming each missing required element and where it was looked for
     */
    @NotebookName(value = "parse_data_information", section = SUBMISSION)
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath,
                                                 ParseOptions options) {
        return parsing.parseDataInformation(dataName, technology, dataPath, options);
    }

    /** {@code parse_data_information(data_name, technology, data_path)} with the Python defaults. */
    public List<SampleData> parseDataInformation(String dataName, String technology, String dataPath) {
        return parseDataInformation(dataName, technology, dataPath, ParseOptions.defaults());
    }

    /**
     * {@code parse_multiple_samples_information(technology, data_path, sample_name_mapping={}, data_name_mapping={},
     * args=None, min_genes=1, min_counts=1, mito_controls_percentage=0.25, detect_locally=False)}: every
     * sub-folder of {@code dataPath} ({@code directory/entities}) parsed as one sample (protocol 4.2).
     * A folder that fails is reported as {@code Fail to parse data in <folder>: <error>} on the
     * connector's output and skipped.
     */
    @NotebookName(value = "parse_multiple_samples_information", section = SUBMISSION)
    public List<SampleSubmission> parseMultipleSamplesInformation(String technology, String dataPath,
                                                                  ParseMultipleOptions options) {
        return parsing.parseMultipleSamplesInformation(technology, dataPath, options);
    }

    /**
     * {@code describe_data(data_path, technology=None, data_name=None)} (not in the Python SDK): the
     * per-element report of a data folder before anything is submitted: each element found (path,
     * size), missing but optional, or missing and required (with where it was looked for), the
     * instrument software version and warnings; without a technology, which technologies match.
     */
    @NotebookName(value = "describe_data", section = SUBMISSION)
    public DetectionResult describeData(String dataPath, DescribeOptions options) {
        return parsing.describeData(dataPath, options);
    }

    /** {@code describe_data(data_path)}: detect the technology and report. */
    public DetectionResult describeData(String dataPath) {
        return describeData(dataPath, DescribeOptions.defaults());
    }

    // ------------------------------------------------------------------ studies (8.2)

    /**
     * {@code list_study(group, species, limit=50, offset=0, active=2, compare=1)}: one page of the
     * studies of a group ({@code study/list}) as the SDK's {@code Studies} table; {@code group} is a
     * display name or an id. Indexing it ({@code studies[0]}, {@code studies["ST-..."]}) opens a
     * {@link Study}, whose samples and data are objects too (protocol 8.2 - 8.4).
     */
    @NotebookName(value = "list_study", section = STUDIES)
    public Studies listStudy(String group, String species, ListStudyOptions options) {
        return studies.listStudy(group, species, options);
    }

    /** {@code list_study(group, species)} with the default page. */
    public Studies listStudy(String group, String species) {
        return listStudy(group, species, ListStudyOptions.defaults());
    }

    /**
     * The SDK's {@code Study} object of a study: {@code study/detail}, then {@code sample/detail} of
     * every sample not deleted; what indexing the {@link Studies} table opens.
     */
    public Study openStudy(String studyId) {
        return studies.openStudy(studyId, null);
    }

    /** {@code get_study_detail(study_id, limit=50, offset=0)}: the study and its samples ({@code study/detail}). */
    @NotebookName(value = "get_study_detail", section = STUDIES)
    public StudyDetail getStudyDetail(String studyId, PageOptions options) {
        return studies.getStudyDetail(studyId, options);
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
    @NotebookName(value = "rename_study", section = STUDIES)
    public Object renameStudy(String studyId, String newName) {
        return studies.renameStudy(studyId, newName);
    }

    /**
     * Deletes a study without asking ({@code study/stop_create_submit} with {@code cleanup_flg=False});
     * the notebook's {@link Study#delete()} asks for {@code Yes} first.
     */
    @NotebookName(value = "delete_study", section = STUDIES)
    public Object deleteStudy(String studyId) {
        return studies.deleteStudy(studyId);
    }

    // ------------------------------------------------------------------ samples (8.3)

    /** {@code list_sample(study_id, limit=50, offset=0, need_data=False)}: the samples of a study ({@code sample/list}). */
    @NotebookName(value = "list_sample", section = STUDIES)
    public List<SampleRecord> listSample(String studyId, ListSampleOptions options) {
        return studies.listSample(studyId, options);
    }

    /** {@code list_sample(study_id)} with the default page. */
    public List<SampleRecord> listSample(String studyId) {
        return listSample(studyId, ListSampleOptions.defaults());
    }

    /** {@code get_sample_detail(sample_id, limit=50, offset=0)}: the sample and its data ({@code sample/detail}). */
    @NotebookName(value = "get_sample_detail", section = STUDIES)
    public SampleDetail getSampleDetail(String sampleId, PageOptions options) {
        return studies.getSampleDetail(sampleId, options);
    }

    /** {@code get_sample_detail(sample_id)} with the default page. */
    public SampleDetail getSampleDetail(String sampleId) {
        return getSampleDetail(sampleId, PageOptions.defaults());
    }

    /** {@code rename_sample(sample_id, new_name)}: renames a sample ({@code sample/rename}); returns the server's answer. */
    @NotebookName(value = "rename_sample", section = STUDIES)
    public Object renameSample(String sampleId, String newName) {
        return studies.rename(Level.SAMPLE, sampleId, newName);
    }

    /**
     * {@code delete_sample(sample_id)}: deletes a sample ({@code sample/delete}); returns the server's answer.
     * No confirmation is asked.
     */
    @NotebookName(value = "delete_sample", section = STUDIES)
    public Object deleteSample(String sampleId) {
        return studies.delete(Level.SAMPLE, sampleId);
    }

    // ------------------------------------------------------------------ data (8.4 - 8.6)

    /** {@code get_sample_data_detail(data_id, limit=50, offset=0)}: the data record ({@code data/detail}, protocol 8.5). */
    @NotebookName(value = "get_sample_data_detail", section = SUBMISSION)
    public DataRecord getSampleDataDetail(String dataId, PageOptions options) {
        return studies.getSampleDataDetail(dataId, options);
    }

    /** {@code get_sample_data_detail(data_id)} with the default page. */
    public DataRecord getSampleDataDetail(String dataId) {
        return getSampleDataDetail(dataId, PageOptions.defaults());
    }

    /** {@code rename_sample_data(data_id, new_name)}: renames a data set ({@code data/rename}); returns the server's answer. */
    @NotebookName(value = "rename_sample_data", section = SUBMISSION)
    public Object renameSampleData(String dataId, String newName) {
        return studies.rename(Level.DATA, dataId, newName);
    }

    /**
     * {@code delete_sample_data(data_id)}: deletes a data set ({@code data/delete}); returns the server's
     * answer. No confirmation is asked.
     */
    @NotebookName(value = "delete_sample_data", section = SUBMISSION)
    public Object deleteSampleData(String dataId) {
        return studies.delete(Level.DATA, dataId);
    }

    /**
     * {@code Data.delete_element(element)}: deletes one element of a data set ({@code data/delete_element}).
     * Takes the element id (as listed by {@link #getSampleDataElements}); display names are not translated.
     */
    @NotebookName(value = "delete_element", section = SUBMISSION)
    public Object deleteElement(String dataId, String elementId) {
        return studies.deleteElement(dataId, elementId);
    }

    /**
     * {@code get_sample_data_elements(data_id)}: element kind to element display names (protocol 8.6):
     * the ids of {@code map_submit_result} named through the sample store's {@code elements}
     * attributes read over {@code ucc.go/}. Ids the store does not name ({@code images_alignment},
     * {@code multi_labels}, or every id when the server has no readable store) are returned as ids
     * (11.15 F).
     */
    @NotebookName(value = "get_sample_data_elements", section = SUBMISSION)
    public Map<String, List<String>> getSampleDataElements(String dataId) {
        return spatialData.elementNames(dataId);
    }

    // ------------------------------------------------------------------ reading back (7.4)

    /**
     * {@code SpatialData(data_id=...)} or {@code SpatialData(sample_id=...)}: the tables, points, shapes
     * and images of a sample store by name, read over {@code ucc.go/} when asked for (protocol 7.4).
     */
    @NotebookName("spatial_data")
    public SpatialData spatialData(SpatialDataOptions options) {
        return spatialData.open(options);
    }

    /** {@code get_anndata(data_id, table)}: one table of a data set (its only one when {@code table} is null). */
    @NotebookName("get_anndata")
    public SpatialTable getAnndata(String dataId, ExportOptions options) {
        return spatialData.table(dataId, options.table());
    }

    /**
     * {@code export_anndata(data_id, path)}: the data set's table with everything written into it
     * (analysis results included) as an {@code .h5ad} that anndata and scanpy open; returns the file.
     */
    @NotebookName("export_anndata")
    public String exportAnndata(String dataId, @LocalPath String path, ExportOptions options) {
        return spatialData.exportAnndata(dataId, path, options);
    }

    /** {@code export_obs_csv(data_id, path)}: the table's obs columns and obsm dimensions as CSV; returns the file. */
    @NotebookName("export_obs_csv")
    public String exportObsCsv(String dataId, @LocalPath String path, ExportOptions options) {
        return spatialData.exportObsCsv(dataId, path, options);
    }

    // ------------------------------------------------------------------ submissions (4.3)

    /**
     * {@code create_study(group, species, title, description="")}: creates an empty study
     * ({@code study/create}); returns its id.
     */
    @NotebookName(value = "create_study", section = SUBMISSION)
    public String createStudy(String group, String species, String title, CreateStudyOptions options) {
        return submissions.createStudy(group, species, title, options);
    }

    /** {@code create_study(group, species, title)} without description. */
    public String createStudy(String group, String species, String title) {
        return createStudy(group, species, title, CreateStudyOptions.defaults());
    }

    /**
     * {@code add_sample(study_id, sample_name, sample_data=[])}: adds a sample with its data to a study
     * ({@code sample/create}).
     */
    @NotebookName(value = "add_sample", section = SUBMISSION)
    public SubmissionResult addSample(String studyId, String sampleName, AddSampleOptions options) {
        return submissions.addSample(studyId, sampleName, options.sampleData());
    }

    /** {@code add_sample(study_id, sample_name, sample_data)}. */
    public SubmissionResult addSample(String studyId, String sampleName, List<SampleData> sampleData) {
        return addSample(studyId, sampleName, new AddSampleOptions(sampleData));
    }

    /** {@code add_sample_data(study_id, sample_id, sample_data)}: adds data to a sample ({@code data/create}). */
    @NotebookName(value = "add_sample_data", section = SUBMISSION)
    public SubmissionResult addSampleData(String studyId, String sampleId, List<SampleData> sampleData) {
        return submissions.addSampleData(studyId, sampleId, sampleData);
    }

    /**
     * {@code submit(group, species, title, sample_name, sample_data, description="", tracking=False, max_time=600)}:
     * a new study with one sample and its data ({@code create_study} then {@code add_sample}); with
     * {@code tracking}, follows the logs of every submitted data set (protocol 4.6, 11.12 F).
     */
    @NotebookName(value = "submit", section = SUBMISSION)
    public SubmissionResult submit(String group, String species, String title, String sampleName,
                                   List<SampleData> sampleData, SubmitOptions options) {
        return submissions.submit(group, species, title, sampleName, sampleData, options);
    }

    /** {@code submit(group, species, title, sample_name, sample_data)} with the defaults. */
    public SubmissionResult submit(String group, String species, String title, String sampleName,
                                   List<SampleData> sampleData) {
        return submit(group, species, title, sampleName, sampleData, SubmitOptions.defaults());
    }

    /** {@code add_multiple_samples(study_id, sample_data)}: one {@code add_sample} per entry, in order. */
    @NotebookName(value = "add_multiple_samples", section = SUBMISSION)
    public List<SubmissionResult> addMultipleSamples(String studyId, List<SampleSubmission> sampleData) {
        return submissions.addMultipleSamples(studyId, sampleData);
    }

    /** {@code submit_multiple_samples(group, species, title, sample_data, description="")}: {@code create_study} then {@code add_multiple_samples}. */
    @NotebookName(value = "submit_multiple_samples", section = SUBMISSION)
    public List<SubmissionResult> submitMultipleSamples(String group, String species, String title,
                                                        List<SampleSubmission> sampleData,
                                                        SubmitMultipleSamplesOptions options) {
        return submissions.submitMultipleSamples(group, species, title, sampleData, options);
    }

    /**
     * {@code add_custom_sample(study_id, sample_name, data_name, technology, adding_types, paths={}, args={}, kwargs={}, tracking=False, max_time=600)}:
     * adds a sample whose one data set is built from the elements given ({@code sample/create}): the
     * submission type detected from the technology (protocol 5.3), {@code identities} = {@code addingTypes} (element codes, enums or
     * strings), {@code files} from {@code paths}, and {@code ignore_technology_elements=true}
     * appended to {@code args}.
     */
    @NotebookName(value = "add_custom_sample", section = SUBMISSION)
    public SubmissionResult addCustomSample(String studyId, String sampleName, String dataName, String technology,
                                            List<?> addingTypes, AddCustomSampleOptions options) {
        return submissions.addCustomSample(studyId, sampleName, dataName, technology, addingTypes, options);
    }

    /**
     * {@code add_sample_data_element(title, data_id, adding_types, paths={}, args={}, tracking=False, max_time=600)}:
     * adds elements (a segmentation, an expression matrix) to an existing data set: reads
     * {@code data/detail} for the study and sample ids, then {@code data_extend/add} with the new elements; {@code ignore_technology_elements=true} is appended to {@code args} and
     * {@code kwargs} is forwarded (protocol 11.11 F).
     */
    @NotebookName(value = "add_sample_data_element", section = SUBMISSION)
    public SubmissionResult addSampleDataElement(String title, String dataId, List<?> addingTypes,
                                                 AddSampleDataElementOptions options) {
        return submissions.addSampleDataElement(title, dataId, addingTypes, options);
    }

    /**
     * {@code combine_multiple_datasets(study_id, data_name, technology, reference_anndata_paths,
     * included_images=None, included_segmentation=None, metadata_action="ignore")}: one data set combining
     * the annotated data of other samples, in the sample {@code Default combined samples}
     * ({@code sample/create}, protocol 4.3). {@code studyId} may instead be a list of data ids: each is read
     * ({@code data/detail}, {@code sample/detail}) to build the triples, with element ids (11.19 F).
     */
    @NotebookName(value = "combine_multiple_datasets", section = SUBMISSION)
    public SubmissionResult combineMultipleDatasets(Object studyId, String dataName, String technology,
                                                    CombineMultipleDatasetsOptions options) {
        if (studyId instanceof List<?> dataIds) {
            return submissions.combineMultipleDatasets(dataIds.stream().map(String::valueOf).toList(), dataName,
                    technology, options);
        }
        if (!(studyId instanceof String id)) {
            throw new SpatialXInvalidInputException("combine_multiple_datasets takes a study id (ST-...) or a list of "
                    + "data ids (DA-...) first; got " + (studyId == null ? "None" : studyId.getClass().getSimpleName()) + ".");
        }
        return submissions.combineMultipleDatasets(id, dataName, technology, options);
    }

    /** {@code combine_multiple_datasets(data_ids, data_name, technology, ...)}: the data sets by id (see above). */
    public SubmissionResult combineMultipleDatasets(List<String> dataIds, String dataName, String technology,
                                                    CombineMultipleDatasetsOptions options) {
        return submissions.combineMultipleDatasets(dataIds, dataName, technology, options);
    }

    /**
     * The {@code tracking=True} of the submission calls (protocol 4.6): reads the study's
     * {@code data_path}, then follows {@code {data_path}/submit/{submit_id}/submission.log} of every
     * submitted data set in turn (not only the first, 11.12 F), printing new lines to the options'
     * tracking output. Each log gets {@code maxTime} seconds.
     */
    public List<TrackedLog> trackSubmission(SubmissionResult result, TrackingOptions options) {
        return submissions.trackSubmission(result, options);
    }

    // ------------------------------------------------------------------ uploads (3)

    /**
     * The uploader behind {@code upload_file}, {@code upload_big_file} and {@code upload_folder}, built
     * from {@link ConnectorOptions#uploads()} and {@link ConnectorOptions#uploadProgress()}.
     */
    public Uploader uploader() {
        return uploader;
    }

    /**
     * {@code upload_file(file_path, server_folder_name="", upload_id="", is_chunk=False)}: uploads a small file
     * in one request ({@code upload/simple}).
     */
    @NotebookName(value = "upload_file", section = UPLOADS)
    public Map<String, Object> uploadFile(@LocalPath String filePath, UploadFileOptions options) {
        return uploader.uploadFile(Path.of(filePath), options);
    }

    /** {@code upload_file(file_path)} with the Python defaults. */
    public Map<String, Object> uploadFile(@LocalPath String filePath) {
        return uploadFile(filePath, UploadFileOptions.defaults());
    }

    /**
     * {@code upload_big_file(file_path, chunk_size=0, debug_mode=False, ...)}: uploads a file of any size, in
     * chunks (protocol 3.4).
     */
    @NotebookName(value = "upload_big_file", section = UPLOADS)
    public Map<String, Object> uploadBigFile(@LocalPath String filePath, UploadBigFileOptions options) {
        return uploader.uploadBigFile(Path.of(filePath), options);
    }

    /** {@code upload_big_file(file_path)} with the Python defaults. */
    public Map<String, Object> uploadBigFile(String filePath) {
        return uploadBigFile(filePath, UploadBigFileOptions.defaults());
    }

    /**
     * {@code upload_folder(dir_path, chunk_size=0, debug_mode=False, ...)}: uploads a folder and everything in
     * it, in one session (protocol 3.5).
     */
    @NotebookName(value = "upload_folder", section = UPLOADS)
    public Map<String, Object> uploadFolder(@LocalPath String dirPath, UploadFolderOptions options) {
        return uploader.uploadFolder(Path.of(dirPath), options);
    }

    /** {@code upload_folder(dir_path)} with the Python defaults. */
    public Map<String, Object> uploadFolder(String dirPath) {
        return uploadFolder(dirPath, UploadFolderOptions.defaults());
    }

    // ------------------------------------------------------------------ Lens conversion (9)

    /**
     * {@code list_lens_sc_studies(host, token, group, species)}: the studies of {@code group} on a
     * BioTuring Lens SC server (its own transport: {@code bioturing-api-token}, {@code <host>api/v1/}),
     * each with {@code species} and the SpatialX {@code group_id} set, ready for
     * {@link #convertDataFromLens}. Prints the connection test as the SDK does.
     */
    @NotebookName(value = "list_lens_sc_studies", section = LENS)
    public List<Map<String, Object>> listLensScStudies(String host, String token, String group, String species) {
        return lens.listStudies(host, token, group, species);
    }

    /** {@code list_lens_bulk_studies(host, token, group, species)}: the same for a Lens Bulk server (protocol 9.3). */
    @NotebookName(value = "list_lens_bulk_studies", section = LENS)
    public List<Map<String, Object>> listLensBulkStudies(String host, String token, String group, String species) {
        return lens.listStudies(host, token, group, species);
    }

    /**
     * {@code convert_data_from_lens(study_info)}: one {@code study/convert_from_lens} per Lens study
     * record (one record or a list), creating study {@code ST-<id>}; returns the server's answers, one
     * per record (protocol 9.3, 11.17 F).
     */
    @NotebookName(value = "convert_data_from_lens", section = LENS)
    public List<Object> convertDataFromLens(Object studyInfo) {
        return lens.convertDataFromLens(studyInfo);
    }

    // Analyses (issue 12) arrive as their own endpoints class taking the transport and the tracker
    // for analysis logs, composed in the constructor like the above.

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
