package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;
import org.spatialx.server.ProtocolClient;
import org.spatialx.server.upload.MergeCrashMain;

/**
 * A process that dies in the middle of a merge (issue 14, item 5): the next start finishes or undoes what it
 * left, and no later merge publishes bytes that were not received. (CrashRecoveryTest covers jobs.)
 */
class CrashSecurityTest {

    @TempDir
    Path home;

    /** Runs {@link MergeCrashMain} until it stops dead; answers its session id and the file's target. */
    private String[] crashDuringMerge(String when) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), MergeCrashMain.class.getName(), home.toString(), when)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        String[] session = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("SESSION ")) {
                    session = line.substring(8).split(" ", 2);
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), String.join("\n", output));
        assertTrue(session != null, String.join("\n", output));
        return session;
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aCrashAfterTheRenameIsFinishedAtStartAndALaterMergeNeverPublishesZeros() throws Exception {
        String[] session = crashDuringMerge("after");
        Path target = Path.of(session[1]);
        byte[] content = MergeCrashMain.content();
        assertArrayEquals(content, Files.readAllBytes(target), "the rename happened");
        assertFalse(filesUnder(home.resolve("upload-sessions")).isEmpty(), "the crash left the staging behind");

        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            assertEquals(List.of(), filesUnder(home.resolve("upload-sessions")), "the start cleaned up");
            ProtocolClient client = new ProtocolClient(server);
            // the Python client's merge (wire-exact: no sha256) of the same file again
            ProtocolClient.Response again = client.postJson("openapi/upload/chunk/merge", map("folder_name", "",
                    "parent_is_file", 2, "total", 3, "name", "crash.bin", "unique_id", session[0], "path", "",
                    "move_to_parent", true));
            assertEquals(404, again.status(), again.text());
            assertArrayEquals(content, Files.readAllBytes(target), "the good file was overwritten");
        }
    }

    @Test
    void aCrashBeforeTheRenameKeepsTheChunksForTheNextMerge() throws Exception {
        String[] session = crashDuringMerge("before");
        Path target = Path.of(session[1]);
        assertFalse(Files.exists(target));

        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"))) {
            ProtocolClient client = new ProtocolClient(server);
            assertEquals("[0,1,2]", client.postJson("openapi/upload/chunk/status", map("unique_id", session[0],
                    "name", "crash.bin")).ok().get("received").toString());
            client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2, "total", 3,
                    "name", "crash.bin", "unique_id", session[0], "path", "", "move_to_parent", true)).ok();
            assertArrayEquals(MergeCrashMain.content(), Files.readAllBytes(target));
            assertEquals(List.of(), filesUnder(home.resolve("upload-sessions")));
        }
    }
}
