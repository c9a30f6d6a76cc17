package org.spatialx.core.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Removes the token and basic-auth credentials from any text before it reaches an exception
 * message or a log line (a server may echo request headers in an error body).
 */
public final class SecretMasker {

    /** What a masked secret is replaced by. */
    public static final String MASK = "***";

    private final List<String> secrets;

    /** Masks {@code token} and, when given, the basic-auth password and its header forms. */
    public SecretMasker(String token, String username, String password) {
        List<String> found = new ArrayList<>();
        add(found, token);
        if (password != null && !password.isEmpty()) {
            String pair = (username == null ? "" : username) + ":" + password;
            add(found, Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            add(found, pair);
            add(found, password);
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(found);
    }

    private static void add(List<String> found, String secret) {
        if (secret != null && !secret.isEmpty()) {
            found.add(secret);
        }
    }

    /** {@code text} with every secret replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
