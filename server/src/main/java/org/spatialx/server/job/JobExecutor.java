package org.spatialx.server.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.server.storage.OwnerOnly;
import org.spatialx.server.store.Database;
import org.spatialx.server.store.Sql;

/**
 * Runs {@link Job}s on a bounded pool and keeps their state in the database. Each job writes its
 * log at the path it was given (protocol 2.3) and the log ends with {@code DONE.} or a
 * {@code FAILED:} line. At start-up, jobs left {@code queued} or {@code running} by a previous
 * process (a crash or a stop) are marked failed, with a line saying so appended to their log:
 * no job stays "processing" forever.
 */
public final class JobExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Last line of a failed job. The phrase "maximum retry limit" makes Python's tracker stop (protocol 4.6). */
    static final String FAILURE_SUFFIX = " (job stopped, maximum retry limit reached: submit again after fixing the cause)";

    private final Database database;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<String, JobListener> listeners = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public JobExecutor(Database database, Clock clock, int concurrency) {
        this.database = database;
        this.clock = clock;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "spatialx-job-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the listener told when a job of {@code kind} finishes (also for jobs failed by recovery). */
    public void onFinished(String kind, JobListener listener) {
        listeners.put(kind, listener);
    }

    /**
     * Records a queued job inside the caller's transaction (so its id can be returned with the
     * records that reference it); call {@link #start} after the commit.
     */
    public long create(Connection connection, String kind, String targetId, Path logPath) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO jobs(kind, target_id, log_path, state, created_at) VALUES (?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind);
            ps.setString(2, targetId);
            ps.setString(3, logPath.toString());
            ps.setString(4, JobState.QUEUED.stored());
            ps.setLong(5, now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Creates and starts a job in one step; returns its id. */
    public long submit(String kind, String targetId, Path logPath, Job job) {
        long id = database.write(c -> create(c, kind, targetId, logPath));
        start(id, job);
        return id;
    }

    /** Queues a job created with {@link #create}. */
    public void start(long jobId, Job job) {
        JobRecord record = find(jobId);
        if (record == null) {
            throw new IllegalArgumentException("no job " + jobId);
        }
        pool.execute(() -> run(record, job));
    }

    private void run(JobRecord record, Job job) {
        Path logPath = Path.of(record.logPath());
        setState(record.jobId(), JobState.RUNNING, "", true);
        JobState state = JobState.DONE;
        String message = "";
        try (BufferedWriter log = openLog(logPath)) {
            JobContext context = new JobContext() {
                @Override
                public long jobId() {
                    return record.jobId();
                }

                @Override
                public Path logPath() {
                    return logPath;
                }

                @Override
                public void log(String line) {
                    try {
                        synchronized (log) {
                            log.write("[" + TIME.format(clock.instant()) + "] " + line + "\n");
                            log.flush();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot write the job log " + logPath + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public boolean cancelled() {
                    return closing || Thread.currentThread().isInterrupted();
                }
            };
            String lastLine;
            try {
                job.run(context);
                if (closing) {
                    return; // interrupted by shutdown: recovery at the next start reports it
                }
                lastLine = "DONE.";
            } catch (Exception | Error e) {
                if (closing) {
                    return;
                }
                state = JobState.FAILED;
                message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                lastLine = "FAILED: " + message + FAILURE_SUFFIX;
                if (!(e instanceof Exception)) {
                    LOG.error("job {} failed", record.jobId(), e);
                }
            }
            // The record and the listener's bookkeeping (a failed ingestion's data back to CREATED) settle before
            // the log's last line: a client that watches the log for DONE./FAILED: then reads settled records.
            settle(record.jobId(), state, message);
            log.write(lastLine + "\n");
            log.flush();
        } catch (IOException e) {
            if (find(record.jobId()).state() != JobState.RUNNING) {
                LOG.warn("job {}: cannot write the last line of its log {}: {}", record.jobId(), logPath, e.getMessage());
                return;
            }
            settle(record.jobId(), JobState.FAILED, "cannot write the job log " + logPath + ": " + e.getMessage());
            LOG.error("job {}: cannot write the job log {}: {}", record.jobId(), logPath, e.getMessage());
        }
    }

    private void settle(long jobId, JobState state, String message) {
        setState(jobId, state, message, false);
        notifyListener(find(jobId));
    }

    private static BufferedWriter openLog(Path logPath) throws IOException {
        OwnerOnly.createDirectories(logPath.getParent());
        if (!Files.exists(logPath)) {
            OwnerOnly.createFile(logPath);
        }
        return Files.newBufferedWriter(logPath, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Marks jobs that a previous process left queued or running as failed and appends the reason to
     * their logs; returns them (listeners have been told).
     */
    public List<JobRecord> recoverInterrupted() {
        List<JobRecord> stale = database.read(c -> query(c, "SELECT * FROM jobs WHERE state IN (?, ?)",
                JobState.QUEUED.stored(), JobState.RUNNING.stored()));
        List<JobRecord> failed = new ArrayList<>();
        for (JobRecord job : stale) {
            String message = "the server stopped while this job was " + job.state().stored()
                    + " (interrupted by a restart or crash)";
            settle(job.jobId(), JobState.FAILED, message);
            failed.add(find(job.jobId()));
            try (BufferedWriter log = openLog(Path.of(job.logPath()))) {
                log.write("[" + TIME.format(clock.instant()) + "] Server restarted.\n");
                log.write("FAILED: " + message + FAILURE_SUFFIX + "\n");
            } catch (IOException e) {
                LOG.warn("cannot append to {}: {}", job.logPath(), e.getMessage());
            }
        }
        return failed;
    }

    private void notifyListener(JobRecord job) {
        JobListener listener = listeners.get(job.kind());
        if (listener != null) {
            try {
                listener.finished(job);
            } catch (RuntimeException e) {
                LOG.error("listener of job {} failed", job.jobId(), e);
            }
        }
    }

    /** The job's state, or null for an unknown id. */
    public JobRecord find(long jobId) {
        List<JobRecord> found = database.read(c -> query(c, "SELECT * FROM jobs WHERE job_id = ?", jobId));
        return found.isEmpty() ? null : found.get(0);
    }

    private void setState(long jobId, JobState state, String message, boolean starting) {
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(starting
                    ? "UPDATE jobs SET state=?, message=?, started_at=? WHERE job_id=?"
                    : "UPDATE jobs SET state=?, message=?, finished_at=? WHERE job_id=?")) {
                ps.setString(1, state.stored());
                ps.setString(2, message);
                ps.setLong(3, now());
                ps.setLong(4, jobId);
                return ps.executeUpdate();
            }
        });
    }

    private static List<JobRecord> query(Connection c, String sql, Object... args) throws SQLException {
        List<JobRecord> out = new ArrayList<>();
        for (Map<String, Object> row : Sql.all(c, sql, args)) {
            out.add(new JobRecord(((Number) row.get("job_id")).longValue(), (String) row.get("kind"),
                    (String) row.get("target_id"), (String) row.get("log_path"),
                    JobState.ofStored((String) row.get("state")), (String) row.get("message")));
        }
        return out;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** Stops running jobs (their state stays as is and is recovered at the next start). */
    @Override
    public void close() {
        closing = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
