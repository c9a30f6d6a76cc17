package org.spatialx.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.spatialx.server.LocalServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialx.server.LocalServerConfig;

/**
 * Authentication: every family of paths, known or not, wants the token (and basic auth when configured)
 * before anything else, refusals never show a secret, and an empty token is no configuration (issue 14,
 * item 11). The connector's side (credentials only to the domain's origin, item 6) is core's
 * RedirectCredentialsTest.
 */
class AuthSecurityTest {

    private static final String TOKEN = "tok-4f9c2a";
    private static final String PASSWORD = "s3cret-pw";

    @RegisterExtension
    final LocalServerExtension local = LocalServerExtension.started(config -> config.withToken(TOKEN)
            .withBasicAuth("alice", PASSWORD));

    private RawHttp.Answer get(String path, String headers) throws IOException {
        try (RawHttp connection = RawHttp.connect(local.server().url())) {
            return connection.send("GET /" + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n")
                    .read(Duration.ofSeconds(10));
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void everyPathWantsTheCredentialsFirst() throws IOException {
        String ok = "SpatialX-Token: " + TOKEN + "\r\n" + basic("alice", PASSWORD);
        for (String path : new String[] {"openapi/account/info", "pyapi/v1/submission/parse_data_information",
                "ucc.go/etc/passwd", "openapi/no/such/thing", "", "../../etc/passwd"}) {
            for (String headers : new String[] {"", "SpatialX-Token: " + TOKEN + "\r\n",
                    "SpatialX-Token: " + TOKEN.toUpperCase() + "\r\n" + basic("alice", PASSWORD),
                    "SpatialX-Token: " + TOKEN + "x\r\n" + basic("alice", PASSWORD),
                    "SpatialX-Token: " + TOKEN + "\r\n" + basic("alice", "wrong"),
                    "SpatialX-Token: " + TOKEN + "\r\nAuthorization: Basic !!notbase64\r\n"}) {
                RawHttp.Answer refused = get(path, headers);
                assertEquals(path.startsWith("..") ? 400 : 401, refused.status(), path + " with " + headers);
                assertFalse(refused.body().contains(TOKEN) || refused.body().contains(PASSWORD), refused.body());
            }
        }
        assertEquals(200, get("openapi/account/info", ok).status());
        assertEquals(401, get("openapi/account/info?SpatialX-Token=" + TOKEN, basic("alice", PASSWORD)).status(),
                "a token in the query string is no token");
    }

    @Test
    void anEmptyTokenIsNoConfiguration() {
        for (String token : new String[] {"", " ", "a b", "line\nbreak"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> LocalServerConfig.defaults().withToken(token));
            assertTrue(refused.getMessage().contains("must not be empty"), refused.getMessage());
        }
    }

    @Test
    void theTokenIsNeverPrinted() {
        assertFalse(local.server().toString().contains(TOKEN));
        assertFalse(LocalServerConfig.defaults().withToken(TOKEN).withBasicAuth("alice", PASSWORD).toString()
                .contains(PASSWORD));
    }
}
