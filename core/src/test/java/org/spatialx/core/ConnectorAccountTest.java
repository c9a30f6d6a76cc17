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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.Entity;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;

/** Account and storage helpers (protocol 8.1) on the wire. */
class ConnectorAccountTest {

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector();

    static void assertGetWithEmptyJsonBody(RecordedRequest request, String path) {
        assertEquals("GET", request.method());
        assertEquals(path, request.path());
        assertEquals("{}", request.bodyText(), "GETs carry a {} JSON body (protocol 11.2)");
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(TOKEN, request.header("SpatialX-Token"));
    }

    @Test
    void infoKeepsTheFiveInformationFieldsInOrder() {
        recording.server().on("GET", OPENAPI + "account/info", ok("""
                {"routing_table": {"a": 1}, "app_base_url": "https://x/", "id": 7, "name": "Nhat", "sub_dir": "abc",
                 "email": "n@b.com", "default_mount": {}}"""));
        Map<String, Object> info = recording.connector().info();
        assertEquals(List.of("email", "sub_dir", "name", "app_base_url", "routing_table"), List.copyOf(info.keySet()));
        assertEquals("n@b.com", info.get("email"));
        assertEquals(Map.of("a", 1), info.get("routing_table"));
        RecordedRequest request = recording.server().single();
        assertGetWithEmptyJsonBody(request, OPENAPI + "account/info");
        assertNull(request.rawQuery());
        assertNull(request.header("Authorization"));
    }

    @Test
    void infoNamesAMissingField() {
        recording.server().on("GET", OPENAPI + "account/info", ok("{\"email\": \"n@b.com\"}"));
        SpatialXUnexpectedResponseException error = assertThrows(SpatialXUnexpectedResponseException.class,
                recording.connector()::info);
        assertTrue(error.getMessage().contains("'sub_dir'"), error.getMessage());
    }

    @Test
    void groupsInvertTheDefaultsAndLetLaterEntriesWin() {
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"0eebe305688d82fe6c5ce361a43c64da": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": [{"id": "g1", "name": "Demo"}, {"id": "GLOBAL_GROUP_2", "name": "All members"}]}"""));
        Map<String, String> groups = recording.connector().groups();
        assertEquals(List.of("Personal workspace", "All members", "Demo"), List.copyOf(groups.keySet()));
        assertEquals("GLOBAL_GROUP_2", groups.get("All members"));
        assertEquals("g1", groups.get("Demo"));
        assertGetWithEmptyJsonBody(recording.server().single(), OPENAPI + "account/groups");
    }

    @Test
    void externalStorageIsEmptyWhenTheListingHasNone() {
        recording.server().on("GET", OPENAPI + "mount/external_listing", ok("{}"));
        assertEquals(Map.of(), recording.connector().externalFolders());
        assertEquals(List.of(), recording.connector().externalS3());
        recording.server().requests().forEach(r -> assertGetWithEmptyJsonBody(r, OPENAPI + "mount/external_listing"));
    }

    @Test
    void externalS3IsTheListingsBucketList() {
        recording.server().on("GET", OPENAPI + "mount/external_listing", ok("""
                {"s3": [{"id": "b1", "name": "bucket", "path": "/mnt/b1"}], "folders": [{"name": "f", "path": "/f"}]}"""));
        assertEquals(List.of(Map.of("id", "b1", "name", "bucket", "path", "/mnt/b1")),
                recording.connector().externalS3());
        assertEquals(Map.of("f", "/f"), recording.connector().externalFolders());
    }

    @Test
    void s3MergesDefaultExternalAndCloudBucketsWithTheRenamingRules() {
        recording.server().on("GET", OPENAPI + "account/info", ok("""
                {"default_mount": {"s3": [{"id": "a-id", "name": "", "path": "/a"},
                                          {"id": "b-id", "name": "bucket", "path": "/b"}]}}"""));
        recording.server().on("GET", OPENAPI + "mount/external_listing", ok("""
                {"s3": [{"id": "c-id", "name": "bucket", "path": "/c"},
                        {"id": "bucket", "name": "bucket", "path": "/c2"}]}"""));
        recording.server().on("POST", OPENAPI + "cloud/setting_list", ok("""
                [{"map_settings": {"id": "d-id", "name": "", "path": "/d"}},
                 {"map_settings": {"id": "bucket", "name": "bucket", "path": "/d2"}}]"""));
        Map<String, String> s3 = recording.connector().s3();
        assertEquals(List.of("a-id", "bucket", "c-id", "bucket - External AWS", "d-id", "bucket - Internal AWS"),
                List.copyOf(s3.keySet()));
        assertEquals("/c2", s3.get("bucket - External AWS"));
        assertEquals("/d2", s3.get("bucket - Internal AWS"));
        List<RecordedRequest> requests = recording.server().requests();
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
        recording.server().on("GET", OPENAPI + "account/info", ok("""
                {"default_mount": {"folders": [{"name": "Upload", "path": "/u"}, {"name": "shared", "path": "/s"}]}}"""));
        recording.server().on("GET", OPENAPI + "mount/external_listing", ok("""
                {"folders": [{"name": "shared", "path": "/other"}, {"name": "lab", "path": "/lab"}]}"""));
        assertEquals(Map.of("Upload", "/u", "shared", "/s", "lab", "/lab"), recording.connector().folders());
        assertEquals(List.of(OPENAPI + "account/info", OPENAPI + "mount/external_listing"),
                recording.server().requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void listdirSendsThePathAsAFormAndReturnsNamesOrDetails() {
        recording.server().on("POST", OPENAPI + "directory/entities", ok("""
                {"entities": [{"name": "Lung6", "type": "directory", "size": 0, "updated_at": 17},
                              {"name": "readme.txt", "type": "file", "size": 12}]}"""));
        assertEquals(List.of("Lung6", "readme.txt"), recording.connector().listdir("/s3/bucket/COSMX VER1"));
        RecordedRequest names = recording.server().single();
        assertEquals("POST", names.method());
        assertEquals("application/x-www-form-urlencoded", names.header("Content-Type"));
        assertEquals("path=%2Fs3%2Fbucket%2FCOSMX+VER1&ignore_hidden=True", names.bodyText());

        recording.server().clearRequests();
        List<?> details = recording.connector().listdir("/s3/bucket", new ListdirOptions(false, true));
        Entity first = (Entity) details.get(0);
        assertEquals(Entity.DIRECTORY, first.type());
        assertEquals(17, first.get("updated_at"));
        assertEquals(List.of("name", "type", "size", "updated_at"), first.fieldNames());
        assertEquals("path=%2Fs3%2Fbucket&ignore_hidden=False", recording.server().single().bodyText());
    }
}
