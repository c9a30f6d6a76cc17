package org.spatialx.server.submission;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.spatialx.api.EnableStatus;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.StudyStatus;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.server.job.Job;
import org.spatialx.server.job.JobContext;
import org.spatialx.server.storage.Mounts;
import org.spatialx.server.storage.StorageException;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;
import org.spatialx.server.store.Ulid;
import org.spatialx.server.study.Catalog;
import org.spatialx.server.study.SubmissionState;

/**
 * The submission job of a server without ingestion: checks that every file and folder of the
 * SampleData exists inside a mount, registers one element per recognised key, and marks the data
 * "received" (ready, 100 %). Fails with a line naming the missing path otherwise.
 */
final class ReceiveSubmissionJob implements Job {

    /** Element kind (protocol 5.12) for a SampleData key (protocol 5.10); other keys are inputs, not elements. */
    private static final Map<String, String> ELEMENT_KINDS = Map.ofEntries(
            kind(SubmissionElementKeys.IMAGES, SpatialAttrs.IMAGES_ELEMENT),
            kind(SubmissionElementKeys.PROTEIN_IMAGES, SpatialAttrs.PROTEIN_IMAGES_ELEMENT),
            kind(SubmissionElementKeys.SEGMENTATION, SpatialAttrs.SEGMENTATION_ELEMENT),
            kind(SubmissionElementKeys.TRANSCRIPTS, SpatialAttrs.TRANSCRIPTS_ELEMENT),
            kind(SubmissionElementKeys.CELL_CENTERS, SpatialAttrs.CELL_CENTERS_ELEMENT),
            kind(SubmissionElementKeys.EXPRESSION, SpatialAttrs.ANNOTATED_DATA),
            kind(SubmissionElementKeys.MATRIX, SpatialAttrs.ANNOTATED_DATA),
            kind(SubmissionElementKeys.ALIGNMENT, SpatialAttrs.IMAGES_ALIGNMENT_ELEMENT),
            kind(SubmissionElementKeys.TISSUE_POSITIONS, SpatialAttrs.SPOT_ELEMENT));

    private static Map.Entry<String, String> kind(SubmissionElementKeys key, SpatialAttrs kind) {
        return Map.entry(key.value(), kind.value());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database database;
    private final Catalog catalog;
    private final Mounts mounts;
    private final Ulid ids;
    private final String submitId;
    private final Clock clock;

    ReceiveSubmissionJob(Database database, Catalog catalog, Mounts mounts, Ulid ids, String submitId, Clock clock) {
        this.database = database;
        this.catalog = catalog;
        this.mounts = mounts;
        this.ids = ids;
        this.submitId = submitId;
        this.clock = clock;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Map<String, Object> data = database.read(c -> Sql.one(c, "SELECT * FROM data WHERE submit_id = ?", submitId));
        if (data == null) {
            throw new IllegalStateException("submission " + submitId + " has no data record");
        }
        String dataId = (String) data.get("data_id");
        context.log("Submission " + submitId + " of data '" + data.get("title") + "' (" + data.get("technology")
                + ", " + data.get("submission_type") + ") received; checking its inputs.");
        database.write(c -> Sql.update(c, "UPDATE submissions SET state = ? WHERE submit_id = ?",
                SubmissionState.RUNNING.stored(), submitId));
        List<KeyValue> files = keyValues((String) data.get("files"));
        List<KeyValue> folders = keyValues((String) data.get("folders"));
        for (KeyValue kv : files) {
            Path path = mounts.resolveAbsolute(String.valueOf(kv.value()));
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("file '" + kv.key() + "' not found: " + kv.value()
                        + ". Upload it first and submit again with its server path.");
            }
            requireReadable(kv.key(), path, false);
            context.log("  " + kv.key() + ": " + path + " (" + Files.size(path) + " bytes)");
        }
        for (KeyValue kv : folders) {
            Path path = mounts.resolveAbsolute(String.valueOf(kv.value()));
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("folder '" + kv.key() + "' not found: " + kv.value()
                        + ". Upload it first (upload_folder) and submit again with its server path.");
            }
            requireReadable(kv.key(), path, true);
            context.log("  " + kv.key() + ": " + path + " (folder)");
        }
        int registered = database.write(c -> {
            int n = 0;
            for (KeyValue kv : concat(files, folders)) {
                String kind = ELEMENT_KINDS.get(kv.key());
                if (kind != null) {
                    String path = String.valueOf(kv.value());
                    Sql.update(c, "INSERT INTO elements(element_id, data_id, submit_id, kind, name, path, created_at)"
                                    + " VALUES (?,?,?,?,?,?,?)", ids.next(), dataId, submitId, kind,
                            Path.of(path).getFileName().toString(), path, now());
                    n++;
                }
            }
            Sql.update(c, "UPDATE submissions SET state = ?, updated_at = ? WHERE submit_id = ?",
                    SubmissionState.RECEIVED.stored(), now(), submitId);
            Sql.update(c, "UPDATE data SET enable_status = ?, percent = 100, updated_at = ? WHERE data_id = ?"
                    + " AND enable_status < ?", EnableStatus.READY_TO_USE.value(), now(), dataId,
                    EnableStatus.DELETED.value());
            catalog.refreshSubmitResult(c, dataId, now());
            settleStatuses(c, (String) data.get("study_id"), (String) data.get("sample_id"), now());
            return n;
        });
        context.log("Registered " + registered + " element(s). No ingestion is installed on this server: the data "
                + "is stored as received.");
    }

    /** Opens the file (lists the folder) once: existing is not enough, the data must be readable. */
    private static void requireReadable(String key, Path path, boolean folder) {
        try {
            if (folder) {
                Files.newDirectoryStream(path).close();
            } else {
                FileChannel.open(path, StandardOpenOption.READ).close();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException((folder ? "folder '" : "file '") + key + "' cannot be read: "
                    + StorageException.of(path.toString(), e, "").getMessage() + " Then submit again.", e);
        }
    }

    /** Sample and study leave "processing" once none of their data is processing. */
    static void settleStatuses(Connection c, String studyId, String sampleId, long now) throws SQLException {
        int processing = EnableStatus.PROCESSING.value();
        if (Sql.count(c, "SELECT COUNT(*) FROM data WHERE sample_id = ? AND enable_status = ?", sampleId,
                processing) == 0) {
            Sql.update(c, "UPDATE samples SET enable_status = ?, updated_at = ? WHERE sample_id = ?"
                    + " AND enable_status = ?", EnableStatus.READY_TO_USE.value(), now, sampleId, processing);
        }
        if (Sql.count(c, "SELECT COUNT(*) FROM data WHERE study_id = ? AND enable_status = ?", studyId,
                processing) == 0) {
            Sql.update(c, "UPDATE studies SET status = ?, updated_at = ? WHERE study_id = ? AND status = ?",
                    StudyStatus.SUCCESS_STATUS.value(), now, studyId, StudyStatus.PROCESSING_STATUS.value());
        }
    }

    private static List<KeyValue> keyValues(String text) throws Exception {
        return List.of(JSON.readValue(text, KeyValue[].class));
    }

    private static List<KeyValue> concat(List<KeyValue> a, List<KeyValue> b) {
        List<KeyValue> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
