package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/find-jdk.sh}, which every {@code ./spatialx}, {@code ./mvnw} and CI run sources first, run by
 * the system's {@code sh} on JDK homes made here: versions read from {@code release} files in their
 * different spellings, an explicit JAVA_HOME kept only when it qualifies, and {@code set -f} (./mvnw's)
 * left as it was.
 */
class JdkFinderTest {

    private static final Path FINDER = Path.of("..", "bin", "find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void readsTheFeatureVersionOfEveryReleaseSpelling() throws Exception {
        assertEquals("25", major(jdk("temurin", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n")));
        assertEquals("8", major(jdk("legacy", "JAVA_VERSION=\"1.8.0_392\"\nOS_NAME=\"Linux\"\n")));
        assertEquals("22", major(jdk("early", "JAVA_VERSION=\"22-ea\"\n")));
        assertEquals("21", major(jdk("no-newline", "JAVA_VERSION_DATE=\"2024-07-16\"\nJAVA_VERSION=\"21.0.4\"")));
        // no release file: the java binary is asked
        Path bare = dir.resolve("bare");
        executable(bare.resolve("bin/java"), "#!/bin/sh\necho 'openjdk version \"17.0.2\" 2022-01-18' >&2\n");
        assertEquals("17", major(bare));
        assertEquals("", major(dir.resolve("nothing-here")));
    }

    @Test
    void keepsAnExplicitJavaHomeThatQualifies() throws Exception {
        Path jdk21 = jdk("jdk-21", "JAVA_VERSION=\"21.0.4\"\n");
        String out = sh(Map.of("JAVA_HOME", jdk21.toString()),
                ". \"$1\"; spatialx_find_jdk && echo \"$JAVA_HOME $spatialx_java_major\"");
        assertEquals(jdk21 + " 21", out.strip());
    }

    @Test
    void passesOverAJavaHomeOlderThan21() throws Exception {
        Path jdk17 = jdk("jdk-17", "JAVA_VERSION=\"17.0.15\"\n");
        String out = sh(Map.of("JAVA_HOME", jdk17.toString()),
                ". \"$1\"; if spatialx_find_jdk 2>/dev/null; then echo \"found $JAVA_HOME $spatialx_java_major\";"
                        + " else echo none; fi");
        assertNotEquals("found " + jdk17 + " 17", out.strip());
        if (out.startsWith("found ")) { // another JDK of this machine (the one running this test is >= 21)
            assertTrue(Integer.parseInt(out.strip().substring(out.strip().lastIndexOf(' ') + 1)) >= 21, out);
        }
    }

    @Test
    void leavesFilenameExpansionOffWhenTheCallerTurnedItOff() throws Exception {
        String out = sh(Map.of(), "set -f; . \"$1\"; spatialx_find_jdk >/dev/null 2>&1; case $- in *f*) echo off ;;"
                + " *) echo on ;; esac");
        assertEquals("off", out.strip());
    }

    private Path jdk(String name, String release) throws IOException {
        Path home = dir.resolve(name);
        executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        Files.writeString(home.resolve("release"), release, StandardCharsets.UTF_8);
        return home;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String major(Path home) throws Exception {
        return sh(Map.of("HOME_UNDER_TEST", home.toString()),
                ". \"$1\"; spatialx_read_major \"$HOME_UNDER_TEST\"; printf '%s' \"$spatialx_major\"");
    }

    /** Runs {@code script} with {@code sh -c}, the finder as $1; returns its standard output. */
    private String sh(Map<String, String> env, String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script, "sh", FINDER.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sh did not end: " + script);
        return out;
    }
}
