package org.spatialx.server.lens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.spatialx.api.CombinedTechnologies;
import org.spatialx.api.Species;
import org.spatialx.api.StudyStatus;
import org.spatialx.api.StudyType;
import org.spatialx.api.SampleData;
import org.spatialx.api.SubmissionResult;
import org.spatialx.api.SubmissionType;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.http.ApiRequest;
import org.spatialx.server.http.ApiServer;
import org.spatialx.server.http.Endpoints;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.study.Catalog;
import org.spatialx.server.study.Groups;
import org.spatialx.server.study.StudyApi;
import org.spatialx.server.submission.SubmissionApi;

/**
 * {@code study/convert_from_lens} (protocol 2.1 #28, 9.3): a form with {@code study_id}
 * ({@code ST-<lens id>}), {@code title}, {@code group_id}, {@code species} and
 * {@code lens_data_path} (the Lens id). The study is created (or revived when it was deleted, or
 * reused when it exists) with one sample, named after the title, and one data set whose job converts
 * the study offline ({@link LensConversionJob}). Answers the submission result (protocol 4.4).
 */
public final class LensConversionApi implements Endpoints {

    /** Lens says {@code primate} where SpatialX says {@code nonHumanPrimate} (protocol 9.3). */
    private static final String LENS_PRIMATE = "primate";

    private final Database database;
    private final Catalog catalog;
    private final Groups groups;
    private final Mounts mounts;
    private final SubmissionApi submissions;
    private final Path studiesRoot;
    private final Clock clock;

    public LensConversionApi(Database database, Catalog catalog, Groups groups, Mounts mounts, SubmissionApi submissions,
                             Path studiesRoot, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.groups = groups;
        this.mounts = mounts;
        this.submissions = submissions;
        this.studiesRoot = studiesRoot;
        this.clock = clock;
    }

    @Override
    public void register(ApiServer server) {
        server.post("openapi/study/convert_from_lens", this::convert);
    }

    private SubmissionResult convert(ApiRequest r) throws IOException {
        String studyId = r.required("study_id").trim();
        String lensId = r.required("lens_data_path").trim();
        String title = r.required("title").trim();
        String groupId = groups.resolve(r.required("group_id"));
        String speciesText = r.required("species");
        Species species = StudyApi.species(LENS_PRIMATE.equals(speciesText) ? Species.NON_HUMAN_PRIMATE.value()
                : speciesText);
        if (!studyId.startsWith("ST-") || lensId.isEmpty() || lensId.contains("/") || lensId.startsWith(".")) {
            throw ApiException.badRequest("study/convert_from_lens needs study_id = 'ST-' + the Lens study id and "
                    + "lens_data_path = that id (protocol 9.3); got study_id '" + studyId + "', lens_data_path '"
                    + lensId + "'.");
        }
        Path dataPath = Files.createDirectories(studiesRoot.resolve(studyId));
        long now = clock.instant().getEpochSecond();
        database.write(c -> {
            if (!catalog.studyExists(c, studyId)) {
                catalog.insertStudy(c, studyId, groupId, species, title, "Converted from BioTuring Lens (" + lensId + ")",
                        StudyType.SPATIAL_STUDY_TYPE_NUMBER.value(), dataPath, now);
            } else {
                // Converting again (after a failed attempt, or a deleted study) brings the study back.
                Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ? AND status = ?",
                        StudyStatus.CREATED_STATUS.value(), now, studyId, StudyStatus.DELETE_STATUS.value());
            }
            return null;
        });
        String technology = CombinedTechnologies.SINGLE_CELL_TRANSCRIPTOMICS.value();
        SampleData data = new SampleData(title, SubmissionType.detect(technology).value(), technology, List.of(),
                List.of(), List.of(), List.of(), List.of());
        return submissions.addSample(studyId, title, List.of(data), submitId -> new LensConversionJob(database, catalog,
                mounts, lensId, submitId, submissions.receiveJob(submitId), clock));
    }
}
