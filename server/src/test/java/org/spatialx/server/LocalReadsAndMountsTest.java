package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.SpatialXConnector;

/**
 * Issue 10 item 7 and issue 15 item 3: the embedded server of the user's own process reads any local
 * path (read-only; writes stay in the home), mounts can be added to a running server of this
 * process, and a server of another process is reused only when it already serves the wanted mounts.
 */
class LocalReadsAndMountsTest {

    @TempDir
    Path temp;
    Path data;
    LocalServer server;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectories(temp.resolve("my-disk/run1"));
        Files.writeString(data.resolve("a.txt"), "mine");
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t")
                .withLocalReads(true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theEmbeddedServerReadsAnyLocalPathButWritesOnlyInTheHome() throws Exception {
        ProtocolClient client = new ProtocolClient(server);
        var entities = client.postForm("openapi/directory/entities", map("path", data.toString(), "ignore_hidden", true))
                .ok().get("entities");
        assertEquals("a.txt", entities.get(0).get("name").asText());
        String dots = client.postForm("openapi/directory/entities", map("path", data + "/../run1",
                "ignore_hidden", true)).error();
        assertTrue(dots.contains("'..' is not allowed"), dots);
        String write = client.postMultipart("openapi/upload/simple", map("folder_name", data.toString(),
                "unique_id", "", "is_chunk", false), "planted.txt", "x".getBytes(StandardCharsets.UTF_8)).error();
        assertTrue(write.contains("not inside a mounted folder"), write);
        assertFalse(Files.exists(data.resolve("planted.txt")), "nothing is written outside the home");
    }

    @Test
    void aServerForOthersKeepsStrictConfinement() throws Exception {
        server.close();
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
        String denied = new ProtocolClient(server).postForm("openapi/directory/entities", map("path", data.toString(),
                "ignore_hidden", true)).error();
        assertTrue(denied.startsWith("Access denied to '" + data + "'"), denied);
        assertTrue(denied.contains("--mount NAME=PATH (spatialx serve, run and shell take it)"), denied);
    }

    @Test
    void aMountAddedToTheRunningServerIsServedAtOnce() throws Exception {
        server.mount("lab", data);
        server.mount("lab", data); // the same again changes nothing
        try (SpatialXConnector connector = server.connector()) {
            assertEquals(data.toRealPath().toString(), connector.folders().get("lab"));
            assertEquals(List.of("a.txt"), connector.listdir("lab"));
        }
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> server.mount("lab", temp.resolve("my-disk")));
        assertTrue(taken.getMessage().contains("Mount name 'lab' is already used for " + data.toRealPath()),
                taken.getMessage());
    }

    @Test
    void aRunningServerIsReusedOnlyWhenItServesTheWantedMounts() throws Exception {
        server.mount("lab", data);
        LocalServerConfig wanting = LocalServerConfig.defaults().withHome(temp.resolve("home"));
        try (LocalServer same = LocalServer.startOrReuse(wanting.withMount("lab", data))) {
            assertTrue(same.reused());
            assertEquals(server.url(), same.url());
        }
        Path other = Files.createDirectories(temp.resolve("other"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> LocalServer.startOrReuse(wanting.withMount("other", other)));
        assertTrue(refused.getMessage().contains("is already running (" + server.url()), refused.getMessage());
        assertTrue(refused.getMessage().contains("without the folder(s) other=" + other), refused.getMessage());
        assertTrue(refused.getMessage().contains("it serves {lab=" + data.toRealPath() + "}"), refused.getMessage());
        LocalServer reused = LocalServer.startOrReuse(wanting);
        assertThrows(IllegalStateException.class, () -> reused.mount("other", other),
                "a handle on a server of another process cannot change its folders");
    }
}
