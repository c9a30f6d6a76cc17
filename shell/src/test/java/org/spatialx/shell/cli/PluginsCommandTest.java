package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code spatialx plugins install|list} with a real PF4J plugin zip built here. */
class PluginsCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final TemporaryHome home = new TemporaryHome();

    private Path pluginZip(String name, String properties) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("plugin.properties"));
            out.write(properties.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("classes/"));
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void installCopiesAPluginThatListThenLoads() throws Exception {
        Path zip = pluginZip("demo-technology-1.0.0.zip", """
                plugin.id=demo-technology
                plugin.version=1.0.0
                plugin.description=A demo technology
                plugin.provider=Tests
                """);
        RunCommandTest.Outcome empty = RunCommandTest.run("plugins", "list");
        assertEquals(0, empty.exit());
        assertTrue(empty.out().contains("spatialx plugins install"), empty.out());
        assertTrue(empty.out().contains("Technologies:\n"), empty.out());
        assertTrue(empty.out().lines().anyMatch(line -> line.matches(" +XENIUM +built-in")), empty.out());

        RunCommandTest.Outcome installed = RunCommandTest.run("plugins", "install", zip.toString());
        assertEquals(0, installed.exit(), installed.err());
        Path target = home.path().resolve("plugins").resolve("demo-technology-1.0.0.zip");
        assertTrue(installed.out().contains("Installed demo-technology 1.0.0 into " + target), installed.out());
        assertEquals(Files.size(zip), Files.size(target));

        RunCommandTest.Outcome listed = RunCommandTest.run("plugins", "list");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("    demo-technology 1.0.0  A demo technology  (demo-technology-1.0.0.zip) [STARTED]"),
                listed.out());
    }

    @Test
    void installReplacesAnotherVersionAndRemoveTakesThePluginAway() throws Exception {
        Path older = pluginZip("demo-technology-1.0.0.zip", "plugin.id=demo-technology\nplugin.version=1.0.0\n");
        Path newer = pluginZip("demo-technology-1.1.0.zip", "plugin.id=demo-technology\nplugin.version=1.1.0\n");
        Path plugins = home.path().resolve("plugins");
        assertEquals(0, RunCommandTest.run("plugins", "install", older.toString()).exit());
        assertEquals(0, RunCommandTest.run("plugins", "list").exit()); // loads it: PF4J's copy is unpacked
        RunCommandTest.Outcome replaced = RunCommandTest.run("plugins", "install", newer.toString());
        assertEquals(0, replaced.exit(), replaced.err());
        assertTrue(replaced.out().contains("Installed demo-technology 1.1.0 into " + plugins.resolve("demo-technology-1.1.0.zip")
                + "\n    replacing demo-technology-1.0.0.zip (1.0.0)\n"), replaced.out());
        assertTrue(Files.notExists(plugins.resolve("demo-technology-1.0.0.zip")));

        RunCommandTest.Outcome removed = RunCommandTest.run("plugins", "remove", "demo-technology");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(removed.out().startsWith("Removed demo-technology 1.1.0 ("), removed.out());
        try (var left = Files.list(plugins)) {
            assertEquals(List.of(".unpacked"), left.map(p -> p.getFileName().toString()).toList());
        }
        try (var copies = Files.list(plugins.resolve(".unpacked"))) {
            assertEquals(0, copies.count(), "the unpacked copy went with its zip");
        }
        RunCommandTest.Outcome absent = RunCommandTest.run("plugins", "remove", "demo-technology");
        assertEquals(1, absent.exit());
        assertTrue(absent.err().contains("no plugin 'demo-technology' in " + plugins + "; installed: none"), absent.err());
    }

    @Test
    void installRefusesAZipWithoutPluginId() throws Exception {
        Path zip = pluginZip("not-a-plugin.zip", "name=nothing\n");
        RunCommandTest.Outcome outcome = RunCommandTest.run("plugins", "install", zip.toString());
        assertEquals(1, outcome.exit());
        assertTrue(outcome.err().contains(zip + " is not a PF4J plugin: no plugin.id in plugin.properties"), outcome.err());
        assertTrue(Files.notExists(home.path().resolve("plugins").resolve("not-a-plugin.zip")));
    }
}
