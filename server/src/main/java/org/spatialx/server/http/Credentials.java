package org.spatialx.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * What a request must carry: the {@code SpatialX-Token} header (protocol 1.2) and, when
 * configured, HTTP basic auth. Comparisons are constant-time; {@link #toString} hides secrets.
 */
public final class Credentials {

    private final byte[] token;
    private final byte[] basic; // expected "user:password" or null

    public Credentials(String token, String basicUser, String basicPassword) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.basic = basicUser == null ? null
                : (basicUser + ":" + (basicPassword == null ? "" : basicPassword)).getBytes(StandardCharsets.UTF_8);
    }

    /** Null when accepted, else the reason (without any secret). */
    String reject(String tokenHeader, String authorization) {
        if (tokenHeader == null || tokenHeader.isEmpty()) {
            return "Missing SpatialX-Token header. Send the token printed by 'spatialx serve' "
                    + "(stored in the server home, file 'token') in the SpatialX-Token header.";
        }
        if (!MessageDigest.isEqual(token, tokenHeader.trim().getBytes(StandardCharsets.UTF_8))) {
            return "Wrong SpatialX-Token. Use the token printed by 'spatialx serve' "
                    + "(stored in the server home, file 'token').";
        }
        if (basic != null) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return "This server requires HTTP basic authentication; pass the user name and password "
                        + "(authentication=(user, password)).";
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).trim());
            } catch (IllegalArgumentException e) {
                return "The Authorization header is not valid base64.";
            }
            if (!MessageDigest.isEqual(basic, given)) {
                return "Wrong basic-auth user name or password.";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Credentials[token=***" + (basic == null ? "" : ", basic=***") + "]";
    }
}
