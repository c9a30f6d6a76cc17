package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.core.testing.TestConnectors.OPENAPI;
import static org.spatialx.core.testing.TestConnectors.TOKEN;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.testing.RecordedRequest;
import org.spatialx.core.testing.RecordingHttpServer;
import org.spatialx.core.testing.RecordingServerExtension;
import org.spatialx.core.testing.ScriptedResponse;
import org.spatialx.core.testing.TestConnectors;

/**
 * Credentials go only to the domain's origin (issue 14, item 6): a redirect within it is followed with the
 * token, one to another scheme, host or port is refused with a clear error and the other origin never
 * sees the token or the basic-auth password.
 */
class RedirectCredentialsTest {

    private static final String PASSWORD = "basic-PASSWORD-42";

    @RegisterExtension
    final RecordingServerExtension recording = RecordingServerExtension.withConnector(
            server -> new SpatialXConnector(server.url("/spatialx/"), TOKEN,
                    TestConnectors.options(new ArrayList<>()).basicAuth("alice", PASSWORD).build()));

    @Test
    void aRedirectToAnotherOriginIsRefusedAndItNeverSeesTheCredentials() {
        try (RecordingHttpServer elsewhere = RecordingHttpServer.start()) {
            elsewhere.on("GET", "/spatialx/openapi/account/info", ScriptedResponse.ok("{}"));
            recording.server().on("GET", OPENAPI + "account/info",
                    ScriptedResponse.redirect(302, elsewhere.url("/spatialx/openapi/account/info")));

            SpatialXConnectionException error = assertThrows(SpatialXConnectionException.class,
                    recording.connector()::info);

            assertTrue(error.getMessage().contains("was redirected to " + elsewhere.url("/spatialx/openapi/account/info")
                    + ", another origin"), error.getMessage());
            assertTrue(error.getMessage().contains("use it as the domain"), error.getMessage());
            assertFalse(error.getMessage().contains(TOKEN) || error.getMessage().contains(PASSWORD));
            assertEquals(0, elsewhere.requests().size(), "the other origin was contacted");
        }
    }

    @Test
    void aRedirectFromHttpsToHttpOrToAnotherPortIsAnotherOrigin() {
        assertFalse(SpatialXTransport.sameOrigin(java.net.URI.create("https://h/x"), java.net.URI.create("http://h/x")));
        assertFalse(SpatialXTransport.sameOrigin(java.net.URI.create("http://h/x"), java.net.URI.create("http://h:81/x")));
        assertFalse(SpatialXTransport.sameOrigin(java.net.URI.create("http://h/x"), java.net.URI.create("http://g/x")));
        assertTrue(SpatialXTransport.sameOrigin(java.net.URI.create("http://H/x"), java.net.URI.create("http://h:80/y")));
        assertTrue(SpatialXTransport.sameOrigin(java.net.URI.create("https://h/x"), java.net.URI.create("https://h:443/")));
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheCredentials() {
        recording.server().on("POST", OPENAPI + "study/rename",
                ScriptedResponse.redirect(307, "/moved/openapi/study/rename"));
        recording.server().on("POST", "/moved/openapi/study/rename", ScriptedResponse.ok("{\"ok\": true}"));
        recording.server().on("GET", OPENAPI + "account/info", ScriptedResponse.redirect(303, "/moved/info"));
        recording.server().on("GET", "/moved/info", ScriptedResponse.ok("{\"email\": \"a@b\"}"));

        SpatialXTransport transport = new SpatialXTransport(recording.server().url("/spatialx/"), TOKEN,
                TestConnectors.options(new ArrayList<>()).basicAuth("alice", PASSWORD).build());
        try (transport) {
            assertEquals(Map.of("ok", true), transport.callPlain(ApiRequest.post(UrlFamily.OPENAPI, "study/rename")
                    .json(JsonFields.of("title", "t")).build()));
            assertEquals(Map.of("email", "a@b"), transport.callPlain(ApiRequest.get(UrlFamily.OPENAPI, "account/info")
                    .build()));
        }

        RecordedRequest moved = recording.server().requests().get(1);
        assertEquals("POST /moved/openapi/study/rename", moved.method() + " " + moved.path());
        assertEquals(TOKEN, moved.header("SpatialX-Token"));
        assertTrue(moved.header("Authorization").startsWith("Basic "));
        assertEquals(recording.server().requests().get(0).bodyText(), moved.bodyText(), "the body is sent again");
        assertTrue(moved.bodyText().contains("\"title\""), moved.bodyText());
        RecordedRequest info = recording.server().requests().get(3);
        assertEquals("GET /moved/info", info.method() + " " + info.path());
        assertEquals(TOKEN, info.header("SpatialX-Token"));
    }
}
