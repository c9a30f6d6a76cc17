package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        // upload_file, upload_big_file and upload_folder with debug_mode: no bar (the output is not a terminal),
        // lines on stderr: one per upload, and with debug_mode one at the start and per file of the folder
        assertTrue(out.contains("    name: experiment.xenium\n"), out);
        assertTrue(out.contains("    name: morphology_mip.ome.tif\n"), out);
        String err = outcome.err();
        assertFalse(err.contains("[====") || err.contains("\r"), err);
        Path tif = EXAMPLES.resolve("data/xenium/SFE_toy_Xenium_XOA1x_human_526cells/morphology_mip.ome.tif");
        assertTrue(err.contains("Uploading " + tif + " (115.8 KiB)\n"), err);
        assertTrue(err.contains("Uploaded " + tif + " (115.8 KiB) in "), err);
        Path prostate = EXAMPLES.resolve("data/xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
        assertTrue(err.contains(prostate + ": sending cells.parquet\n"), err);
        assertTrue(err.contains("Uploaded " + prostate.resolve("experiment.xenium") + " (2.3 KiB) in "), err);
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
        // 1.8.6's add_sample_data_element (data_extend/add) answers with a submission
        assertTrue(out.contains("    sample_data: None\n    submit_id: SB-"), out);
        // 1.9: PCA, UMAP, t-SNE, list_embedding, Louvain, k-means, metadata_reference and region segmentation on
        // the Visium data, each log ending with DONE.
        assertAnalysesRan(out);
        assertTrue(out.contains("left out: "), out);
        BufferedImage xenium = ImageIO.read(pictures.resolve("xenium_transcripts.png").toFile());
        BufferedImage cosmx = ImageIO.read(pictures.resolve("cosmx_transcripts.png").toFile());
        assertEquals(1000, xenium.getWidth());
        assertEquals(1000, cosmx.getWidth());
        // the analyses' results drawn from the stored table: UMAP and spots by k-means, spots by region
        for (String png : List.of("umap_by_kmeans.png", "spots_by_kmeans.png", "spots_by_region.png")) {
            assertTrue(Files.size(pictures.resolve(png)) > 5_000, png);
        }
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
        assertTrue(Files.size(pictures.resolve("umap_by_kmeans_js.png")) > 5_000);
        assertTrue(Files.size(pictures.resolve("spots_by_region_js.png")) > 5_000);
        assertAnalysesRan(out);
    }

    /** The notebook's analysis cells ran on the local server: their logs, listings and payloads. */
    private static void assertAnalysesRan(String out) {
        assertTrue(out.contains("] Added obsm 'Connector - PCA'\n"), out);
        assertTrue(out.contains("\nDONE.\n{\n    study_id: ST-"), out);
        assertTrue(out.contains("\n[\n    Connector - PCA\n    Spatial Spot centers\n]\n"), out);
        assertTrue(out.contains("] Added obsm 'Connector - UMAP'\n"), out);
        assertTrue(out.contains("] Added obsm 'Connector - tSNE'\n"), out);
        assertTrue(out.contains("\n[\n    Connector - PCA\n    Connector - UMAP\n    Connector - tSNE\n    Spatial Spot centers\n]\n"),
                out);
        assertTrue(out.contains("] Added obs 'Connector - Metadata Reference'"), out);
        assertTrue(out.contains("] Added obs 'Connector - Region Segmentation'"), out);
        assertTrue(out.contains("] Added obs 'Connector - Louvain'"), out);
        assertTrue(out.contains("] Added obs 'Connector - k-means'"), out);
        assertTrue(out.contains("\n[\n    Connector - Louvain\n    Connector - k-means\n    Number of genes\n"), out);
        assertTrue(out.contains("    analysis_id: AN-"), out);
        assertTrue(!out.contains("FAILED"), out);
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
    void aPythonErrorInsideTheStandardLibraryIsReportedAtTheScriptsLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("dumps.py");
        Files.writeString(script, "import json\nvalues = {'a': object()}\nprint(json.dumps(values))\n");
        Outcome outcome = run("run", script.toString());
        assertEquals(1, outcome.exit(), outcome.out() + outcome.err());
        assertEquals(script + ":3: TypeError: Object of type object is not JSON serializable", outcome.err().strip());
    }

    @Test
    void describeDataAnswersInSnakeCaseLikeTheRestOfThePythonApi(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("describe.py");
        Files.writeString(script, """
                import sys, spatialx_connector
                connector = spatialx_connector.local(home=sys.argv[1], mounts={"examples": sys.argv[2]})
                described = connector.describe_data(data_path=sys.argv[2] + "/cosmx/Lung12_GiottoData_mini_fov2-3")
                report = described["reports"][0]
                print(sorted(described.keys()), sorted(report.keys()))
                print(sorted(report["elements"][0].keys()), report["elements"][0]["element"]["wire_key"])
                """);
        Outcome outcome = run("run", script.toString(), dir.resolve("server-home").toString(),
                EXAMPLES.resolve("data").toString());
        assertEquals(0, outcome.exit(), outcome.out() + outcome.err());
        assertEquals("['reports', 'sample_data'] ['data_path', 'elements', 'part_of', 'technology', 'version', 'warnings']\n"
                + "['also_present', 'alternative', 'element', 'kind', 'looked_for', 'path', 'size', 'status', 'warnings']"
                + " fov_positions\n", outcome.out());
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
            {"plugins", "list", "--help"}, {"plugins", "install", "--help"}, {"plugins", "remove", "--help"},
            {"plugins", "new", "--help"}}) {
            Outcome outcome = run(command);
            assertEquals(0, outcome.exit(), String.join(" ", command));
            assertTrue(outcome.out().startsWith("Usage: spatialx " + command[0]), outcome.out());
        }
    }
}
