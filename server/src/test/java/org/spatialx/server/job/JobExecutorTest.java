package org.spatialx.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.store.Database;

class JobExecutorTest {

    @TempDir
    Path home;

    /**
     * Clients follow a job by its log (protocol 2.3): when the log ends, the job's record and whatever its
     * listener settles (a failed ingestion's data back to CREATED) must already be final.
     */
    @Test
    void theLogEndsOnlyAfterTheStateAndTheListenerHaveSettled() throws Exception {
        Map<Long, String> logSeenByListener = new ConcurrentHashMap<>();
        Map<Long, JobState> stateSeenByListener = new ConcurrentHashMap<>();
        try (Database database = Database.open(home.resolve("spatialx.db"));
                JobExecutor jobs = new JobExecutor(database, Clock.systemUTC(), 2)) {
            jobs.onFinished("test", finished -> {
                try {
                    Thread.sleep(200); // a slow listener widens the window a client could read in
                    logSeenByListener.put(finished.jobId(), Files.readString(Path.of(finished.logPath())));
                    stateSeenByListener.put(finished.jobId(), finished.state());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long done = jobs.submit("test", "t1", home.resolve("done.log"), context -> context.log("working"));
            long failed = jobs.submit("test", "t2", home.resolve("failed.log"), context -> {
                throw new IllegalArgumentException("file 'images' not found");
            });

            String doneLog = awaitLastLine(home.resolve("done.log"));
            String failedLog = awaitLastLine(home.resolve("failed.log"));

            assertTrue(doneLog.strip().endsWith("DONE."), doneLog);
            assertTrue(failedLog.contains("FAILED: file 'images' not found"), failedLog);
            assertEquals(JobState.DONE, jobs.find(done).state());
            assertEquals(JobState.FAILED, jobs.find(failed).state());
            assertEquals(JobState.DONE, stateSeenByListener.get(done));
            assertEquals(JobState.FAILED, stateSeenByListener.get(failed));
            assertTrue(logSeenByListener.get(done).contains("working"), logSeenByListener.get(done));
            assertFalse(logSeenByListener.get(done).contains("DONE."), "the log ended before its listener ran");
            assertFalse(logSeenByListener.get(failed).contains("FAILED:"), "the log ended before its listener ran");
        }
    }

    /** Polls the log as a client does, until its last line is written. */
    private static String awaitLastLine(Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("DONE.") || text.contains("FAILED:")) {
                return text;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the log " + log + " did not end");
    }
}
