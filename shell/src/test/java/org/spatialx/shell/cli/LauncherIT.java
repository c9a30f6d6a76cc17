package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the build that packaged the shell (this one: it runs after package), {@code ./spatialx}
 * knows its jars are up to date and runs them at once instead of building again: the build, not
 * only the launcher, writes the marker the launcher compares the sources with.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MARKER = ROOT.resolve("shell/target/spatialx-built");

    @TempDir
    Path home;

    @Test
    void theLauncherRunsTheJarsThisBuildPackagedWithoutRebuilding() throws Exception {
        assertTrue(Files.isRegularFile(MARKER), "the package phase writes " + MARKER);
        List<Path> newer = sourcesNewerThan(Files.getLastModifiedTime(MARKER));
        assertTrue(newer.isEmpty(), "no main source or pom is newer than the marker (edited during the build?): " + newer);

        Process launcher = new ProcessBuilder(ROOT.resolve("spatialx").toString(), "version").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile()).start();
        launcher.getOutputStream().close();
        assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "./spatialx version did not end");
        String output = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, launcher.exitValue(), output);
        assertFalse(output.contains("spatialx: building") || output.contains("rebuilding"), "no build: " + output);
        assertTrue(output.contains("spatialx"), output);
    }

    /** The launcher's rule: files under a src/main folder, and poms, outside target/ and .git/. */
    private static List<Path> sourcesNewerThan(FileTime marker) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String path = ROOT.relativize(file).toString().replace('\\', '/');
                        return !path.startsWith(".git/") && !path.contains("target/")
                                && (path.contains("src/main/") || path.endsWith("pom.xml"));
                    })
                    .filter(file -> {
                        try {
                            return Files.getLastModifiedTime(file).compareTo(marker) > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }
}
