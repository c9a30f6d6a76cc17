package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Shared steps of the endpoint tests. */
public final class ServerFixture {

    private ServerFixture() {
    }

    public static String personalGroup(ProtocolClient client) {
        JsonNode defaults = client.get("openapi/account/groups").ok().get("default");
        for (var it = defaults.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (defaults.get(id).asText().equals("Personal workspace")) {
                return id;
            }
        }
        throw new AssertionError("no personal workspace in " + defaults);
    }

    public static String createStudy(ProtocolClient client, String title) {
        return client.postJson("openapi/study/create", ProtocolClient.map("group_id", personalGroup(client),
                "species", "human", "title", title, "description", "", "type", 1)).ok().get("study_id").asText();
    }

    /** Polls a job log through ucc.go/ as protocol 4.6 does, until it holds DONE. or FAILED. */
    public static String awaitLog(ProtocolClient client, String logPath) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String text = "";
        while (Instant.now().isBefore(deadline)) {
            ProtocolClient.Response r;
            try {
                r = client.gateway(logPath);
            } catch (RuntimeException lost) {
                continue; // a timed-out poll is retried like a missing log, until the deadline
            }
            if (r.code() == 200) {
                text = r.text();
                if (text.contains("DONE.") || text.contains("FAILED:")) {
                    return text;
                }
            }
            Thread.sleep(50);
        }
        fail("the job log " + logPath + " did not finish: " + text);
        return text;
    }

    public static String submissionLog(ProtocolClient client, String studyId, String submitId) {
        String dataPath = client.get("openapi/study/detail", ProtocolClient.map("key", studyId, "limit", 50,
                "offset", 0)).ok().at("/study/data_path").asText();
        return Path.of(dataPath, "submit", submitId, "submission.log").toString();
    }
}
