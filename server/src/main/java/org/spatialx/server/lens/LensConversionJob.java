package org.spatialx.server.lens;

import java.time.Clock;
import org.spatialx.api.CombinedTechnologies;
import org.spatialx.api.SubmissionType;
import org.spatialx.server.job.Job;
import org.spatialx.server.job.JobContext;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.study.Catalog;

/**
 * Converts one Lens study offline: finds its exported files under the mounts
 * ({@link LensStudyFiles}), records them as the data set's inputs, then receives them as any
 * submission is received (the submission job decides what becomes of them). Fails with a line
 * saying what offline conversion needs when the files are not there.
 */
final class LensConversionJob implements Job {

    private final Database database;
    private final Catalog catalog;
    private final Mounts mounts;
    private final String lensId;
    private final String submitId;
    private final Job receive;
    private final Clock clock;

    LensConversionJob(Database database, Catalog catalog, Mounts mounts, String lensId, String submitId, Job receive,
                      Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.mounts = mounts;
        this.lensId = lensId;
        this.submitId = submitId;
        this.receive = receive;
        this.clock = clock;
    }

    @Override
    public void run(JobContext context) throws Exception {
        context.log("Converting Lens study " + lensId + ": looking for its exported files in the mounted folders.");
        LensStudyFiles found = LensStudyFiles.find(mounts, lensId)
                .orElseThrow(() -> new IllegalStateException(LensStudyFiles.whatIsNeeded(mounts, lensId)));
        context.log("Found " + found.folder() + ".");
        // Lens studies are expression matrices without positions (protocol 5.2, 5.3).
        String technology = CombinedTechnologies.SINGLE_CELL_TRANSCRIPTOMICS.value();
        long now = clock.instant().getEpochSecond();
        database.write(c -> Sql.update(c, "UPDATE data SET technology = ?, submission_type = ?, files = ?, folders = ?,"
                        + " updated_at = ? WHERE submit_id = ?", technology, SubmissionType.detect(technology).value(),
                catalog.write(found.files()), catalog.write(found.folders()), now, submitId));
        receive.run(context);
    }
}
