package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerExtension;
import org.spatialx.server.ProtocolClient;
import org.spatialx.server.ServerFixture;

/**
 * Path confinement: no request reads, writes or deletes outside what it names: '..', absolute paths elsewhere,
 * symbolic links pointing out, and upload session ids that would be path components (issue 14, item 1).
 */
class ConfinementSecurityTest {

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started();
    Path temp;
    LocalServer server;
    ProtocolClient client;
    Path secret;
    Path upload;

    @BeforeEach
    void start() throws Exception {
        temp = local.temp();
        secret = temp.resolve("outside/secret.txt");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "do not read");
        server = local.server();
        client = local.client();
        upload = server.home().resolve("Upload").toRealPath();
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
    void aListingTellsNothingOfALinkTargetOutsideTheMounts() throws Exception {
        Files.writeString(secret, "x".repeat(12_345));
        Files.setLastModifiedTime(secret, java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        Files.createSymbolicLink(upload.resolve("secret-link.txt"), secret);
        Files.createSymbolicLink(upload.resolve("outside-dir"), secret.getParent());
        Files.writeString(upload.resolve("inside.txt"), "abc");
        Files.createSymbolicLink(upload.resolve("inside-link.txt"), upload.resolve("inside.txt"));
        var entities = client.postForm("openapi/directory/entities", map("path", upload.toString(),
                "ignore_hidden", true)).ok().get("entities");
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> byName = new java.util.HashMap<>();
        entities.forEach(e -> byName.put(e.get("name").asText(), e));
        for (String name : new String[] {"secret-link.txt", "outside-dir"}) {
            var link = byName.get(name);
            assertTrue(link.get("is_symlink").asBoolean(), link.toString());
            assertEquals("file", link.get("type").asText(), "the type of the link, not of its target: " + link);
            assertTrue(link.get("size").asLong() < 1_000, "the size of the link, not of its target: " + link);
            assertTrue(link.get("mtime").asLong() > 86_400, "the time of the link, not of its target: " + link);
        }
        assertEquals(3, byName.get("inside-link.txt").get("size").asLong(), "a link inside the mounts is followed");
    }

    @Test
    void aMountNamedThroughASymbolicLinkAcceptsPathsUnderEitherName() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real-data"));
        Files.writeString(real.resolve("a.txt"), "a");
        Path link = Files.createSymbolicLink(temp.resolve("data-link"), real);
        server = local.restart(config -> config.withMount("data", link));
        client = local.client();
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

    @Test
    void aSessionIdOfDotOrDotDotNeitherFinishesNorMergesAnything() throws Exception {
        // another client's upload in progress: one of its two chunks is staged
        byte[] content = new byte[3 << 20];
        new java.util.Random(1).nextBytes(content);
        String id = client.postJson("openapi/upload/chunk/start", map("folder_name", "", "parent_is_file", 2)).ok()
                .get("unique_id").asText();
        client.postMultipart("openapi/upload/chunk/process", map("folder_name", "", "parent_is_file", 2,
                "chunk_size", 2 << 20, "file_size", content.length, "offset", 2 << 20, "name", "pending.bin",
                "unique_id", id, "path", "", "sending_index", 0), "file",
                java.util.Arrays.copyOf(content, 2 << 20)).ok();
        Path sessions = server.home().resolve("upload-sessions");

        for (String hostile : new String[] {"..", ".", "./", "../upload-sessions", id + "/..", "", " "}) {
            ProtocolClient.Response finish = client.postForm("openapi/upload/folder_finish", map("folder_name", "x",
                    "unique_id", hostile));
            assertTrue(finish.status() == 400 || finish.status() == 404, hostile + ": " + finish.text());
            ProtocolClient.Response merge = client.postJson("openapi/upload/chunk/merge", map("folder_name", "",
                    "parent_is_file", 2, "total", 1, "name", "pending.bin", "unique_id", hostile, "path", "",
                    "move_to_parent", true));
            assertTrue(merge.status() == 400 || merge.status() == 404, hostile + ": " + merge.text());
            assertTrue(Files.isDirectory(sessions), "upload-sessions/ is gone after unique_id '" + hostile + "'");
        }

        assertEquals("[0]", client.postJson("openapi/upload/chunk/status", map("unique_id", id, "path", "",
                "name", "pending.bin")).ok().get("received").toString(), "the pending upload lost its chunk");
        client.postMultipart("openapi/upload/chunk/process", map("folder_name", "", "parent_is_file", 2,
                "chunk_size", 2 << 20, "file_size", content.length, "offset", content.length, "name", "pending.bin",
                "unique_id", id, "path", "", "sending_index", 1), "file",
                java.util.Arrays.copyOfRange(content, 2 << 20, content.length)).ok();
        client.postJson("openapi/upload/chunk/merge", map("folder_name", "", "parent_is_file", 2, "total", 2,
                "name", "pending.bin", "unique_id", id, "path", "", "move_to_parent", true)).ok();
        assertArrayEquals(content, Files.readAllBytes(upload.resolve("pending.bin")));
    }

    @Test
    void onlySessionIdsTheServerIssuedAreAccepted() throws Exception {
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        String chunk = client.postMultipart("openapi/upload/chunk/process", map("folder_name", "", "parent_is_file", 2,
                "chunk_size", 1, "file_size", 1, "offset", 1, "name", "a.bin", "unique_id",
                "0123456789abcdef0123456789abcdef", "path", "", "sending_index", 0), "file", bytes).error();
        assertTrue(chunk.contains("does not exist"), chunk);
        String simple = client.postMultipart("openapi/upload/simple", map("folder_name", "f", "unique_id", "mine",
                "is_chunk", true), "a.txt", bytes).error();
        assertTrue(simple.contains("does not exist"), simple);
        try (var s = Files.list(server.home().resolve("upload-sessions"))) {
            assertEquals(0, s.count(), "no session folder was made for an id the server did not issue");
        }
        // an empty id starts a folder upload whose id the server makes
        String issued = client.postMultipart("openapi/upload/simple", map("folder_name", "f", "unique_id", "",
                "is_chunk", true), "a.txt", bytes).ok().get("unique_id").asText();
        assertTrue(issued.matches("[0-9a-f]{32}"), issued);
    }

    @Test
    void anAnnotatedElementsRequestReadsOnlyASampleOfItsStudy() {
        String studyId = ServerFixture.createStudy(client, "own");
        String other = ServerFixture.createStudy(client, "other");
        String sampleOfOther = client.postJson("openapi/sample/create", map("study_id", other, "name", "s",
                "data", java.util.List.of())).ok().get("sample_id").asText();
        for (String sampleId : new String[] {"..", ".", "../..", "SP-1/../..", "SP\0", "\0", sampleOfOther}) {
            ProtocolClient.Response answer = client.postJson("pyapi/v1/metadata/get_annotated_element", map(
                    "study_id", studyId, "sample_id", sampleId, "table_id", "x",
                    "element", "obs"));
            assertEquals(sampleId.equals(sampleOfOther) ? 400 : 404, answer.status(), sampleId + ": " + answer.text());
            assertTrue(answer.error().startsWith("Sample '"), answer.error());
        }
    }

    @Test
    void elementsAddedToADataSetAreReadOnlyFromTheMounts() {
        for (String path : new String[] {secret.toString(), upload + "/../../token", "../token", "token"}) {
            String error = client.postJson("openapi/data_extend/add", map("study_id", "ST-1", "sample_id", "SP-1",
                    "data_id", "DA-1", "files", java.util.List.of(map("key", "cell_boundaries", "value", path)),
                    "folders", java.util.List.of(), "args", java.util.List.of())).error();
            assertTrue(error.startsWith("Access denied to '" + path + "'"), error);
        }
    }

    @Test
    void aLensConversionMakesItsStudyFolderOnlyUnderTheStudies() throws Exception {
        String group = ServerFixture.personalGroup(client);
        Path outside = temp.resolve("outside/made-by-lens");
        String escape = "ST-x/../" + server.home().resolve("studies").relativize(outside);
        for (String[] ids : new String[][] {{escape, "x"}, {"ST-..", ".."}, {"ST-a/b", "a/b"}, {"ST-a\0b", "a\0b"},
                {"ST-other", "x"}}) {
            String error = client.postForm("openapi/study/convert_from_lens", map("study_id", ids[0],
                    "lens_data_path", ids[1], "title", "t", "group_id", group, "species", "human")).error();
            assertTrue(error.contains("study_id = 'ST-' + the Lens study id"), ids[0] + ": " + error);
        }
        assertFalse(Files.exists(outside), "a study folder was made outside the home");
        try (var studies = Files.list(server.home().resolve("studies"))) {
            assertEquals(0, studies.count(), "no study folder for a refused conversion");
        }
    }
}
