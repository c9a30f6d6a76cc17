package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.shell.script.SpatialxHome;

/**
 * {@code spatialx run}: the shipped notebook scripts (Python and JavaScript) against the embedded
 * local server on the bundled data, and the exit codes of failing, exiting and missing scripts.
 */
class RunCommandTest {

    /** The repository's examples folder (tests run in the shell module folder). */
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    @BeforeAll
    static void useTemporaryHome() {
        System.setProperty(SpatialxHome.PROPERTY, home.toString());
        System.setProperty("java.awt.headless", "true");
    }

    @AfterAll
    static void restoreHome() {
        System.clearProperty(SpatialxHome.PROPERTY);
    }

    record Outcome(int exit, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void pythonNotebookWalksTheLocalServerAndDrawsPictures(@TempDir Path pictures) throws Exception {
        Outcome outcome = run("run", EXAMPLES.resolve("notebook.py").toString(), pictures.toString());
        assertEquals(0, outcome.exit(), outcome.out() + outcome.err());
        String out = outcome.out();
        assertTrue(out.contains("    Personal workspace: "), out);
        assertTrue(out.contains("    All members: GLOBAL_GROUP\n"), out);
        // listdir of the bundled data: a local path outside every mount, read by the script's own server
        assertTrue(out.contains("['SFE_toy_Xenium_XOA1x_human_526cells', 'Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset']\n"),
                out);
        // upload_file, upload_big_file (debug_mode, but no bar: the output is not a terminal)
        assertTrue(out.contains("    name: experiment.xenium\n"), out);
        assertTrue(out.contains("    name: morphology_mip.ome.tif\n"), out);
        assertTrue(!out.contains("[===="), out);
        // parse_data_information by the server, then the notebook's submit of Xenium + Visium
        assertTrue(out.contains("        technology: VISIUM\n"), out);
        assertTrue(out.contains("            submit_name: Visium_V2_Human_Colon_Cancer_P2\n"), out);
        // list_study's table, then studies[0][ConnectorKeys.STUDY_ID.value] of the notebook's cell 1.6.2
        assertTrue(out.contains("─┼─"), out);
        assertTrue(out.contains("        title: Human Colon Cancer - 10xgenomics\n"), out);
        // add_custom_sample with enum members as keys, values and group
        assertTrue(out.contains("'submit_name': 'human_pancreas_codex'"), out);
        assertTrue(out.contains("        points: 5260\n"), out); // data rows of the bundled Xenium transcripts.csv.gz
        assertTrue(out.contains("        polygons: 526\n"), out); // cells of its cell_boundaries.parquet
        assertTrue(out.contains("left out: "), out);
        BufferedImage xenium = ImageIO.read(pictures.resolve("xenium_transcripts.png").toFile());
        BufferedImage cosmx = ImageIO.read(pictures.resolve("cosmx_transcripts.png").toFile());
        assertEquals(1000, xenium.getWidth());
        assertEquals(1000, cosmx.getWidth());
    }

    @Test
    void javascriptNotebookRunsTheSameSteps(@TempDir Path pictures) throws Exception {
        Outcome outcome = run("run", EXAMPLES.resolve("notebook.js").toString(), pictures.toString());
        assertEquals(0, outcome.exit(), outcome.out() + outcome.err());
        String out = outcome.out();
        assertTrue(out.contains("    All members: GLOBAL_GROUP\n"), out);
        assertTrue(out.contains("SFE_toy_Xenium_XOA1x_human_526cells,Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset\n"), out);
        assertTrue(out.contains("            submit_name: Visium_V2_Human_Colon_Cancer_P2\n"), out);
        assertTrue(out.contains("            submit_name: human_pancreas_codex\n"), out);
        assertTrue(out.contains("    points: 5260\n"), out);
        assertTrue(out.contains("    polygons: 526\n"), out);
        assertTrue(Files.size(pictures.resolve("xenium_transcripts_js.png")) > 10_000);
    }

    @Test
    void aScriptsOwnServerReadsLocalPathsAndTakesMountsWhileRunning(@TempDir Path dir) throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path more = Files.createDirectories(dir.resolve("more"));
        Path mine = Files.createDirectories(dir.resolve("elsewhere/run1"));
        Files.writeString(mine.resolve("experiment.xenium"), "{}");
        Path script = dir.resolve("local.py");
        Files.writeString(script, """
                import sys
                import spatialx_connector
                from spatialx_connector import SpatialXConnector
                connector = SpatialXConnector(domain="", token="")
                print("folders", sorted(connector.folders))
                print("listdir", connector.listdir(sys.argv[1]))
                again = spatialx_connector.local(mounts={"more": sys.argv[2]})
                print("again", sorted(again.folders))
                """);
        Outcome outcome = run("run", "--mount", "lab=" + lab, script.toString(), mine.toString(), more.toString());
        assertEquals(0, outcome.exit(), outcome.out() + outcome.err());
        assertTrue(outcome.out().contains("folders ['Converted', 'Submitted', 'Upload', 'lab', 'shared']\n"), outcome.out());
        assertTrue(outcome.out().contains("listdir ['experiment.xenium']\n"), outcome.out());
        assertTrue(outcome.out().contains("again ['Converted', 'Submitted', 'Upload', 'lab', 'more', 'shared']\n"),
                outcome.out());
    }

    @Test
    void failingScriptExitsOneWithFileLineAndTheConnectorMessage(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("fails.js");
        Files.writeString(script, """
                const connector = spatialx_connector.local({home: argv[1]});
                console.log("groups", Object.keys(connector.groups).length);
                connector.get_study_detail({study_id: "ST-does-not-exist"});
                console.log("not reached");
                """);
        Outcome outcome = run("run", script.toString(), dir.resolve("server-home").toString());
        assertEquals(1, outcome.exit(), outcome.out() + outcome.err());
        assertTrue(outcome.out().contains("groups 2\n"), outcome.out());
        assertTrue(!outcome.out().contains("not reached"), outcome.out());
        String firstLine = outcome.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith(script + ":3: SpatialXError: "), outcome.err());
        assertTrue(firstLine.contains("ST-does-not-exist"), outcome.err());
    }

    @Test
    void pythonExitStatusIsTheProcessExitCode(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("exits.py");
        Files.writeString(script, "import sys\nprint('arguments', sys.argv[1:])\nsys.exit(int(sys.argv[1]))\n");
        Outcome outcome = run("run", script.toString(), "3", "--not-an-option-of-spatialx");
        assertEquals(3, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("arguments ['3', '--not-an-option-of-spatialx']"), outcome.out());
    }

    @Test
    void missingScriptOrUnknownLanguageExitsTwo(@TempDir Path dir) throws Exception {
        Outcome missing = run("run", dir.resolve("nothing.py").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such script: " + dir.resolve("nothing.py")), missing.err());
        Path text = Files.writeString(dir.resolve("notes.txt"), "print(1)");
        Outcome unknown = run("run", text.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("use a .py (Python) or .js (JavaScript) file"), unknown.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"run", "--help"}, {"shell", "--help"}, {"plugins", "--help"},
            {"plugins", "list", "--help"}, {"plugins", "install", "--help"}}) {
            Outcome outcome = run(command);
            assertEquals(0, outcome.exit(), String.join(" ", command));
            assertTrue(outcome.out().startsWith("Usage: spatialx " + command[0]), outcome.out());
        }
    }
}
