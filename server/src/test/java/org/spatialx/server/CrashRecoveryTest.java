package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.job.JobRecord;
import org.spatialx.server.job.JobState;

/** A server process killed with SIGKILL mid-job: the next start recovers its home. */
class CrashRecoveryTest {

    @TempDir
    Path home;

    @Test
    void aKilledServersRunningJobIsMarkedFailedAndItsDataIsIntact() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashingServerMain.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        String[] ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY "));
            assertTrue(line != null, "the child server did not start");
            ready = line.split(" ");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long jobId = Long.parseLong(ready[1]);
        String studyId = ready[2];
        Path log = Path.of(ready[3]);
        assertTrue(Files.exists(home.resolve("server.json")), "a crash leaves server.json behind");

        try (LocalServer again = LocalServer.startOrReuse(LocalServerConfig.defaults().withHome(home))) {
            assertFalse(again.reused(), "the dead server is not reused");
            assertEquals("crash", again.token());
            JobRecord job = again.jobs().find(jobId);
            assertEquals(JobState.FAILED, job.state());
            ProtocolClient client = new ProtocolClient(again);
            String text = client.gateway(log.toString()).text();
            assertTrue(text.contains("started, waiting for the kill"), text);
            assertTrue(text.contains("FAILED: the server stopped while this job was running"), text);
            assertEquals("crash", client.get("openapi/study/detail", map("key", studyId)).ok().at("/study/title").asText());
            assertEquals(1, client.postForm("openapi/study/list", map("group_id", ServerFixture.personalGroup(client),
                    "species", "human")).ok().get("total").asInt());
        }
    }
}
