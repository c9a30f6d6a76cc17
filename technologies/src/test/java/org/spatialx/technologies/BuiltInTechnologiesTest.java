package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.api.KeyValue;
import org.spatialx.api.SampleData;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.DetectionResult;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.ElementStatus;
import org.spatialx.formats.testing.ExampleData;

/**
 * Every real data set (bundled in examples/data, or the GPL ones in ../shared/testdata) is
 * recognised as the right technology, with the right elements and software version, without
 * being told the technology.
 */
class BuiltInTechnologiesTest {

    private static DetectionReport best(DetectionResult result) {
        return result.best().orElseThrow(() -> new AssertionError("nothing detected"));
    }

    private static List<String> keys(List<KeyValue> pairs) {
        return pairs.stream().map(KeyValue::key).toList();
    }

    private static String relative(Path root, KeyValue pair) {
        return root.relativize(Path.of(String.valueOf(pair.value()))).toString();
    }

    @Test
    void catalogHasEveryBuiltIn() {
        assertEquals(List.of("COSMX_VER1", "COSMX_VER2", "GEOMX", "MERSCOPE_VER1", "MERSCOPE_VER2",
                        "PROTEIN_MCD", "PROTEIN_OME_TIFF", "PROTEIN_QPTIFF", "SLIDE_SEQ", "SPATIALDATA_H5AD",
                        "SPATIALDATA_RDS", "SPATIALDATA_ZARR", "STOMICS", "VISIUM", "VISIUM_HD", "VISIUM_HD_TO_SC", "XENIUM",
                        "XENIUM_HE"),
                Detections.DETECTOR.technologies().stream().sorted().toList());
    }

    @Test
    void xeniumPrime3xWithOnlyParquetTranscripts() {
        Path root = ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");
        DetectionResult result = Detections.detect(root, null);
        DetectionReport report = best(result);
        assertEquals("XENIUM", report.technology());
        assertTrue(report.complete(), report.problem());
        assertEquals("xenium-3.0.0.15", report.version().value());
        SampleData data = result.sampleData().get(0);
        assertEquals("SUBMIT_SPATIAL_TRANSCRIPTOMICS", data.submissionType());
        assertEquals(List.of("experiment", "transcripts"), keys(data.files()));
        assertEquals("transcripts.parquet", relative(root, data.files().get(1)));
        assertEquals(ElementStatus.MISSING_OPTIONAL, report.element("images").orElseThrow().status());
        assertEquals("cell_feature_matrix.h5", report.element("cell_matrix").orElseThrow().path());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("transcripts only as parquet")), report.warnings().toString());
    }

    @Test
    void xenium1xWithoutExperimentIsReportedMissingRequired() {
        Path root = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
        DetectionResult result = Detections.detect(root, null);
        DetectionReport report = best(result);
        assertEquals("XENIUM", report.technology());
        assertFalse(result.complete());
        ElementReport experiment = report.element("experiment").orElseThrow();
        assertEquals(ElementStatus.MISSING_REQUIRED, experiment.status());
        assertEquals(List.of("experiment.xenium", "outs/experiment.xenium"), experiment.lookedFor());
        assertEquals("transcripts.csv.gz", report.element("transcripts").orElseThrow().path());
        assertEquals(List.of("transcripts.parquet"), report.element("transcripts").orElseThrow().alsoPresent());
        assertEquals("cell_boundaries.csv.gz", report.element("segmentation").orElseThrow().path());
        assertFalse(report.version().known());
        // the OME-TIFF inside is not mistaken for a protein image data set
        DetectionReport omeTiff = result.reports().stream().filter(r -> r.technology().equals("PROTEIN_OME_TIFF"))
                .findFirst().orElseThrow();
        assertTrue(omeTiff.warnings().stream().anyMatch(w -> w.contains("part of the XENIUM layout")));
        assertEquals("XENIUM", omeTiff.partOf());
        assertTrue(omeTiff.complete());
        assertEquals(List.of(), result.matchingTechnologies());
    }

    @Test
    void visiumSpaceRanger1xOuts() {
        Path root = ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50");
        DetectionResult result = Detections.detect(root, null);
        DetectionReport report = best(result);
        assertEquals("VISIUM", report.technology());
        SampleData data = result.sampleData().get(0);
        assertEquals("SUBMIT_SPATIAL_BULK", data.submissionType());
        assertEquals(List.of("images", "matrix", "tissue_positions", "scalefactors"), keys(data.files()));
        assertEquals("outs/spatial/tissue_lowres_image.png", relative(root, data.files().get(0)));
        assertEquals("outs/raw_feature_bc_matrix.h5", relative(root, data.files().get(1)));
        assertEquals("outs/spatial/tissue_positions_list.csv", relative(root, data.files().get(2)));
        assertTrue(report.version().source().contains("Space Ranger 1.x"), report.version().toString());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("no full-resolution image")));
    }

    @Test
    void visiumMatrixAloneGivesItsSpaceRangerVersion() {
        Path root = ExampleData.bundled("visium_h5/V1_Adult_Mouse_Brain_spaceranger-1.0.0_100x100");
        DetectionReport report = best(Detections.detect(root, "VISIUM"));
        assertEquals("spaceranger-1.0.0", report.version().value());
        assertEquals(List.of("images", "tissue_positions", "scalefactors"),
                report.missingRequired().stream().map(ElementReport::name).toList());
        assertTrue(report.problem().startsWith("Missing 'images' for VISIUM in " + root), report.problem());
    }

    @Test
    void visiumHdBinnedOutputs() {
        Path root = ExampleData.bundled("visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("VISIUM_HD", best(result).technology());
        SampleData data = result.sampleData().get(0);
        assertEquals("binned_outputs/square_002um/spatial/tissue_positions.parquet", relative(root, data.files().get(2)));
        // VISIUM does not claim it: Visium HD positions are parquet only
        assertFalse(result.matchingTechnologies().contains("VISIUM"));
    }

    @Test
    void cosmxLegacyFlatFiles() {
        Path root = ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("COSMX_VER1", best(result).technology());
        SampleData data = result.sampleData().get(0);
        assertEquals(List.of("fov_positions", "transcripts"), keys(data.files()));
        assertEquals(List.of("images", "segmentation"), keys(data.folders()));
        assertEquals(List.of(new KeyValue("mpp", 0.18)), data.args());
        assertEquals("CellLabels", relative(root, data.folders().get(1)));
        assertTrue(best(result).version().source().contains("px (legacy"), best(result).version().toString());
    }

    @Test
    void cosmxWithoutTranscriptsIsIncomplete() {
        Path root = ExampleData.shared("cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper");
        DetectionReport report = best(Detections.detect(root, null));
        assertTrue(report.technology().startsWith("COSMX_VER"), report.technology());
        assertEquals(List.of("transcripts"), report.missingRequired().stream().map(ElementReport::name).toList());
        assertEquals("DBKero_exprMat_file.csv", report.element("expression_matrix").orElseThrow().path());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("no CellLabels folder")), report.warnings().toString());
    }

    @Test
    void merscopeVptRegion() {
        Path root = ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("MERSCOPE_VER2", best(result).technology());
        SampleData data = result.sampleData().get(0);
        assertEquals(List.of("transcripts", "segmentation"), keys(data.files()));
        assertEquals(List.of("images"), keys(data.folders()));
        DetectionReport ver1 = Detections.detect(root, "MERSCOPE_VER1").best().orElseThrow();
        assertEquals(List.of("cell_boundaries/", "region_0/cell_boundaries/"),
                ver1.missingRequired().get(0).lookedFor());
    }

    @Test
    void geomxDccPkcAnnotations() {
        Path root = ExampleData.bundled("geomx/GeomxTools_DSP_NGS_Example_kidney_rowA");
        DetectionResult result = Detections.detect(root, null);
        DetectionReport report = best(result);
        assertEquals("GEOMX", report.technology());
        assertEquals("GeoMx NGS pipeline 1.0.0", report.version().value());
        assertEquals("GeoMx", result.sampleData().get(0).technology());
        assertEquals("SUBMIT_OTHERS_FORMAT_DATA", result.sampleData().get(0).submissionType());
    }

    @Test
    void spatialDataZarrStore() {
        Path root = ExampleData.bundled("spatialdata_zarr/blobs_spatialdata_zarr_v2");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("SPATIALDATA_ZARR", best(result).technology());
        assertEquals("blobs.zarr", relative(root, result.sampleData().get(0).folders().get(0)));
        assertEquals("spatialdata format 0.1, 0.2, 0.4", best(result).version().value());
    }

    @Test
    void annDataH5ad() {
        Path root = ExampleData.bundled("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("SPATIALDATA_H5AD", best(result).technology());
        assertEquals("anndata encoding 0.1.0", best(result).version().value());
        assertEquals("SUBMIT_PROCESSED_SPATIAL_DATA", result.sampleData().get(0).submissionType());
    }

    @Test
    void stereoSeqGem() {
        Path root = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo");
        DetectionReport report = best(Detections.detect(root, null));
        assertEquals("STOMICS", report.technology());
        assertTrue(report.version().source().contains("no #FileFormat header"), report.version().toString());
    }

    @Test
    void slideSeqPuck() {
        Path root = ExampleData.shared("slideseq/spacexr_vignette_cerebellum_puck");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("SLIDE_SEQ", best(result).technology());
        assertEquals(List.of("matrix", "tissue_positions"), keys(result.sampleData().get(0).files()));
    }

    @Test
    void qptiffAcquisitionSoftware() {
        Path root = ExampleData.shared("codex_qptiff/VectraPolaris_RTM61_1_pathml_small");
        DetectionReport report = best(Detections.detect(root, null));
        assertEquals("PROTEIN_QPTIFF", report.technology());
        assertEquals("VectraPolaris 1.0", report.version().value());
    }

    @Test
    void omeTiffInSteinbockFolder() {
        Path root = ExampleData.shared("ome_tiff/IMC_steinbock_20210305_NE_mockData2_1");
        DetectionResult result = Detections.detect(root, null);
        assertEquals("PROTEIN_OME_TIFF", best(result).technology());
        assertEquals("img_ome/20210305_NE_mockData2_1.ome.tiff", relative(root, result.sampleData().get(0).files().get(0)));
    }

    @Test
    void imagingMassCytometryMcd() {
        Path root = ExampleData.shared("imc_mcd/IMC_20210305_NE_mockData2_raw");
        DetectionReport report = best(Detections.detect(root, null));
        assertEquals("PROTEIN_MCD", report.technology());
        assertEquals("20210305_NE_mockData2_ROI_001_1.txt", report.element("roi_text_exports").orElseThrow().path());
        assertEquals("SUBMIT_SPATIAL_PROTEOMICS", Detections.detect(root, null).sampleData().get(0).submissionType());
    }
}
