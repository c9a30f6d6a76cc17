package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No request reads or writes outside a mount: '..', absolute paths elsewhere, symlinks pointing out. */
class PathTraversalTest {

    @TempDir
    Path temp;
    LocalServer server;
    ProtocolClient client;
    Path secret;
    Path upload;

    @BeforeEach
    void start() throws Exception {
        secret = temp.resolve("outside/secret.txt");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "do not read");
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t"));
        client = new ProtocolClient(server);
        upload = server.home().resolve("Upload").toRealPath();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listingOutsideAMountIsDenied() throws Exception {
        for (String path : new String[] {secret.getParent().toString(), upload + "/../..", "/", upload + "/../tmp"}) {
            String error = client.postForm("openapi/directory/entities", map("path", path, "ignore_hidden", true)).error();
            assertTrue(error.startsWith("Access denied to '" + path + "'"), error);
            assertTrue(error.contains("Upload=" + upload), "the error lists the mounts: " + error);
        }
    }

    @Test
    void symlinksPointingOutOfAMountAreNotFollowed() throws Exception {
        Files.createSymbolicLink(upload.resolve("escape"), secret.getParent());
        Files.createSymbolicLink(upload.resolve("secret-link.txt"), secret);
        String listing = client.postForm("openapi/directory/entities", map("path", upload + "/escape",
                "ignore_hidden", true)).error();
        assertTrue(listing.contains("symbolic link"), listing);
        String parse = client.postJson("pyapi/v1/submission/parse_data_information", map("data_name", "x",
                "technology", "XENIUM", "data_path", upload + "/secret-link.txt")).error();
        assertTrue(parse.contains("Access denied"), parse);
        String write = client.postMultipart("openapi/upload/simple", map("folder_name", "escape", "unique_id", "",
                "is_chunk", false), "planted.txt", "x".getBytes(StandardCharsets.UTF_8)).error();
        assertTrue(write.contains("symbolic link"), write);
        assertFalse(Files.exists(secret.resolveSibling("planted.txt")));
    }

    @Test
    void aMountNamedThroughASymbolicLinkAcceptsPathsUnderEitherName() throws Exception {
        server.close();
        Path real = Files.createDirectories(temp.resolve("real-data"));
        Files.writeString(real.resolve("a.txt"), "a");
        Path link = Files.createSymbolicLink(temp.resolve("data-link"), real);
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken("t")
                .withMount("data", link));
        client = new ProtocolClient(server);
        for (Path dir : new Path[] {link, real.toRealPath()}) {
            var names = client.postForm("openapi/directory/entities", map("path", dir.toString(),
                    "ignore_hidden", true)).ok().get("entities");
            assertEquals("a.txt", names.get(0).get("name").asText(), dir.toString());
        }
        String escape = client.postForm("openapi/directory/entities", map("path", link + "/../outside",
                "ignore_hidden", true)).error();
        assertTrue(escape.contains("'..' is not allowed"), escape);
    }

    @Test
    void uploadsCannotEscapeTheUploadArea() throws Exception {
        byte[] bytes = "pwned".getBytes(StandardCharsets.UTF_8);
        String viaFolder = client.postMultipart("openapi/upload/simple", map("folder_name", "../../outside",
                "unique_id", "", "is_chunk", false), "a.txt", bytes).error();
        assertTrue(viaFolder.contains("'..' is not allowed"), viaFolder);
        String viaName = client.postMultipart("openapi/upload/simple", map("folder_name", "", "unique_id", "",
                "is_chunk", false), "../a.txt", bytes).error();
        assertTrue(viaName.contains("Invalid file name"), viaName);
        String absolute = client.postMultipart("openapi/upload/simple", map("folder_name", secret.getParent().toString(),
                "unique_id", "", "is_chunk", false), "a.txt", bytes).error();
        assertTrue(absolute.contains("not inside a mounted folder"), absolute);
        String chunkName = client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "total", 1,
                "name", "..", "unique_id", "abc", "path", "", "move_to_parent", true)).error();
        assertTrue(chunkName.contains("does not exist") || chunkName.contains("Invalid file name"), chunkName);
        String session = client.postJson("openapi/upload/chunk/status", map("unique_id", "../../x", "path", "",
                "name", "a")).ok().get("received").toString();
        assertEquals("[]", session);
        try (var s = Files.list(secret.getParent())) {
            assertEquals(1, s.count(), "nothing was written outside");
        }
    }

    @Test
    void theGatewayServesOnlyFilesUnderAStudyDataPath() throws Exception {
        String studyId = ServerFixture.createStudy(client, "g");
        Path dataPath = Path.of(client.get("openapi/study/detail", map("key", studyId)).ok().at("/study/data_path")
                .asText());
        Files.writeString(dataPath.resolve("hello.log"), "line\n");
        ProtocolClient.Response served = client.gateway(dataPath.resolve("hello.log").toString());
        assertEquals(200, served.code());
        assertEquals("line\n", served.text());
        for (String path : new String[] {secret.toString(), dataPath + "/../../spatialx.db", dataPath + "/missing.log",
                server.home().resolve("token").toString(), dataPath.toString()}) {
            ProtocolClient.Response denied = client.gateway(path);
            assertEquals(404, denied.code(), path);
            assertEquals(404, denied.status());
            assertFalse(denied.text().contains("do not read"));
        }
        Files.createSymbolicLink(dataPath.resolve("link.txt"), secret);
        assertEquals(404, client.gateway(dataPath.resolve("link.txt").toString()).code());
    }
}
