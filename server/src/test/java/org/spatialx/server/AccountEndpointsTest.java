package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** account/info, account/groups, mount/external_listing, cloud/setting_list, directory/entities and auth. */
class AccountEndpointsTest {

    @TempDir
    Path temp;
    LocalServer server;
    ProtocolClient client;
    Path external;

    @BeforeEach
    void start() throws Exception {
        external = Files.createDirectories(temp.resolve("lab-data"));
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home")).withToken(null)
                .withMount("lab", external));
        client = new ProtocolClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void infoHasTheFiveInformationFieldsTheUserFoldersAndTheUploadCapabilities() throws Exception {
        JsonNode info = client.get("openapi/account/info/").ok();
        for (String field : List.of("email", "sub_dir", "name", "app_base_url", "routing_table")) {
            assertTrue(info.has(field), field);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode folder : info.at("/default_mount/folders")) {
            names.add(folder.get("name").asText());
            assertTrue(Files.isDirectory(Path.of(folder.get("path").asText())), folder.toString());
            assertTrue(Path.of(folder.get("path").asText()).startsWith(server.home().toRealPath()));
        }
        assertEquals(List.of("Upload", "Submitted", "Converted", "shared"), names);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(server.home())), "a new home is owner-only");
        assertEquals(0, info.at("/default_mount/s3").size());
        JsonNode upload = info.at("/capabilities/upload");
        assertTrue(upload.get("out_of_order_chunks").asBoolean());
        assertTrue(upload.get("parallel_chunks").asBoolean());
        assertEquals(16, upload.get("max_parallel_chunks").asInt());
        assertTrue(upload.get("resume").asBoolean());
        assertTrue(upload.get("sha256").asBoolean());
        assertEquals(104_857_600L, upload.get("max_chunk_size").asLong());
    }

    @Test
    void externalListingReportsMountedFoldersAndCloudSettingsAreEmpty() throws Exception {
        JsonNode listing = client.get("openapi/mount/external_listing").ok();
        assertEquals(1, listing.get("folders").size());
        assertEquals("lab", listing.at("/folders/0/name").asText());
        assertEquals(external.toRealPath().toString(), listing.at("/folders/0/path").asText());
        assertEquals(0, listing.get("s3").size());
        JsonNode settings = client.postForm("openapi/cloud/setting_list", map("limit", 100, "offset", 0)).ok();
        assertTrue(settings.isArray());
        assertEquals(0, settings.size());
    }

    @Test
    void groupsHaveAPersonalWorkspaceWith32HexIdAndAllMembers() {
        JsonNode groups = client.get("openapi/account/groups").ok();
        JsonNode defaults = groups.get("default");
        assertEquals(2, defaults.size());
        String personal = null;
        for (var it = defaults.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (defaults.get(id).asText().equals("Personal workspace")) {
                personal = id;
            }
        }
        assertTrue(personal != null && personal.matches("[0-9a-f]{32}"), String.valueOf(personal));
        assertEquals("All members", defaults.get("GLOBAL_GROUP").asText());
        assertTrue(groups.get("groups").isArray());
    }

    @Test
    void directoryEntitiesListsNamesTypesAndDetailsAndHidesDotFilesByDefault() throws Exception {
        Files.writeString(external.resolve("b.txt"), "hello");
        Files.createDirectories(external.resolve("a-dir"));
        Files.writeString(external.resolve(".hidden"), "x");
        JsonNode listed = client.postForm("openapi/directory/entities",
                map("path", external.toRealPath().toString(), "ignore_hidden", true)).ok();
        JsonNode entities = listed.get("entities");
        assertEquals(2, entities.size());
        assertEquals("a-dir", entities.at("/0/name").asText());
        assertEquals("directory", entities.at("/0/type").asText());
        assertEquals("b.txt", entities.at("/1/name").asText());
        assertEquals("file", entities.at("/1/type").asText());
        assertEquals(5, entities.at("/1/size").asLong());
        assertTrue(entities.at("/1/mtime").asLong() > 0);
        JsonNode all = client.postForm("openapi/directory/entities",
                map("path", external.toRealPath().toString(), "ignore_hidden", false)).ok();
        assertEquals(3, all.get("entities").size());
        String missing = client.postForm("openapi/directory/entities",
                map("path", external.toRealPath() + "/nope", "ignore_hidden", true)).error();
        assertTrue(missing.contains("not a directory"), missing);
    }

    @Test
    void requestsWithoutOrWithAWrongTokenGetHttp401WithAnEnvelope() {
        ProtocolClient.Response none = client.withToken(null).get("openapi/account/info");
        assertEquals(401, none.code());
        assertTrue(none.body().get("message").asText().contains("Missing SpatialX-Token"));
        ProtocolClient.Response wrong = client.withToken("not-the-token").postJson("openapi/study/create", map());
        assertEquals(401, wrong.code());
        assertFalse(wrong.text().contains(server.token()), "the error must not reveal the token");
        assertEquals(401, client.withToken("x").gateway("/etc/hostname").code());
    }

    @Test
    void unknownEndpointsAndWrongMethodsAreHttpErrorsWithAnEnvelope() {
        ProtocolClient.Response unknown = client.get("openapi/no/such/thing");
        assertEquals(404, unknown.code());
        assertTrue(unknown.body().get("message").asText().contains("Unknown endpoint"));
        assertEquals(405, client.postJson("openapi/account/info", map()).code());
    }

    @Test
    void aProtocolEndpointThisServerLacksSaysSoInsteadOfBlamingTheDomain() {
        for (String path : new String[] {"pyapi/v1/connector/get_sample_info", "openapi/data/add_element"}) {
            ProtocolClient.Response unserved = client.postJson(path, map());
            assertEquals(200, unserved.code(), unserved.text());
            assertEquals(501, unserved.status());
            String message = unserved.body().get("message").asText();
            assertTrue(message.contains("is a SpatialX protocol endpoint that this local server does not serve yet"),
                    message);
            assertFalse(message.contains("check the domain"), message);
        }
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        server.close();
        server = LocalServer.start(LocalServerConfig.defaults().withHome(temp.resolve("home2")).withToken("t0k")
                .withBasicAuth("alice", "s3cret"));
        ProtocolClient c = new ProtocolClient(server);
        assertEquals(401, c.get("openapi/account/info").code());
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        var ok = c.send(HttpRequest.newBuilder(URI.create(server.url() + "openapi/account/info"))
                .header("SpatialX-Token", "t0k").header("Authorization", basic)
                .method("GET", HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, ok.code());
        assertEquals(0, ok.status());
    }
}
