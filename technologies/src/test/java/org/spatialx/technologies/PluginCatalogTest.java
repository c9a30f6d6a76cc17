package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.Technology;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;
import org.spatialx.technologies.testplugin.BeadArrayTechnology;
import org.spatialx.technologies.testplugin.DuplicateXeniumTechnology;
import org.spatialx.technologies.testplugin.FailingStartPlugin;
import org.spatialx.technologies.testplugin.ThrowingTechnology;
import org.spatialx.technologies.testplugin.VersionThrowingTechnology;

/**
 * Plugin jars built at test time (like PF4J's JarPluginManagerTest) and dropped into a plugins
 * folder: a good one is discovered and used; broken ones are reported and skipped.
 */
class PluginCatalogTest {

    @TempDir
    Path plugins;

    /** Writes a plugin jar holding {@code technology}'s class, an extensions.idx naming it, and {@code properties}. */
    private Path pluginJar(String file, String properties, Class<? extends Technology> technology) throws IOException {
        Path jar = plugins.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("plugin.properties"));
            zip.write(properties.getBytes(StandardCharsets.ISO_8859_1));
            zip.closeEntry();
            if (technology != null) {
                String classFile = technology.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new JarEntry(classFile));
                try (InputStream in = technology.getClassLoader().getResourceAsStream(classFile)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                zip.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                zip.write((technology.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String descriptor(String id, String requires) {
        return "plugin.id=" + id + "\nplugin.version=1.0.0\nplugin.requires=" + requires + "\nplugin.provider=tests\n";
    }

    @Test
    void goodPluginIsUsedAndBrokenOnesAreReportedAndSkipped() throws IOException {
        pluginJar("bead-array-1.0.0.jar", descriptor("bead-array", ">=0.1.0"), BeadArrayTechnology.class);
        pluginJar("throwing-1.0.0.jar", descriptor("throwing", ">=0.1.0"), ThrowingTechnology.class);
        pluginJar("duplicate-1.0.0.jar", descriptor("duplicate", ">=0.1.0"), DuplicateXeniumTechnology.class);
        pluginJar("future-1.0.0.jar", descriptor("future", ">=9.0.0"), BeadArrayTechnology.class);
        pluginJar("no-id-1.0.0.jar", "plugin.version=1.0.0\n", BeadArrayTechnology.class);
        pluginJar("empty-1.0.0.jar", descriptor("empty", ">=0.1.0"), null);

        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            assertTrue(catalog.find("BEAD_ARRAY").isPresent(), catalog.problems().toString());
            assertEquals("plugin bead-array 1.0.0", catalog.origin("BEAD_ARRAY"));
            assertEquals("built-in", catalog.origin("XENIUM"));
            assertEquals(19, catalog.technologies().size());

            Map<String, String> problems = new TreeMap<>(catalog.problems().stream()
                    .collect(Collectors.toMap(PluginProblem::plugin, PluginProblem::problem, (a, b) -> a + " | " + b)));
            assertEquals(List.of("duplicate", "empty", "future", "no-id-1.0.0.jar", "throwing"),
                    List.copyOf(problems.keySet()), problems.toString());
            assertTrue(problems.get("throwing").contains("throws: element table not initialised"), problems.get("throwing"));
            assertTrue(problems.get("duplicate").contains("technology XENIUM is already provided by built-in"));
            assertTrue(problems.get("future").startsWith("incompatible: requires SPI >=9.0.0, this is " + org.spatialx.api.Spi.VERSION),
                    problems.get("future"));
            assertTrue(problems.get("no-id-1.0.0.jar").startsWith("cannot be loaded"), problems.get("no-id-1.0.0.jar"));
            assertTrue(problems.get("empty").startsWith("declares no Technology or Analysis extension"));

            // the plugin's technology is used for detection, loaded by the plugin's own class loader
            Technology bead = catalog.require("BEAD_ARRAY");
            assertTrue(bead.getClass().getClassLoader() != BeadArrayTechnology.class.getClassLoader());
            Path puck = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo");
            DetectionResult result = new DefaultSampleDataDetector(catalog)
                    .detect("puck", "BEAD_ARRAY", new LocalStorageView(), puck.toString());
            assertEquals("BEAD_ARRAY", result.sampleData().get(0).technology());
            assertEquals("SUBMIT_OTHERS_FORMAT_DATA", result.sampleData().get(0).submissionType());
        }
    }

    @Test
    void technologyThrowingDuringDetectionBecomesAWarning() throws IOException {
        pluginJar("broken-version-1.0.0.jar", descriptor("broken-version", ">=0.1.0"), VersionThrowingTechnology.class);
        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            Path puck = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo");
            DetectionResult result = new DefaultSampleDataDetector(catalog)
                    .detect("puck", null, new LocalStorageView(), puck.toString());
            var report = result.reports().stream()
                    .filter(r -> r.technology().equals("GEM_WITH_BROKEN_VERSION")).findFirst().orElseThrow();
            assertTrue(report.complete());
            assertTrue(report.warnings().contains(
                    "could not read the software version: java.lang.UnsupportedOperationException: header parser not written yet"),
                    report.warnings().toString());
            // the built-in still wins: it found the same file by its own first alternative
            assertTrue(result.matchingTechnologies().contains("STOMICS"), result.matchingTechnologies().toString());
        }
    }

    @Test
    void pluginWhoseStartThrowsIsReported() throws IOException {
        Path jar = pluginJar("failing-start-1.0.0.jar", descriptor("failing-start", ">=0.1.0")
                + "plugin.class=" + FailingStartPlugin.class.getName() + "\n", BeadArrayTechnology.class);
        try (var fs = java.nio.file.FileSystems.newFileSystem(jar)) {
            String classFile = FailingStartPlugin.class.getName().replace('.', '/') + ".class";
            Path target = fs.getPath(classFile);
            Files.createDirectories(target.getParent());
            try (InputStream in = FailingStartPlugin.class.getClassLoader().getResourceAsStream(classFile)) {
                Files.copy(in, target);
            }
        }
        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            assertTrue(catalog.find("BEAD_ARRAY").isEmpty());
            assertEquals(1, catalog.problems().size(), catalog.problems().toString());
            assertEquals("failing-start", catalog.problems().get(0).plugin());
            assertTrue(catalog.problems().get(0).problem().contains("licence server unreachable"),
                    catalog.problems().get(0).problem());
            assertEquals(18, catalog.technologies().size());
        }
    }

    @Test
    void serviceLoaderFindsTheDetector() {
        var detector = java.util.ServiceLoader.load(org.spatialx.api.detection.SampleDataDetector.class).findFirst();
        assertTrue(detector.isPresent());
        assertTrue(detector.get().technologies().contains("XENIUM"));
    }

    @Test
    void missingPluginsFolderMeansBuiltInsOnly() {
        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins.resolve("absent"))) {
            assertEquals(18, catalog.technologies().size());
            assertTrue(catalog.problems().isEmpty());
            assertTrue(catalog.plugins().isEmpty());
        }
    }

    @Test
    void defaultFolderFollowsTheSystemProperty() {
        String before = System.getProperty(TechnologyCatalog.PLUGINS_DIR_PROPERTY);
        try {
            System.setProperty(TechnologyCatalog.PLUGINS_DIR_PROPERTY, plugins.toString());
            assertEquals(plugins, TechnologyCatalog.defaultPluginsFolder());
        } finally {
            if (before == null) {
                System.clearProperty(TechnologyCatalog.PLUGINS_DIR_PROPERTY);
            } else {
                System.setProperty(TechnologyCatalog.PLUGINS_DIR_PROPERTY, before);
            }
        }
    }
}
