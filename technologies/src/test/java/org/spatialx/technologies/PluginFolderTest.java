package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.technologies.PluginFolder.InstalledPlugin;
import org.spatialx.technologies.testplugin.BeadArrayTechnology;

/**
 * A plugins folder with real PF4J plugin zips built here: zips are unpacked out of sight, so deleting
 * a zip unloads its plugin; install replaces another version; remove takes the unpacked copy too.
 */
class PluginFolderTest {

    @TempDir
    Path temp;

    /** A PF4J plugin zip: plugin.properties, the technology's class and the extension index under classes/. */
    private Path pluginZip(Path folder, String file, String version) throws IOException {
        Files.createDirectories(folder);
        Path zip = folder.resolve(file);
        String classFile = BeadArrayTechnology.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("plugin.properties"));
            entries.write(("plugin.id=bead-array\nplugin.version=" + version + "\nplugin.requires=>=0.1.0\n"
                    + "plugin.description=Bead arrays\n").getBytes(StandardCharsets.ISO_8859_1));
            entries.putNextEntry(new ZipEntry("classes/" + classFile));
            try (InputStream in = BeadArrayTechnology.class.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(entries);
            }
            entries.putNextEntry(new ZipEntry("classes/META-INF/extensions.idx"));
            entries.write((BeadArrayTechnology.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    private static boolean loads(Path plugins) {
        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            assertTrue(catalog.problems().isEmpty(), catalog.problems().toString());
            return catalog.find("BEAD_ARRAY").isPresent();
        }
    }

    @Test
    void aZipIsUnpackedOutOfSightAndDeletingItUnloadsItsPlugin() throws IOException {
        Path plugins = temp.resolve("plugins");
        Path zip = pluginZip(plugins, "bead-array-1.0.0.zip", "1.0.0");
        assertTrue(loads(plugins));
        assertTrue(Files.isRegularFile(plugins.resolve(".unpacked/bead-array-1.0.0/plugin.properties")));
        assertFalse(Files.exists(plugins.resolve("bead-array-1.0.0")), "nothing unpacked beside the zip");

        Files.delete(zip);
        assertFalse(loads(plugins), "a zip deleted by hand takes its plugin away");
        assertFalse(Files.exists(plugins.resolve(".unpacked/bead-array-1.0.0")), "its unpacked copy is gone");
    }

    @Test
    void installCreatesTheFolderAndReplacesAnotherVersionRemoveTakesEverything() throws IOException {
        Path plugins = temp.resolve("home/plugins");
        PluginFolder folder = new PluginFolder(plugins);
        Path older = pluginZip(temp.resolve("downloads"), "bead-array-1.0.0.zip", "1.0.0");
        Path newer = pluginZip(temp.resolve("downloads"), "bead-array-1.1.0.zip", "1.1.0");

        List<InstalledPlugin> first = folder.install(older);
        assertEquals(plugins.resolve("bead-array-1.0.0.zip"), first.get(0).path());
        assertEquals(1, first.size());
        assertTrue(loads(plugins));

        List<InstalledPlugin> second = folder.install(newer);
        assertEquals("1.1.0", second.get(0).version());
        assertEquals(List.of(plugins.resolve("bead-array-1.0.0.zip")), second.subList(1, 2).stream().map(InstalledPlugin::path).toList());
        assertEquals(List.of(new InstalledPlugin("bead-array", "1.1.0", "Bead arrays", plugins.resolve("bead-array-1.1.0.zip"))),
                folder.installed());
        assertFalse(Files.exists(plugins.resolve(".unpacked/bead-array-1.0.0")), "the old version's copy is gone");
        assertTrue(loads(plugins));

        assertEquals("1.1.0", folder.remove("bead-array").orElseThrow().version());
        assertTrue(folder.installed().isEmpty());
        assertFalse(Files.exists(plugins.resolve(".unpacked/bead-array-1.1.0")));
        assertFalse(loads(plugins));
        assertTrue(folder.remove("bead-array").isEmpty());
    }

    @Test
    void aFolderBesideItsZipIsAnEarlierUnpackedCopyNotASecondPlugin() throws IOException {
        Path plugins = temp.resolve("plugins");
        pluginZip(plugins, "bead-array-1.0.0.zip", "1.0.0");
        Path stale = Files.createDirectories(plugins.resolve("bead-array-1.0.0"));
        Files.writeString(stale.resolve("plugin.properties"), "plugin.id=bead-array\nplugin.version=0.9.0\n");
        assertTrue(loads(plugins), "loaded once, from the zip, with no duplicate reported");
        assertEquals(List.of("1.0.0"), new PluginFolder(plugins).installed().stream().map(InstalledPlugin::version).toList());
        new PluginFolder(plugins).remove("bead-array");
        assertFalse(Files.exists(stale), "remove also takes the earlier copy");
    }

    @Test
    void aZipWhoseEntriesLeaveItsFolderIsNotUnpacked() throws IOException {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        try (OutputStream out = Files.newOutputStream(plugins.resolve("evil-1.0.0.zip"));
             ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("plugin.properties"));
            entries.write("plugin.id=evil\nplugin.version=1.0.0\n".getBytes(StandardCharsets.ISO_8859_1));
            entries.putNextEntry(new ZipEntry("../../escaped.txt"));
            entries.write("outside".getBytes(StandardCharsets.UTF_8));
        }
        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            assertEquals("evil-1.0.0.zip", catalog.problems().get(0).plugin(), catalog.problems().toString());
        }
        assertFalse(Files.exists(temp.resolve("escaped.txt")));
        assertFalse(Files.exists(plugins.resolve(".unpacked/evil-1.0.0")));
    }

    @Test
    void aFileThatIsNotAPluginIsRefusedByName() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.zip"), "not a zip");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PluginFolder(temp.resolve("plugins")).install(text));
        assertTrue(error.getMessage().startsWith(text + " is not a zip or jar file"), error.getMessage());
        assertFalse(Files.exists(temp.resolve("plugins/notes.zip")));
    }
}
