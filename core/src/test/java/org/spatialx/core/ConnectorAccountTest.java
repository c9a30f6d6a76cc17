package org.spatialx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialx.api.Entity;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingHttpServer;
import org.spatialx.core.testing.TestConnectors;

/** Account and storage helpers (protocol 8.1) on the wire. */
class ConnectorAccountTest {

    private RecordingHttpServer server;
    private SpatialXConnector connector;

    @BeforeEach
    void start() {
        server = RecordingHttpServer.start();
        connector = TestConnectors.connect(server);
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    static void assertGetWithEmptyJsonBody(RecordedRequest request, String path) {
        assertEquals("GET", request.method());
        assertEquals(path, request.path());
        assertEquals("{}", request.bodyText(), "GETs carry a {} JSON body (protocol 11.2)");
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(TOKEN, request.header("SpatialX-Token"));
    }

    @Test
    void infoKeepsTheFiveInformationFieldsInOrder() {
        server.on("GET", OPENAPI + "account/info", ok("""
                {"routing_table": {"a": 1}, "app_base_url": "https://x/", "id": 7, "name": "Nhat", "sub_dir": "abc",
                 "email": "n@b.com", "default_mount": {}}"""));
        Map<String, Object> info = connector.info();
        assertEquals(List.of("email", "sub_dir", "name", "app_base_url", "routing_table"), List.copyOf(info.keySet()));
        assertEquals("n@b.com", info.get("email"));
        assertEquals(Map.of("a", 1), info.get("routing_table"));
        RecordedRequest request = server.single();
        assertGetWithEmptyJsonBody(request, OPENAPI + "account/info");
        assertNull(request.rawQuery());
        assertNull(request.header("Authorization"));
    }

    @Test
    void infoNamesAMissingField() {
        server.on("GET", OPENAPI + "account/info", ok("{\"email\": \"n@b.com\"}"));
        SpatialXUnexpectedResponseException error = assertThrows(SpatialXUnexpectedResponseException.class,
                connector::info);
        assertTrue(error.getMessage().contains("'sub_dir'"), error.getMessage());
    }

    @Test
    void groupsInvertTheDefaultsAndLetLaterEntriesWin() {
        server.on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": [{"id": "g1", "name": "Demo"}, {"id": "GLOBAL_GROUP_2", "name": "All members"}]}"""));
        Map<String, String> groups = connector.groups();
        assertEquals(List.of("Personal workspace", "All members", "Demo"), List.copyOf(groups.keySet()));
        assertEquals("GLOBAL_GROUP_2", groups.get("All members"));
        assertEquals("g1", groups.get("Demo"));
        assertGetWithEmptyJsonBody(server.single(), OPENAPI + "account/groups");
    }

    @Test
    void externalStorageIsEmptyWhenTheListingHasNone() {
        server.on("GET", OPENAPI + "mount/external_listing", ok("{}"));
        assertEquals(Map.of(), connector.externalFolders());
        assertEquals(List.of(), connector.externalS3());
        server.requests().forEach(r -> assertGetWithEmptyJsonBody(r, OPENAPI + "mount/external_listing"));
    }

    @Test
    void externalS3IsTheListingsBucketList() {
        server.on("GET", OPENAPI + "mount/external_listing", ok("""
                {"s3": [{"id": "b1", "name": "bucket", "path": "/mnt/b1"}], "folders": [{"name": "f", "path": "/f"}]}"""));
        assertEquals(List.of(Map.of("id", "b1", "name", "bucket", "path", "/mnt/b1")), connector.externalS3());
        assertEquals(Map.of("f", "/f"), connector.externalFolders());
    }

    @Test
    void s3MergesDefaultExternalAndCloudBucketsWithTheRenamingRules() {
        server.on("GET", OPENAPI + "account/info", ok("""
                {"default_mount": {"s3": [{"id": "a-id", "name": "", "path": "/a"},
                                          {"id": "b-id", "name": "bucket", "path": "/b"}]}}"""));
        server.on("GET", OPENAPI + "mount/external_listing", ok("""
                {"s3": [{"id": "c-id", "name": "bucket", "path": "/c"},
                        {"id": "bucket", "name": "bucket", "path": "/c2"}]}"""));
        server.on("POST", OPENAPI + "cloud/setting_list", ok("""
                [{"map_settings": {"id": "d-id", "name": "", "path": "/d"}},
                 {"map_settings": {"id": "bucket", "name": "bucket", "path": "/d2"}}]"""));
        Map<String, String> s3 = connector.s3();
        assertEquals(List.of("a-id", "bucket", "c-id", "bucket - External AWS", "d-id", "bucket - Internal AWS"),
                List.copyOf(s3.keySet()));
        assertEquals("/c2", s3.get("bucket - External AWS"));
        assertEquals("/d2", s3.get("bucket - Internal AWS"));
        List<RecordedRequest> requests = server.requests();
        assertEquals(3, requests.size());
        assertGetWithEmptyJsonBody(requests.get(0), OPENAPI + "account/info");
        assertGetWithEmptyJsonBody(requests.get(1), OPENAPI + "mount/external_listing");
        RecordedRequest settings = requests.get(2);
        assertEquals("POST", settings.method());
        assertEquals("application/x-www-form-urlencoded", settings.header("Content-Type"));
        assertEquals("limit=100&offset=0", settings.bodyText());
    }

    @Test
    void foldersAreTheDefaultFoldersThenTheExternalOnes() {
        server.on("GET", OPENAPI + "account/info", ok("""
                {"default_mount": {"folders": [{"name": "Upload", "path": "/u"}, {"name": "shared", "path": "/s"}]}}"""));
        server.on("GET", OPENAPI + "mount/external_listing", ok("""
                {"folders": [{"name": "shared", "path": "/other"}, {"name": "lab", "path": "/lab"}]}"""));
        assertEquals(Map.of("Upload", "/u", "shared", "/s", "lab", "/lab"), connector.folders());
        assertEquals(List.of(OPENAPI + "account/info", OPENAPI + "mount/external_listing"),
                server.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void listdirSendsThePathAsAFormAndReturnsNamesOrDetails() {
        server.on("POST", OPENAPI + "directory/entities", ok("""
                {"entities": [{"name": "Lung6", "type": "directory", "size": 0, "updated_at": 17},
                              {"name": "readme.txt", "type": "file", "size": 12}]}"""));
        assertEquals(List.of("Lung6", "readme.txt"), connector.listdir("/s3/bucket/COSMX VER1"));
        RecordedRequest names = server.single();
        assertEquals("POST", names.method());
        assertEquals("application/x-www-form-urlencoded", names.header("Content-Type"));
        assertEquals("path=%2Fs3%2Fbucket%2FCOSMX+VER1&ignore_hidden=True", names.bodyText());

        server.clearRequests();
        List<?> details = connector.listdir("/s3/bucket", new ListdirOptions(false, true));
        Entity first = (Entity) details.get(0);
        assertEquals(Entity.DIRECTORY, first.type());
        assertEquals(17, first.get("updated_at"));
        assertEquals(List.of("name", "type", "size", "updated_at"), first.fieldNames());
        assertEquals("path=%2Fs3%2Fbucket&ignore_hidden=False", server.single().bodyText());
    }
}
