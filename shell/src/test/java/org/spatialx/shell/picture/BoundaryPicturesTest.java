package org.spatialx.shell.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.shell.binding.NotebookObject;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.binding.WireJson;
import org.spatialx.formats.csv.CsvFile;

/**
 * Cell boundaries drawn by {@code render_spatial(boundaries=...)} from the Xenium toy set bundled in
 * examples/data (526 cells, 13-vertex polygons, microns), filled by a category computed here from
 * the same set's {@code cells.csv.gz}.
 */
class BoundaryPicturesTest {

    private static final Path TOY = Path.of("..", "examples", "data", "xenium", "SFE_toy_Xenium_XOA1x_human_526cells")
            .toAbsolutePath().normalize();
    private static final int WHITE = 0xffffff;
    private static final int BLUE = 0x1f77b4; // palette entry 0
    private static final int ORANGE = 0xff7f0e; // palette entry 1

    @TempDir
    Path temp;

    /** A real per-cell category: "100+ counts" (173 cells), "30-99 counts" (248); the 105 cells under 30 get none. */
    private static Map<String, Object> countClasses() {
        Map<String, Object> labels = new LinkedHashMap<>();
        try (CsvFile cells = CsvFile.open(TOY.resolve("cells.csv.gz"))) {
            List<String> header = cells.next();
            int id = cells.require(header, "cell_id");
            int total = cells.require(header, "total_counts");
            for (List<String> row = cells.next(); row != null; row = cells.next()) {
                double counts = cells.number(row, total, "total_counts");
                if (counts >= 100) {
                    labels.put(row.get(id), "100+ counts");
                } else if (counts >= 30) {
                    labels.put(row.get(id), "30-99 counts");
                }
            }
        }
        return labels;
    }

    /** {@code render_spatial(**kwargs)} as scripts call it: through the binding of the annotated method. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> renderSpatial(Map<String, Object> kwargs) throws Exception {
        ObjectMapper mapper = WireJson.newMapper();
        Map<String, JsonNode> named = new LinkedHashMap<>();
        kwargs.forEach((name, value) -> named.put(name, mapper.valueToTree(value)));
        return (Map<String, Object>) NotebookObject.of(new SpatialPictures()).call("render_spatial", List.of(), named, mapper);
    }

    private static int rgb(BufferedImage image, Point2D.Double pixel) {
        return image.getRGB((int) Math.round(pixel.x), (int) Math.round(pixel.y)) & 0xffffff;
    }

    /** The palette colour at alpha 140/255 over white, as the renderer fills a labelled polygon. */
    private static int filled(int colour) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (colour >> shift) & 0xff;
            out |= (int) Math.round(c * 140 / 255.0 + 255 * (1 - 140 / 255.0)) << shift;
        }
        return out;
    }

    private static void assertClose(int expected, int actual, String what) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            assertTrue(Math.abs(((expected >> shift) & 0xff) - ((actual >> shift) & 0xff)) <= 3,
                    what + ": expected about " + Integer.toHexString(expected) + ", got " + Integer.toHexString(actual));
        }
    }

    private static int count(BufferedImage image, int colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == colour) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void cellsAreFilledByTheirCategoryInsideTheirOwnPolygon() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        countClasses().forEach((cell, label) -> labels.put(cell, (String) label));
        Path png = temp.resolve("cells.png");
        SpatialRenderer.Summary summary = SpatialRenderer.render(new SpatialPoints(new double[0], new double[0], null),
                new BoundaryLayer(TOY.resolve("cell_boundaries.parquet"), labels), SpatialRenderer.Options.defaults(), png);
        assertEquals(526, summary.polygons());
        assertEquals(List.of("100+ counts", "30-99 counts"), summary.categories());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        // cells.csv.gz centroids: jcccmpde-1 (1303.904047, 1345.704913) 198 counts,
        // jcckfddc-1 (1312.285760, 1390.148438) 99 counts, jccimfne-1 (1308.145642, 1365.464819) 29 counts
        assertClose(filled(BLUE), rgb(image, summary.frame().toPixel(1303.904047, 1345.704913)), "jcccmpde-1");
        assertClose(filled(ORANGE), rgb(image, summary.frame().toPixel(1312.285760, 1390.148438)), "jcckfddc-1");
        assertEquals(WHITE, rgb(image, summary.frame().toPixel(1308.145642, 1365.464819)), "jccimfne-1 is only outlined");
        // the legend's two opaque 10 x 10 squares are the only pixels of the pure palette colours
        assertEquals(100, count(image, BLUE));
        assertEquals(100, count(image, ORANGE));
    }

    @Test
    void renderSpatialDrawsBoundariesAloneOrUnderTranscripts() throws Exception {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("output", temp.resolve("boundaries.png").toString());
        kwargs.put("boundaries", TOY.resolve("cell_boundaries.csv.gz").toString());
        kwargs.put("boundary_labels", countClasses());
        kwargs.put("title", "SFE toy cells by transcript count");
        Map<String, Object> alone = renderSpatial(kwargs);
        assertEquals(0, alone.get("points"));
        assertEquals(526, alone.get("polygons"));
        assertEquals(List.of("100+ counts", "30-99 counts"), alone.get("categories"));

        Map<String, Object> under = new LinkedHashMap<>();
        under.put("output", temp.resolve("tx_cells.png").toString());
        under.put("path", TOY.resolve("transcripts.csv.gz").toString());
        under.put("x", "x_location");
        under.put("y", "y_location");
        under.put("color_by", "feature_name");
        under.put("point_size", 3);
        under.put("boundaries", TOY.resolve("nucleus_boundaries.parquet").toString());
        Map<String, Object> summary = renderSpatial(under);
        assertEquals(5260, summary.get("points"));
        assertEquals(526, summary.get("polygons"));
        assertEquals(13, ((List<?>) summary.get("categories")).size()); // 12 most frequent genes + other
        BufferedImage image = ImageIO.read(temp.resolve("tx_cells.png").toFile());
        BufferedImage pointsOnly = ImageIO.read(Path.of((String) renderSpatial(Map.of(
                "output", temp.resolve("tx.png").toString(), "path", TOY.resolve("transcripts.csv.gz").toString(),
                "x", "x_location", "y", "y_location", "color_by", "feature_name", "point_size", 3)).get("output")).toFile());
        assertEquals(pointsOnly.getWidth(), image.getWidth());
        assertTrue(count(image, WHITE) < count(pointsOnly, WHITE), "nucleus outlines add ink under the points");
    }

    @Test
    void merscopeBoundariesAreDrawnOnePlaneAtATime() throws Exception {
        String cells = Path.of("..", "examples", "data", "merscope", "vpt_testdata_mouse_liver_fov192",
                "cells_cellpose.parquet").toAbsolutePath().normalize().toString();
        // pyarrow: len(t) 98 polygons over 7 z-planes, (t.ZIndex == 3).sum() 10
        assertEquals(98, renderSpatial(Map.of("output", temp.resolve("all.png").toString(),
                "boundaries", cells)).get("polygons"));
        assertEquals(10, renderSpatial(Map.of("output", temp.resolve("z3.png").toString(),
                "boundaries", cells, "boundary_z_index", 3)).get("polygons"));
    }

    @Test
    void aFileThatIsNotABoundaryTableOrLabelsWithoutBoundariesAreRefused() {
        IllegalArgumentException notBoundaries = assertThrows(IllegalArgumentException.class,
                () -> renderSpatial(Map.of("output", temp.resolve("x.png").toString(),
                        "boundaries", TOY.resolve("cells.csv.gz").toString())));
        assertTrue(notBoundaries.getMessage().contains("cells.csv.gz is not a cell boundary table"),
                notBoundaries.getMessage());
        assertTrue(notBoundaries.getMessage().contains("no vertex_x, vertex_y for XENIUM"), notBoundaries.getMessage());
        ScriptArgumentException labelsAlone = assertThrows(ScriptArgumentException.class,
                () -> renderSpatial(Map.of("output", temp.resolve("x.png").toString(),
                        "x", List.of(1, 2), "y", List.of(1, 2), "boundary_labels", Map.of("a", "b"))));
        assertTrue(labelsAlone.getMessage().contains("boundary_labels needs boundaries="), labelsAlone.getMessage());
        assertTrue(temp.toFile().list().length == 0, "nothing written");
    }
}
