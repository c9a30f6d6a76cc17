package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 20 clients at once create studies, upload (chunked and simple) and submit: nothing is lost. */
class ConcurrentClientsTest {

    static final int CLIENTS = 20;

    @TempDir
    Path temp;

    record Outcome(String studyId, String dataId, String submitId, String serverPath, String localSha) {
    }

    @Test
    void twentyConcurrentClientsLoseNothing() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home"))
                .withToken("t"))) {
            CyclicBarrier together = new CyclicBarrier(CLIENTS);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int n = 0; n < CLIENTS; n++) {
                int id = n;
                Callable<Outcome> work = () -> {
                    ProtocolClient client = new ProtocolClient(server);
                    // sizes around the chunk threshold: half simple uploads, half chunked ones
                    long size = id % 2 == 0 ? 700_000L + id : 2L * 1_048_576 + id * 1000L;
                    Path local = ProtocolClient.randomFile(temp.resolve("local/c" + id + "/data-" + id + ".bin"), size, id);
                    together.await();
                    String studyId = ServerFixture.createStudy(client, "client " + id);
                    JsonNode uploaded = client.uploadBigFile(local, 0, "client-" + id, null, true, false);
                    String path = uploaded.get("path").asText();
                    JsonNode result = client.postJson("openapi/sample/create", map("study_id", studyId, "name",
                            "sample " + id, "data", List.of(map("name", "data " + id, "submission_type",
                                    "SUBMIT_OTHERS_FORMAT_DATA", "technology", "SPATIALDATA_RDS",
                                    "files", List.of(map("key", "annotated_data", "value", path)), "folders", List.of(),
                                    "args", List.of(), "kwargs", List.of(), "identities", List.of())))).ok();
                    return new Outcome(studyId, result.at("/sample_data/0/data_id").asText(),
                            result.get("submit_id").asText(), path, ProtocolClient.sha256(local));
                };
                futures.add(pool.submit(work));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            pool.shutdown();

            ProtocolClient client = new ProtocolClient(server);
            JsonNode listed = client.postForm("openapi/study/list", map("group_id", ServerFixture.personalGroup(client),
                    "species", "human", "limit", 50, "offset", 0, "active", 2, "compare", 1)).ok();
            assertEquals(CLIENTS, listed.get("total").asInt());
            Set<String> listedIds = new HashSet<>();
            listed.get("list").forEach(s -> listedIds.add(s.get("study_id").asText()));
            Map<String, String> expectedSha = new HashMap<>();
            for (Outcome o : outcomes) {
                expectedSha.put(o.serverPath(), o.localSha());
                assertEquals(true, listedIds.contains(o.studyId()), o.studyId());
                String log = ServerFixture.awaitLog(client, ServerFixture.submissionLog(client, o.studyId(), o.submitId()));
                assertEquals(true, log.strip().endsWith("DONE."), log);
                JsonNode data = client.get("openapi/data/detail", map("key", o.dataId())).ok();
                assertEquals(1, data.get("enable_status").asInt());
                assertEquals(1, client.get("openapi/study/detail", map("key", o.studyId())).ok()
                        .at("/study/total_data").asInt());
            }
            assertEquals(CLIENTS, expectedSha.size(), "every upload has its own file");
            for (var e : expectedSha.entrySet()) {
                assertEquals(e.getValue(), ProtocolClient.sha256(Path.of(e.getKey())), e.getKey());
            }
        }
    }
}
