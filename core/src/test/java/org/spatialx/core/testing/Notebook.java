package org.spatialx.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** The notebook's printed blocks kept in {@code src/test/resources/notebook} (see the NOTICE there). */
public final class Notebook {

    private Notebook() {
    }

    /** The printed block of {@code name}, without its final newline. */
    public static String block(String name) {
        try (InputStream in = Notebook.class.getResourceAsStream("/notebook/" + name + ".txt")) {
            if (in == null) {
                throw new AssertionError("Missing test resource /notebook/" + name + ".txt");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code printed} is the notebook block {@code name}. The notebook export drops
     * trailing whitespace, so lines are compared without it, and the only trailing whitespace
     * allowed in {@code printed} is the single space Python leaves after {@code key: } for an
     * empty string (protocol 10).
     */
    public static void assertPrintsLikeNotebook(String name, String printed) {
        String stripped = printed.lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
        assertEquals(block(name), stripped, "format_print output differs from the notebook block " + name);
        printed.lines().filter(line -> !line.equals(line.stripTrailing())).forEach(line ->
                assertTrue(line.matches(" *[a-z_]+: "), "unexpected trailing whitespace in '" + line + "'"));
    }
}
