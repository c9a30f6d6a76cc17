package org.spatialx.plugins.curio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.KeyValue;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.technologies.TechnologyCatalog;
import org.spatialx.technologies.detection.DefaultSampleDataDetector;
import org.spatialx.technologies.storage.LocalStorageView;

/**
 * The plugin zip built by this module's package phase, dropped into an empty plugins folder, is
 * discovered by the host's catalog and used to parse a Curio Seeker sample folder.
 */
class CurioSeekerPluginIT {

    @TempDir
    Path temp;

    /**
     * A Curio Seeker sample folder derived from the real Visium MEX subset and its spot positions
     * (Curio writes the same Matrix Market triple, named after the sample, and a barcode,x,y CSV).
     */
    private Path curioSample() throws IOException {
        Path outs = Path.of(System.getProperty("spatialx.examples.dir"),
                "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs");
        Path sample = Files.createDirectories(temp.resolve("OUTPUT/sample1"));
        Files.copy(outs.resolve("raw_feature_bc_matrix/matrix.mtx"), sample.resolve("sample1_MoleculesPerMatchedBead.mtx"));
        Files.copy(outs.resolve("raw_feature_bc_matrix/barcodes.tsv"), sample.resolve("sample1_barcodes.tsv"));
        Files.copy(outs.resolve("raw_feature_bc_matrix/features.tsv"), sample.resolve("sample1_genes.tsv"));
        List<String> beads = new ArrayList<>(List.of(",x,y"));
        for (String line : Files.readAllLines(outs.resolve("spatial/tissue_positions_list.csv"))) {
            String[] cells = line.split(",");
            beads.add(cells[0] + "," + cells[5] + "," + cells[4]);
        }
        Files.write(sample.resolve("sample1_MatchedBeadLocation.csv"), beads);
        return sample;
    }

    @Test
    void builtZipIsDiscoveredAndParsesACurioSample() throws IOException {
        Path zip = Path.of(System.getProperty("spatialx.plugin.zip"));
        assertTrue(Files.isRegularFile(zip), "plugin zip not built: " + zip);
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        Path sample = curioSample();

        try (TechnologyCatalog catalog = TechnologyCatalog.load(plugins)) {
            assertTrue(catalog.problems().isEmpty(), catalog.problems().toString());
            assertEquals(List.of("curio-seeker"), catalog.plugins());
            assertTrue(catalog.origin("CURIO_SEEKER").startsWith("plugin curio-seeker "));
            DefaultSampleDataDetector detector = new DefaultSampleDataDetector(catalog);

            DetectionResult detected = detector.detect("sample1", null, new LocalStorageView(), sample.toString());
            assertEquals("CURIO_SEEKER", detected.best().orElseThrow().technology());
            assertEquals(List.of(
                            new KeyValue("matrix", sample.resolve("sample1_MoleculesPerMatchedBead.mtx").toString()),
                            new KeyValue("tissue_positions", sample.resolve("sample1_MatchedBeadLocation.csv").toString())),
                    detected.sampleData().get(0).files());
            assertEquals("SUBMIT_OTHERS_FORMAT_DATA", detected.sampleData().get(0).submissionType());

            // the OUTPUT/<sample> layout of the Curio pipeline, parsed from its results folder
            DetectionResult fromResults = detector.detectSamples("CURIO_SEEKER", new LocalStorageView(),
                    temp.resolve("OUTPUT").toString()).get(0).result();
            assertTrue(fromResults.complete());
        }
    }
}
