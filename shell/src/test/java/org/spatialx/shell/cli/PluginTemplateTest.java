package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.Spi;

/**
 * {@code spatialx plugins new} and the plugin template it writes (plugins/technology-template): a
 * new plugin project builds in a temporary folder against a fresh Maven repository holding only the
 * spatialx-api artifact (installed there as the docs say), and its zip, installed, parses a sample.
 */
class PluginTemplateTest {

    /** The repository's root (tests run in the shell module's folder). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TEMPLATE = ROOT.resolve("plugins/technology-template");

    @TempDir
    Path dir;

    @RegisterExtension
    final TemporaryHome home = new TemporaryHome();

    @Test
    void theBundledFileListIsTheTemplatesAndItsVersionsAreThisBuilds() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            List<String> found = files.filter(Files::isRegularFile)
                    .map(file -> TEMPLATE.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.startsWith("target/"))
                    .sorted().toList();
            assertEquals(NewPluginCommand.TEMPLATE_FILES.stream().sorted().toList(), found,
                    "NewPluginCommand.TEMPLATE_FILES names every file of the template");
        }
        String pom = Files.readString(TEMPLATE.resolve("pom.xml"));
        assertTrue(pom.contains("<spatialx.version>" + System.getProperty("spatialx.version") + "</spatialx.version>"),
                "the template builds against this build's spatialx-api");
        assertTrue(pom.contains("<spatialx.spi>" + Spi.VERSION + "</spatialx.spi>"), "the template requires this SPI");
        assertTrue(!pom.contains("<parent>"), "the template inherits nothing of this repository");
    }

    @Test
    void newWritesTheTemplateRenamedAfterThePlugin() throws IOException {
        RunCommandTest.Outcome created = RunCommandTest.run("plugins", "new", "lab-seq", "--dir", dir.toString());
        assertEquals(0, created.exit(), created.err());
        Path project = dir.resolve("lab-seq");
        assertTrue(created.out().startsWith("Wrote " + project + ": plugin lab-seq, technology LAB_SEQ"
                + " (org.example.spatialx.labseq.LabSeqTechnology)."), created.out());
        assertTrue(created.out().contains("./mvnw install -pl api -am -DskipTests"), created.out());
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>lab-seq</artifactId>") && pom.contains("<plugin.id>lab-seq</plugin.id>"), pom);
        String source = Files.readString(project.resolve("src/main/java/org/example/spatialx/labseq/LabSeqTechnology.java"));
        assertTrue(source.startsWith("package org.example.spatialx.labseq;"), source);
        assertTrue(source.contains("public final class LabSeqTechnology implements Technology")
                && source.contains("return \"LAB_SEQ\";"), source);
        assertTrue(Files.isRegularFile(project.resolve("src/test/java/org/example/spatialx/labseq/LabSeqTechnologyTest.java")));
        assertTrue(Files.readString(project.resolve("README.md")).contains("--technology LAB_SEQ"));

        RunCommandTest.Outcome again = RunCommandTest.run("plugins", "new", "lab-seq", "--dir", dir.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains(project + " exists and is not empty"), again.err());
        RunCommandTest.Outcome badName = RunCommandTest.run("plugins", "new", "Lab Seq", "--dir", dir.toString());
        assertEquals(1, badName.exit());
        assertTrue(badName.err().contains("'Lab Seq' is not a plugin name"), badName.err());
    }

    @Test
    void aNewPluginBuildsAgainstTheApiAloneAndItsZipParsesASample() throws Exception {
        Path ownRepository = Path.of(System.getProperty("spatialx.maven.repo", ""));
        assumeTrue(Files.isDirectory(ownRepository), "needs this build's Maven repository to mirror (spatialx.maven.repo)");
        assertEquals(0, RunCommandTest.run("plugins", "new", "lab-seq", "--dir", dir.toString()).exit());
        Path project = dir.resolve("lab-seq");
        Path repository = dir.resolve("fresh-repository");
        // no network: every artifact comes from this build's repository, copied into the fresh one as needed
        Path settings = Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(ownRepository.toUri()));

        maven(ROOT, settings, repository, "install", "-pl", "api", "-am", "-DskipTests"); // as the docs say
        try (Stream<Path> ours = Files.list(repository.resolve("org/spatialx"))) {
            assertEquals(List.of("spatialx-api", "spatialx-parent"), ours.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the fresh repository holds the api artifact (and its parent pom) alone");
        }
        maven(project, settings, repository, "package");
        Path zip = project.resolve("target/lab-seq-0.1.0.zip");
        assertTrue(Files.isRegularFile(zip), "no plugin zip built");
        assertTrue(Files.isRegularFile(project.resolve("target/surefire-reports/TEST-org.example.spatialx.labseq.LabSeqTechnologyTest.xml")),
                "the template's own test ran");

        assertEquals(0, RunCommandTest.run("plugins", "install", zip.toString()).exit());
        RunCommandTest.Outcome parsed = RunCommandTest.run("parse", "--plugins",
                home.path().resolve("plugins").toString(), "--technology", "LAB_SEQ", sample().toString());
        assertEquals(0, parsed.exit(), parsed.out() + parsed.err());
        assertTrue(parsed.out().contains("technology: LAB_SEQ"), parsed.out());
        assertTrue(parsed.out().contains("Report for LAB_SEQ (plugin lab-seq 0.1.0)"), parsed.out());
        assertTrue(parsed.out().contains("software version: 2.1.0 (outs/run_summary.json software_version)"), parsed.out());
    }

    /** A sample of the template's example instrument, made of the bundled Visium subset's real files. */
    private Path sample() throws IOException {
        Path outs = ROOT.resolve("examples/data/visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs");
        Path sample = Files.createDirectories(dir.resolve("sample1/outs"));
        Files.copy(outs.resolve("raw_feature_bc_matrix/matrix.mtx"), sample.resolve("sample1_matrix.mtx"));
        Files.copy(outs.resolve("raw_feature_bc_matrix/barcodes.tsv"), sample.resolve("sample1_barcodes.tsv"));
        Files.copy(outs.resolve("spatial/tissue_positions_list.csv"), sample.resolve("sample1_positions.csv"));
        Files.writeString(sample.resolve("run_summary.json"), "{\"spots\": 50, \"software_version\": \"2.1.0\"}");
        return sample.getParent();
    }

    /** Runs the repository's Maven wrapper in {@code folder} with {@code settings} and the local repository {@code repository}. */
    private static void maven(Path folder, Path settings, Path repository, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-s", settings.toString(), "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(repository.getParent(), "maven-", ".log");
        Process maven = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(maven.waitFor(10, TimeUnit.MINUTES), "Maven did not finish in 10 minutes");
        assertEquals(0, maven.exitValue(), String.join(" ", command) + " in " + folder + " failed:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }
}
