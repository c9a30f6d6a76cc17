package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.technology.DetectionException;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.ElementStatus;
import org.spatialx.formats.testing.ExampleData;

/** Layout variants derived from the real files: renamed, compressed, removed and re-arranged outputs. */
class LayoutVariantsTest {

    @TempDir
    Path temp;

    private static Path xeniumWithExperiment(Path into) throws IOException {
        Path root = ExampleData.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells"), into);
        Files.copy(ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset")
                .resolve("experiment.xenium"), root.resolve("experiment.xenium"));
        return root;
    }

    private static List<String> files(SampleData data, Path root) {
        return data.files().stream()
                .map(kv -> kv.key() + "=" + root.relativize(Path.of(String.valueOf(kv.value()))))
                .toList();
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }

    @Test
    void xeniumFilesInTheServersOrderPreferringCsv() throws IOException {
        Path root = xeniumWithExperiment(temp.resolve("run"));
        Files.copy(root.resolve("cells.csv.gz"), root.resolve("Xenium_V1_run_he_imagealignment.csv"));
        DetectionResult result = Detections.detect(root, "XENIUM");
        assertEquals(List.of(
                        "experiment=experiment.xenium",
                        "images=morphology_focus.ome.tif",
                        "alignment=Xenium_V1_run_he_imagealignment.csv",
                        "segmentation=cell_boundaries.csv.gz",
                        "transcripts=transcripts.csv.gz"),
                files(result.sampleData().get(0), root));
        DetectionReport report = result.best().orElseThrow();
        assertTrue(report.element("transcripts").orElseThrow().warnings().get(0)
                .startsWith("also present: transcripts.parquet"));
    }

    @Test
    void xenium3xWithoutCsvUsesParquet() throws IOException {
        Path root = xeniumWithExperiment(temp.resolve("run"));
        Files.delete(root.resolve("transcripts.csv.gz"));
        Files.delete(root.resolve("cell_boundaries.csv.gz"));
        DetectionResult result = Detections.detect(root, "XENIUM");
        assertTrue(result.complete());
        assertEquals(List.of("experiment=experiment.xenium", "images=morphology_focus.ome.tif",
                        "segmentation=cell_boundaries.parquet", "transcripts=transcripts.parquet"),
                files(result.sampleData().get(0), root));
        assertEquals(ElementStatus.MISSING_OPTIONAL,
                result.best().orElseThrow().element("alignment").orElseThrow().status());
    }

    @Test
    void xeniumMultiFileMorphologyFolder() throws IOException {
        Path root = xeniumWithExperiment(temp.resolve("run"));
        Path focus = Files.createDirectories(root.resolve("morphology_focus"));
        Files.move(root.resolve("morphology_focus.ome.tif"), focus.resolve("ch0000_dapi.ome.tif"));
        Files.move(root.resolve("morphology_mip.ome.tif"), focus.resolve("ch0001_atp1a1_cd45_e-cadherin.ome.tif"));
        DetectionResult result = Detections.detect(root, null);
        assertEquals("XENIUM", result.best().orElseThrow().technology());
        assertTrue(files(result.sampleData().get(0), root).contains("images=morphology_focus/ch0000_dapi.ome.tif"));
    }

    @Test
    void xeniumRangerOutsFolder() throws IOException {
        Path root = temp.resolve("ranger");
        xeniumWithExperiment(root.resolve("outs"));
        DetectionResult result = Detections.detect(root, null);
        assertEquals("XENIUM", result.best().orElseThrow().technology());
        assertEquals("experiment=outs/experiment.xenium", files(result.sampleData().get(0), root).get(0));
    }

    @Test
    void xeniumWithoutTranscriptsFailsNamingWhereWeLooked() throws IOException {
        Path root = xeniumWithExperiment(temp.resolve("run"));
        Files.delete(root.resolve("transcripts.csv.gz"));
        Files.delete(root.resolve("transcripts.parquet"));
        DetectionResult result = Detections.detect(root, "XENIUM");
        DetectionException error = assertThrows(DetectionException.class, result::requireSampleData);
        assertEquals("Missing 'transcripts' for XENIUM in " + root + ": looked for transcripts.csv.gz, "
                        + "outs/transcripts.csv.gz, transcripts.parquet, outs/transcripts.parquet, transcripts.csv, "
                        + "outs/transcripts.csv",
                error.getMessage());
    }

    @Test
    void visiumRenamedPositionFile() throws IOException {
        Path root = ExampleData.copy(ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"),
                temp.resolve("visium"));
        Path spatial = root.resolve("outs/spatial");
        Files.copy(spatial.resolve("tissue_positions_list.csv"), spatial.resolve("tissue_positions.csv"));
        DetectionReport both = Detections.detect(root, "VISIUM").best().orElseThrow();
        assertEquals("outs/spatial/tissue_positions.csv", both.element("tissue_positions").orElseThrow().path());
        assertTrue(both.element("tissue_positions").orElseThrow().warnings().get(0)
                .startsWith("also present: outs/spatial/tissue_positions_list.csv (Space Ranger 1.x, no header)"));
        Files.delete(spatial.resolve("tissue_positions_list.csv"));
        DetectionResult renamed = Detections.detect(root, null);
        assertEquals("VISIUM", renamed.best().orElseThrow().technology());
        assertTrue(renamed.best().orElseThrow().element("tissue_positions").orElseThrow().warnings().isEmpty());
    }

    @Test
    void visiumMissingScaleFactorsAndDatasetIdPrefix() throws IOException {
        Path source = ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs");
        Path root = Files.createDirectories(temp.resolve("Visium_Mouse_Brain"));
        Files.copy(source.resolve("raw_feature_bc_matrix.h5"), root.resolve("Visium_Mouse_Brain_raw_feature_bc_matrix.h5"));
        Files.copy(source.resolve("spatial/tissue_lowres_image.png"), root.resolve("Visium_Mouse_Brain_tissue_image.tif"));
        Files.createDirectories(root.resolve("spatial"));
        Files.copy(source.resolve("spatial/tissue_positions_list.csv"), root.resolve("spatial/tissue_positions.csv"));
        DetectionReport missing = Detections.detect(root, "VISIUM").best().orElseThrow();
        assertEquals(List.of("scalefactors"), missing.missingRequired().stream().map(e -> e.name()).toList());
        Files.copy(source.resolve("spatial/scalefactors_json.json"), root.resolve("spatial/scalefactors_json.json"));
        SampleData data = Detections.detect(root, "VISIUM").requireSampleData().get(0);
        assertEquals(List.of("images=Visium_Mouse_Brain_tissue_image.tif",
                        "matrix=Visium_Mouse_Brain_raw_feature_bc_matrix.h5",
                        "tissue_positions=spatial/tissue_positions.csv",
                        "scalefactors=spatial/scalefactors_json.json"),
                files(data, root));
    }

    @Test
    void visiumHdWithCellSegmentationIsVisiumHdToSingleCell() throws IOException {
        Path root = ExampleData.copy(ExampleData.bundled("visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10"),
                temp.resolve("hd"));
        assertEquals("VISIUM_HD", Detections.detect(root, null).best().orElseThrow().technology());
        Path segmented = Files.createDirectories(root.resolve("segmented_outputs"));
        Files.writeString(segmented.resolve("cell_segmentations.geojson"), "{\"type\": \"FeatureCollection\", \"features\": []}");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("VISIUM_HD_TO_SC", result.best().orElseThrow().technology());
        assertEquals(List.of("VISIUM_HD_TO_SC"), result.matchingTechnologies());
        DetectionReport bins = result.reports().get(1);
        assertEquals("VISIUM_HD", bins.technology());
        assertEquals("VISIUM_HD_TO_SC", bins.partOf());
        assertTrue(bins.warnings().stream().anyMatch(w -> w.startsWith("segmented_outputs/ present")),
                bins.warnings().toString());
        assertTrue(files(result.sampleData().get(0), root).contains("segmentation=segmented_outputs/cell_segmentations.geojson"));
    }

    @Test
    void visiumMexMatrixGoesToFolders() throws IOException {
        Path root = ExampleData.copy(ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50"),
                temp.resolve("visium"));
        Files.delete(root.resolve("outs/raw_feature_bc_matrix.h5"));
        SampleData data = Detections.detect(root, "VISIUM").requireSampleData().get(0);
        assertEquals(List.of(new KeyValue("matrix", root.resolve("outs/raw_feature_bc_matrix").toString())), data.folders());
    }

    /** The notebook's CosMx layout: {@code <run>-Flat_files_and_images/} and {@code <run>-RawMorphologyImages/}. */
    private static Path cosmxNotebookLayout(Path sample, String run) throws IOException {
        Path source = ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3");
        Path flat = Files.createDirectories(sample.resolve(run + "-Flat_files_and_images"));
        Files.copy(source.resolve("Lung12_fov_positions_file.csv"), flat.resolve(run + "_fov_positions_file.csv"));
        Files.copy(source.resolve("Lung12_tx_file.csv"), flat.resolve(run + "_tx_file.csv"));
        ExampleData.copy(source.resolve("CellLabels"), flat.resolve("CellLabels"));
        ExampleData.copy(source.resolve("CellComposite"), sample.resolve(run + "-RawMorphologyImages"));
        return sample;
    }

    @Test
    void cosmxNotebookLayoutGivesTheServersSampleData() throws IOException {
        Path sample = cosmxNotebookLayout(temp.resolve("Lung6"), "Lung6");
        SampleData data = Detections.DETECTOR.detect("Sample 6", "COSMX_VER1",
                new org.spatialx.technologies.storage.LocalStorageView(), sample.toString()).requireSampleData().get(0);
        assertEquals(new SampleData("Sample 6", "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "COSMX_VER1",
                List.of(new KeyValue("fov_positions", sample + "/Lung6-Flat_files_and_images/Lung6_fov_positions_file.csv"),
                        new KeyValue("transcripts", sample + "/Lung6-Flat_files_and_images/Lung6_tx_file.csv")),
                List.of(new KeyValue("images", sample + "/Lung6-RawMorphologyImages"),
                        new KeyValue("segmentation", sample + "/Lung6-Flat_files_and_images/CellLabels")),
                List.of(new KeyValue("mpp", 0.18)), List.of(), List.of()), data);
    }

    @Test
    void cosmxGzipAndMillimetrePositionsPointToVersion2() throws IOException {
        Path source = ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3");
        Path root = Files.createDirectories(temp.resolve("atomx"));
        gzip(source.resolve("Lung12_tx_file.csv"), root.resolve("Lung12_tx_file.csv.gz"));
        List<String> lines = Files.readAllLines(source.resolve("Lung12_fov_positions_file.csv"));
        lines.set(0, "fov,x_global_mm,y_global_mm");
        Path positions = root.resolve("Lung12_fov_positions_file.csv");
        Files.write(positions, lines);
        gzip(positions, root.resolve("Lung12_fov_positions_file.csv.gz"));
        Files.delete(positions);
        DetectionResult result = Detections.detect(root, null);
        assertEquals("COSMX_VER2", result.best().orElseThrow().technology());
        assertTrue(result.best().orElseThrow().version().source().contains("mm (AtoMx"));
        DetectionReport ver1 = Detections.detect(root, "COSMX_VER1").best().orElseThrow();
        assertTrue(ver1.complete());
        assertTrue(ver1.warnings().stream().anyMatch(w -> w.startsWith("FOV positions are in mm")), ver1.warnings().toString());
        assertEquals(ElementStatus.MISSING_OPTIONAL, ver1.element("segmentation").orElseThrow().status());
    }

    @Test
    void multipleSamplesOneFolderEach() throws IOException {
        Path parent = temp.resolve("COSMX_VER1");
        cosmxNotebookLayout(parent.resolve("Lung6"), "Lung6");
        cosmxNotebookLayout(parent.resolve("Lung9_Rep1"), "Lung9_Rep1");
        Path broken = cosmxNotebookLayout(parent.resolve("Lung9_Rep2"), "Lung9_Rep2");
        Files.delete(broken.resolve("Lung9_Rep2-Flat_files_and_images/Lung9_Rep2_tx_file.csv"));
        Files.writeString(parent.resolve("README.txt"), "files next to the sample folders are ignored");
        Files.createDirectories(parent.resolve(".hidden"));
        var samples = Detections.DETECTOR.detectSamples("COSMX_VER1",
                new org.spatialx.technologies.storage.LocalStorageView(), parent.toString());
        assertEquals(List.of("Lung6", "Lung9_Rep1", "Lung9_Rep2"), samples.stream().map(s -> s.folder()).toList());
        assertTrue(samples.get(0).result().complete());
        assertEquals("Lung9_Rep1", samples.get(1).result().sampleData().get(0).name());
        assertFalse(samples.get(2).result().complete());
        assertTrue(samples.get(2).result().best().orElseThrow().problem().startsWith("Missing 'transcripts' for COSMX_VER1"));
    }

    @Test
    void unknownTechnologyNamesTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Detections.detect(temp, "CURIO"));
        assertTrue(error.getMessage().startsWith("Unknown technology 'CURIO'; known: "), error.getMessage());
        assertTrue(error.getMessage().contains("XENIUM"));
    }

    @Test
    void emptyFolderMatchesNothing() {
        DetectionResult result = Detections.detect(temp, null);
        assertTrue(result.reports().isEmpty());
        DetectionException error = assertThrows(DetectionException.class, result::requireSampleData);
        assertTrue(error.getMessage().startsWith("No known technology matches"));
    }
}
