package org.spatialx.core;

import java.util.Objects;

/**
 * HTTP basic-auth credentials sent as {@code Authorization: Basic ...} in front of SpatialX
 * (protocol 1.2, the Python {@code authentication} argument). The password never appears in
 * {@link #toString()}.
 *
 * @param username the user name
 * @param password the password
 */
public record BasicAuth(String username, String password) {

    /** Requires both parts. */
    public BasicAuth {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Shows the user name only. */
    @Override
    public String toString() {
        return "BasicAuth[username=" + username + ", password=***]";
    }
}
