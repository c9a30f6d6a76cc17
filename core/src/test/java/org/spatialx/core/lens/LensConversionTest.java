package org.spatialx.core.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.Notebook.assertPrintsLikeNotebook;
import static org.spatialx.core.testing.ScriptedResponse.ok;
import static org.spatialx.core.testing.TestConnectors.DOMAIN_PATH;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.api.DefaultGroup;
import org.spatialx.api.Species;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.print.FormatPrint;
import org.spatialx.core.testing.LensTestServer;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.TestConnectors;

/**
 * Issue 10 item 6, protocol 9: the notebook's Lens cells against an in-process Lens server speaking
 * section 9 and a recording SpatialX: the Lens transport ({@code bioturing-api-token}, {@code
 * <host>api/v1/}), the group mapping, one {@code account/groups} read, the printed records, and one
 * {@code study/convert_from_lens} form per study with the answers returned.
 */
class LensConversionTest {

    private static final String LENS_TOKEN = "lens-SECRET-0000000000000000NM";
    private static final String PERSONAL_ID = "662bd88b50da063e1870a4efc01fe185";

    private final List<String> output = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(server ->
            new SpatialXConnector(server.url(DOMAIN_PATH), TOKEN, TestConnectors.options(output).build()));
    private LensTestServer lensSc;
    private LensTestServer lensBulk;

    private static Map<String, Object> lensRecord(String id, String accession, String title) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("accession_id", accession);
        record.put("title", title);
        record.put("abstract", "TBD");
        record.put("authors", "TBD");
        record.put("reference", "TBD");
        return record;
    }

    @BeforeEach
    void startLensServers() {
        lensSc = LensTestServer.start("/lens_sc/", LENS_TOKEN)
                .study("personal", "human", lensRecord("96f6e21e9ac74f74bfe656a2a59ba058", "XENIUM", "breast"))
                .study("personal", "human", lensRecord("49998dd7de8340c19a0acdd177b71fb4", "XENIUM", "TBD"));
        lensBulk = LensTestServer.start("/lens_bulk/", LENS_TOKEN)
                .study("personal", "human", lensRecord("f92a884e42bf43749011d71593e727ba", "VISIUM", "TBD"))
                .study("personal", "human", lensRecord("8b3e1737007c47fc81667f54ea998740", "CURIO", "TBD"))
                .study("G-LAB", "mouse", lensRecord("0123456789abcdef0123456789abcdef", "VISIUM", "lab"));
        recording.server().on("GET", OPENAPI + "account/groups", ok("""
                {"default": {"%s": "Personal workspace", "GLOBAL_GROUP": "All members"},
                 "groups": [{"id": "G-LAB", "name": "Lab"}]}""".formatted(PERSONAL_ID)));
    }

    @AfterEach
    void stopLensServers() {
        lensSc.close();
        lensBulk.close();
    }

    @Test
    void listLensScStudiesSpeaksLensAndPrintsLikeTheNotebook() {
        // the notebook passes the enum member itself: group=DefaultGroup.PERSONAL_WORKSPACE
        List<Map<String, Object>> studies = recording.connector().listLensScStudies(lensSc.host(), LENS_TOKEN,
                DefaultGroup.PERSONAL_WORKSPACE.value(), Species.HUMAN.value());

        assertEquals(List.of("Connecting to host at " + lensSc.host() + "api/v1/test_connection", "Connection successful"),
                output);
        assertPrintsLikeNotebook("lens_sc_studies", FormatPrint.parseToStr(studies));
        List<RecordedRequest> lens = lensSc.requests();
        assertEquals(2, lens.size());
        assertLensPost(lens.get(0), "/lens_sc/api/v1/test_connection", "{}");
        assertLensPost(lens.get(1), "/lens_sc/api/v1/get_all_studies_info_in_group",
                "{\"species\": \"human\", \"group_id\": \"personal\"}");
        assertEquals(1, recording.server().requests().size(), "the group map is read once, not per study (11.28 F)");
        assertEquals(OPENAPI + "account/groups", recording.server().single().path());
    }

    @Test
    void listLensBulkStudiesUnwrapsTheGroupAndUsesTheSpatialxIdOfOtherGroups() {
        List<Map<String, Object>> personal = recording.connector().listLensBulkStudies(lensBulk.host(), LENS_TOKEN,
                DefaultGroup.PERSONAL_WORKSPACE.value(), Species.HUMAN.value());
        assertPrintsLikeNotebook("lens_bulk_studies", FormatPrint.parseToStr(personal));

        List<Map<String, Object>> lab = recording.connector().listLensBulkStudies(lensBulk.host(), LENS_TOKEN,
                "Lab", Species.MOUSE.value());
        assertEquals("G-LAB", lab.get(0).get("group_id"));
        assertLensPost(lensBulk.requests().get(3), "/lens_bulk/api/v1/get_all_studies_info_in_group",
                "{\"species\": \"mouse\", \"group_id\": \"G-LAB\"}");
    }

    @Test
    void aHostWithoutItsFinalSlashStillReachesItsOwnApi() {
        String host = lensSc.host();
        recording.connector().listLensScStudies(host.substring(0, host.length() - 1), LENS_TOKEN,
                DefaultGroup.PERSONAL_WORKSPACE.value(), Species.HUMAN.value());
        assertEquals("/lens_sc/api/v1/test_connection", lensSc.requests().get(0).path());
    }

    @Test
    void aRefusedTokenIsReportedWithLensDetailAndNeverShown() {
        SpatialXHttpException error = assertThrows(SpatialXHttpException.class, () -> recording.connector()
                .listLensScStudies(lensSc.host(), "wrong-" + LENS_TOKEN, "Personal workspace", "human"));
        assertEquals(List.of("Connecting to host at " + lensSc.host() + "api/v1/test_connection", "Connection failed"),
                output, "the listing is still tried after a failed connection test, as in the SDK");
        assertEquals(401, error.statusCode());
        assertEquals("Request failed with status 401, Invalid token\ntraceback: lens.auth.check_token", error.getMessage());
        assertFalse(error.getMessage().contains(LENS_TOKEN));
    }

    @Test
    void convertDataFromLensPostsOneFormPerStudyAndReturnsTheAnswers() {
        recording.server().on("POST", OPENAPI + "study/convert_from_lens", ok("{\"study_id\": \"ST-a\"}"),
                ok("{\"study_id\": \"ST-b\"}"), ok("{\"study_id\": \"ST-c\"}"));
        List<Map<String, Object>> studies = recording.connector().listLensScStudies(lensSc.host(), LENS_TOKEN,
                "Personal workspace", "human");
        recording.server().clearRequests();

        List<Object> one = recording.connector().convertDataFromLens(studies.get(0));
        List<Object> all = recording.connector().convertDataFromLens(studies);

        assertEquals(List.of(Map.of("study_id", "ST-a")), one);
        assertEquals(List.of(Map.of("study_id", "ST-b"), Map.of("study_id", "ST-c")), all);
        List<RecordedRequest> requests = recording.server().requests();
        assertEquals(3, requests.size());
        RecordedRequest first = requests.get(0);
        assertEquals("POST", first.method());
        assertEquals(OPENAPI + "study/convert_from_lens", first.path());
        assertEquals("application/x-www-form-urlencoded", first.header("Content-Type"));
        assertEquals(TOKEN, first.header("SpatialX-Token"));
        assertEquals("study_id=ST-96f6e21e9ac74f74bfe656a2a59ba058&title=breast&group_id=" + PERSONAL_ID
                + "&species=human&lens_data_path=96f6e21e9ac74f74bfe656a2a59ba058", first.bodyText());
        assertTrue(requests.get(2).bodyText().startsWith("study_id=ST-49998dd7de8340c19a0acdd177b71fb4&title=TBD&"));
    }

    private static void assertLensPost(RecordedRequest request, String path, String body) {
        assertEquals("POST", request.method());
        assertEquals(path, request.path());
        assertEquals(LENS_TOKEN, request.header("bioturing-api-token"));
        assertEquals(null, request.header("SpatialX-Token"), "a Lens server never gets the SpatialX token");
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(body, request.bodyText());
    }
}
