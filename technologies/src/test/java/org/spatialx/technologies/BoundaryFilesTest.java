package org.spatialx.technologies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.formats.boundaries.BoundaryReader;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.technologies.boundaries.BoundaryFiles;

/** The boundary tables of detected data sets, found through the elements the technologies declare. */
class BoundaryFilesTest {

    @TempDir
    Path temp;

    @Test
    void xeniumDetectionNamesTheCellAndNucleusBoundaryTables() {
        Path toy = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
        DetectionReport report = Detections.detect(toy, "XENIUM").best().orElseThrow();
        // the CSV is preferred where both exist (the server picks it), as for the segmentation element
        assertEquals(Optional.of(toy.resolve("cell_boundaries.csv.gz")), BoundaryFiles.cells(report));
        assertEquals(Optional.of(toy.resolve("nucleus_boundaries.parquet")), BoundaryFiles.nuclei(report));
        try (BoundaryReader reader = BoundaryReader.open(BoundaryFiles.cells(report).orElseThrow())) {
            assertEquals("jcccmpde-1", reader.next().cellId());
        }
    }

    @Test
    void merscopeDetectionNamesTheGeoParquet() {
        Path region = ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192");
        DetectionReport report = Detections.detect(region, "MERSCOPE_VER2").best().orElseThrow();
        assertEquals(Optional.of(region.resolve("cells_cellpose.parquet")), BoundaryFiles.cells(report));
        try (BoundaryReader reader = BoundaryReader.open(BoundaryFiles.cells(report).orElseThrow())) {
            assertEquals("614155123100000007", reader.next().cellId());
        }
    }

    @Test
    void cosmxDetectionNamesThePolygonsFileNotTheLabelMasks() throws Exception {
        Path run = ExampleData.copy(ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3"), temp.resolve("run"));
        // a resource of formats' test-jar (a stream: it is read from inside the jar)
        try (InputStream polygons = getClass().getResourceAsStream(
                "/cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper/DBKero-polygons.csv")) {
            java.nio.file.Files.copy(polygons, run.resolve("Lung12-polygons.csv"));
        }
        DetectionReport report = Detections.detect(run, "COSMX_VER1").best().orElseThrow();
        assertTrue(report.element("segmentation").orElseThrow().found(), "CellLabels/ is found as segmentation");
        assertEquals(Optional.of(run.resolve("Lung12-polygons.csv")), BoundaryFiles.cells(report));
        assertEquals(Optional.empty(), BoundaryFiles.nuclei(report));
    }
}
