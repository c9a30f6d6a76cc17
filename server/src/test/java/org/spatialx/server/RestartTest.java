package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.job.JobRecord;
import org.spatialx.server.job.JobState;

/** Restarts: data and token survive, interrupted jobs end failed, one server per home, startOrReuse. */
class RestartTest {

    @TempDir
    Path home;

    @Test
    void studiesSamplesUploadsAndTheTokenSurviveARestart() throws Exception {
        String token;
        String studyId;
        String sampleId;
        Path stored;
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken(null))) {
            token = server.token();
            assertTrue(token.matches("[0-9a-f]{48}"), "generated token");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("token"))));
            ProtocolClient client = new ProtocolClient(server);
            studyId = ServerFixture.createStudy(client, "durable");
            sampleId = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "s", "data", List.of()))
                    .ok().get("sample_id").asText();
            Path local = ProtocolClient.randomFile(home.resolve("../local.bin").normalize(), 3000, 1);
            stored = Path.of(client.uploadFile(local, "keep", "", false).get("path").asText());
        }
        try (LocalServer again = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken(null))) {
            assertEquals(token, again.token(), "the stored token is reused");
            ProtocolClient client = new ProtocolClient(again);
            assertEquals("durable", client.get("openapi/study/detail", map("key", studyId)).ok().at("/study/title").asText());
            assertEquals(sampleId, client.get("openapi/sample/list", map("key", studyId)).ok().at("/list/0/sample_id")
                    .asText());
            assertEquals(3000, Files.size(stored));
            assertEquals(1, Files.list(home.resolve("Upload/keep")).count());
        }
    }

    @Test
    void aJobInterruptedByAStopIsMarkedFailedWithALogLineAtTheNextStart() throws Exception {
        Path log;
        long jobId;
        CountDownLatch running = new CountDownLatch(1);
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            String studyId = ServerFixture.createStudy(new ProtocolClient(server), "jobs");
            log = home.resolve("studies").resolve(studyId).resolve("analysis/AN-TEST/analysis.log");
            jobId = server.jobs().submit("test.block", "AN-TEST", log, context -> {
                context.log("working");
                running.countDown();
                while (!context.cancelled()) {
                    Thread.sleep(10);
                }
            });
            assertTrue(running.await(30, TimeUnit.SECONDS));
            assertEquals(JobState.RUNNING, server.jobs().find(jobId).state());
        }
        try (LocalServer again = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            JobRecord job = again.jobs().find(jobId);
            assertEquals(JobState.FAILED, job.state());
            assertTrue(job.message().contains("interrupted by a restart"), job.message());
            String text = new ProtocolClient(again).gateway(log.toString()).text();
            assertTrue(text.contains("working"), text);
            assertTrue(text.strip().endsWith("submit again after fixing the cause)"), text);
            assertTrue(text.contains("FAILED: the server stopped while this job was running"), text);
        }
    }

    @Test
    void aSubmissionInterruptedByAStopLeavesNoDataProcessing() throws Exception {
        String dataId;
        String studyId;
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t")
                .withJobConcurrency(1))) {
            ProtocolClient client = new ProtocolClient(server);
            studyId = ServerFixture.createStudy(client, "s");
            // occupy the only job slot so the submission stays queued
            CountDownLatch running = new CountDownLatch(1);
            server.jobs().submit("test.block", "X", home.resolve("block.log"), context -> {
                running.countDown();
                while (!context.cancelled()) {
                    Thread.sleep(10);
                }
            });
            assertTrue(running.await(30, TimeUnit.SECONDS));
            JsonNode result = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "s",
                    "data", List.of(map("name", "d", "submission_type", "SUBMIT_SPATIAL_BULK", "technology", "VISIUM",
                            "files", List.of(), "folders", List.of(), "args", List.of(), "kwargs", List.of(),
                            "identities", List.of())))).ok();
            dataId = result.at("/sample_data/0/data_id").asText();
            assertEquals(2, client.get("openapi/data/detail", map("key", dataId)).ok().get("enable_status").asInt());
        }
        try (LocalServer again = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            ProtocolClient client = new ProtocolClient(again);
            JsonNode data = client.get("openapi/data/detail", map("key", dataId)).ok();
            assertNotEquals(2, data.get("enable_status").asInt(), "never left processing");
            String log = client.gateway(data.get("sub_log_path").asText()).text();
            assertTrue(log.contains("FAILED: the server stopped while this job was queued"), log);
            assertEquals(1, client.get("openapi/study/detail", map("key", studyId)).ok().at("/study/status").asInt());
        }
    }

    @Test
    void oneServerPerHomeAndStartOrReuseFindsTheRunningOne() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("tok"))) {
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> LocalServer.start(LocalServerConfig.defaults().withHome(home)));
            assertTrue(twice.getMessage().contains("already running for home"), twice.getMessage());
            try (LocalServer reused = LocalServer.startOrReuse(home)) {
                assertTrue(reused.reused());
                assertEquals(server.url(), reused.url());
                assertEquals("tok", reused.token());
            }
            // closing the reused handle did not stop the server
            new ProtocolClient(server).get("openapi/account/info").ok();
        }
        assertTrue(!Files.exists(home.resolve("server.json")), "server.json is removed at stop");
        try (LocalServer fresh = LocalServer.startOrReuse(home)) {
            assertTrue(!fresh.reused());
            new ProtocolClient(fresh).get("openapi/account/info").ok();
        }
    }

    @Test
    void theSchemaIsVersioned() throws Exception {
        try (LocalServer ignored = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            assertTrue(Files.exists(home.resolve("spatialx.db")));
        }
        try (var db = org.spatialx.server.store.Database.open(home.resolve("spatialx.db"))) {
            assertEquals(2, db.schemaVersion());
        }
    }
}
