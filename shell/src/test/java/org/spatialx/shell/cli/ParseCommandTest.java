package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spatialx parse} over the bundled example data, in-process. */
class ParseCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "data").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private Run parse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "parse";
        all[1] = "--plugins";
        all[2] = temp.resolve("no-plugins").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void cosmxPrintsTheNotebooksBlockAndTheReport() {
        Path folder = EXAMPLES.resolve("cosmx/Lung12_GiottoData_mini_fov2-3");
        Run run = parse("--technology", "COSMX_VER1", "--name", "Lung 12", folder.toString());
        assertEquals(0, run.exit(), run.err());
        String expected = """
                [
                    {
                        name: Lung 12
                        submission_type: SUBMIT_SPATIAL_TRANSCRIPTOMICS
                        technology: COSMX_VER1
                        files: [
                            {
                                key: fov_positions
                                value: %1$s/Lung12_fov_positions_file.csv
                            }
                            {
                                key: transcripts
                                value: %1$s/Lung12_tx_file.csv
                            }
                        ]
                        folders: [
                            {
                                key: images
                                value: %1$s/CellComposite
                            }
                            {
                                key: segmentation
                                value: %1$s/CellLabels
                            }
                        ]
                        args: [
                            {
                                key: mpp
                                value: 0.18
                            }
                        ]
                        kwargs: []
                        identities: []
                    }
                ]
                """.formatted(folder);
        assertTrue(run.out().startsWith(expected), run.out());
        assertTrue(run.out().contains("Report for COSMX_VER1 (built-in) in " + folder + ": complete"), run.out());
        assertTrue(run.out().contains("[found   ] transcripts        Lung12_tx_file.csv (2.1 MiB) -> transcripts"), run.out());
    }

    @Test
    void withoutTechnologySaysWhichMatch() {
        Run run = parse(EXAMPLES.resolve("merscope/vpt_testdata_mouse_liver_fov192").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("technology: MERSCOPE_VER2"), run.out());
        assertTrue(run.out().contains("Matching technologies: MERSCOPE_VER2"), run.out());
        assertTrue(run.out().contains("also considered MERSCOPE_VER1: 4 element(s) found, missing segmentation"), run.out());
    }

    @Test
    void missingRequiredElementExitsNonZeroAndSaysWhereWeLooked() {
        Run run = parse(EXAMPLES.resolve("xenium/SFE_toy_Xenium_XOA1x_human_526cells").toString());
        assertEquals(ParseCommand.INCOMPLETE, run.exit());
        assertTrue(run.out().startsWith("[]\n"), run.out());
        assertTrue(run.out().contains("Matching technologies: none complete"), run.out());
        assertTrue(run.out().contains("also considered PROTEIN_OME_TIFF: 1 element(s) found, complete "
                + "(its files are part of the XENIUM layout)"), run.out());
        assertTrue(run.out().contains("Report for XENIUM (built-in)"), run.out());
        assertTrue(run.out().contains("[MISSING ] experiment"), run.out());
        assertTrue(run.out().contains("not found; looked for experiment.xenium, outs/experiment.xenium"), run.out());
    }

    @Test
    void folderOfSamplesIsParsedSampleBySample() throws IOException {
        Path parent = temp.resolve("runs");
        for (String sample : new String[] {"prostate_a", "prostate_b"}) {
            Path dir = Files.createDirectories(parent.resolve(sample));
            Path source = EXAMPLES.resolve("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
            for (String file : new String[] {"experiment.xenium", "transcripts.parquet"}) {
                Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(parent.resolve("empty_c"));
        Run run = parse(parent.toString());
        assertEquals(ParseCommand.INCOMPLETE, run.exit(), run.out());
        assertTrue(run.out().startsWith("[\n    {\n        sample_name: prostate_a\n        data: [\n            {\n"
                + "                name: prostate_a\n"), run.out());
        assertTrue(run.out().contains("sample_name: prostate_b"), run.out());
        assertTrue(run.out().contains("Fail to parse data in empty_c: no known technology matches"), run.out());
    }

    @Test
    void listsTheTechnologies() {
        Run run = parse("--list");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("COSMX_VER1        NanoString CosMx SMI, legacy flat files"), run.out());
        assertTrue(run.out().contains("XENIUM            10x Genomics Xenium (Xenium Onboard Analysis 1.x-3.x, Xenium Ranger) [built-in]"),
                run.out());
        assertTrue(run.out().contains("plugins folder: " + temp.resolve("no-plugins") + " (absent)"), run.out());
        Run missing = parse();
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("Missing PATH"), missing.err());
    }

    @Test
    void anUnknownTechnologyIsABadArgumentThatSuggestsTheNearestId() {
        Run run = parse("--technology", "XENUIM", EXAMPLES.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("spatialx parse: Unknown technology 'XENUIM'. Did you mean XENIUM? Known: COSMX_VER1, "),
                run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void aFolderOfFoldersOfSamplesNamesTheFoldersToParse() {
        Run run = parse(EXAMPLES.toString());
        assertEquals(ParseCommand.INCOMPLETE, run.exit(), run.err());
        assertTrue(run.out().contains("No known technology matches"), run.out());
        assertTrue(run.out().contains("Instrument outputs are one level further down"), run.out());
        assertTrue(run.out().contains("  spatialx parse " + EXAMPLES.resolve("xenium")
                + "    # 1 sample: Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset (XENIUM)\n"), run.out());
        assertTrue(run.out().contains("  spatialx parse " + EXAMPLES.resolve("cosmx")
                + "    # 1 sample: Lung12_GiottoData_mini_fov2-3 (COSMX_VER1)\n"), run.out());
    }

    @Test
    void aTieBetweenTwoCompleteTechnologiesIsExplained() {
        Run run = parse(EXAMPLES.resolve("cosmx/Lung12_GiottoData_mini_fov2-3").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Matching technologies: COSMX_VER1, COSMX_VER2\n"
                + "  also considered COSMX_VER2: 4 element(s) found, complete\n"
                + "    COSMX_VER1 was chosen: Lung12_fov_positions_file.csv, Lung12_tx_file.csv are its preferred file names,"
                + " only fallbacks for COSMX_VER2\n"
                + "    COSMX_VER2: FOV positions are in px, as in legacy (COSMX_VER1) exports; check the technology\n"),
                run.out());
    }

    @Test
    void notAFolderIsABadArgument() {
        Run run = parse(temp.resolve("absent").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("Not a folder: "), run.err());
    }
}
