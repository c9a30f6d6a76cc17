package org.spatialx.formats.boundaries;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.formats.testing.ExampleData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boundary polygons of real instrument files, checked against pandas / pyarrow reading the same files
 * (Debian python3-pandas 1.5.3, pyarrow 25.0.1). With {@code p = pq.read_table(f).to_pandas();
 * p['cell_id'] = p.cell_id.str.decode('utf-8')} for a Xenium parquet, {@code p = pd.read_csv(f)} for a
 * CSV, and for CosMx {@code p['id'] = p.fov.astype(str) + '_' + p.cellID.astype(str)}:
 * <ul>
 * <li>polygons: {@code (p.cell_id != p.cell_id.shift()).sum()} (runs of one id; equal to
 * {@code p.cell_id.nunique()} in these files, so every cell's rows are consecutive)</li>
 * <li>a cell's vertices: {@code f = p[p.cell_id == 'jcccmpde-1']; len(f), f.iloc[0].tolist(),
 * f.iloc[-1].tolist()}</li>
 * <li>sums: {@code p.vertex_x.sum()}</li>
 * </ul>
 */
class BoundaryReaderTest {

    private static final Path TOY = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");

    @TempDir
    Path temp;

    private static Path cosmx(String name) {
        try {
            return Path.of(BoundaryReaderTest.class.getResource("/cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CellPolygon> all(Path file) {
        try (BoundaryReader reader = BoundaryReader.open(file)) {
            return reader.stream().toList();
        }
    }

    @Test
    void xeniumCellBoundariesParquetHoldOneClosedPolygonPerCellInMicrons() {
        try (BoundaryReader reader = BoundaryReader.open(TOY.resolve("cell_boundaries.parquet"))) {
            assertEquals(BoundaryLayout.XENIUM, reader.layout());
            assertEquals(BoundaryUnit.MICRONS, reader.unit());
            List<CellPolygon> polygons = reader.stream().toList();
            // pyarrow: 6838 rows, 526 runs of cell_id = 526 distinct ids, every cell 13 vertex rows
            assertEquals(526, polygons.size());
            assertEquals(526, polygons.stream().map(CellPolygon::cellId).distinct().count());
            assertTrue(polygons.stream().allMatch(p -> p.size() == 13));
            CellPolygon first = polygons.get(0);
            // pyarrow: ['jcccmpde-1', 1307.512451171875, 1331.949951171875] first and last row of the cell
            assertEquals("jcccmpde-1", first.cellId());
            assertEquals(1307.512451171875, first.x()[0]);
            assertEquals(1331.949951171875, first.y()[0]);
            assertEquals(first.x()[0], first.x()[12]); // XOA closes the ring by repeating the first vertex
            assertEquals(first.y()[0], first.y()[12]);
            CellPolygon last = polygons.get(polygons.size() - 1);
            // pyarrow: last cell kgekblac-1, first vertex [998.1124877929688, 1212.0999755859375]
            assertEquals("kgekblac-1", last.cellId());
            assertEquals(998.1124877929688, last.x()[0]);
            assertEquals(1212.0999755859375, last.y()[0]);
            // pyarrow: p.vertex_x.sum() 8170076.105773926, p.vertex_y.sum() 8146803.96472168
            assertEquals(8170076.105773926, polygons.stream().flatMapToDouble(p -> Arrays.stream(p.x())).sum(), 1e-6);
            assertEquals(8146803.96472168, polygons.stream().flatMapToDouble(p -> Arrays.stream(p.y())).sum(), 1e-6);
            assertFalse(reader.hasNext());
        }
    }

    @Test
    void xeniumParquetAndCsvGzGiveTheSamePolygons() {
        for (String name : List.of("cell_boundaries", "nucleus_boundaries")) {
            List<CellPolygon> parquet = all(TOY.resolve(name + ".parquet"));
            List<CellPolygon> csv = all(TOY.resolve(name + ".csv.gz"));
            assertEquals(parquet.size(), csv.size(), name);
            for (int i = 0; i < parquet.size(); i++) {
                assertEquals(parquet.get(i).cellId(), csv.get(i).cellId(), name);
                // the parquet holds float32 values widened to double, the CSV 4 decimals:
                // pandas: abs(c.vertex_x.values - p.vertex_x.values).max() 4.88e-05
                assertArrayEquals(parquet.get(i).x(), csv.get(i).x(), 5e-5, name + " " + parquet.get(i).cellId());
                assertArrayEquals(parquet.get(i).y(), csv.get(i).y(), 5e-5, name + " " + parquet.get(i).cellId());
            }
        }
        // pyarrow on nucleus_boundaries.parquet: first row ['jcccmpde-1', 1304.75, 1342.1500244140625]
        CellPolygon nucleus = all(TOY.resolve("nucleus_boundaries.parquet")).get(0);
        assertEquals("jcccmpde-1", nucleus.cellId());
        assertEquals(1304.75, nucleus.x()[0]);
        assertEquals(1342.1500244140625, nucleus.y()[0]);
    }

    @Test
    void cosmxPolygonsAreNamedLikeTheCellsOfTheMetadataFileInGlobalPixels() {
        List<CellPolygon> polygons;
        try (BoundaryReader reader = BoundaryReader.open(cosmx("DBKero-polygons.csv"))) {
            assertEquals(BoundaryLayout.COSMX, reader.layout());
            assertEquals(BoundaryUnit.PIXELS, reader.unit());
            polygons = reader.stream().toList();
        }
        // pandas: 23000 rows, 905 runs of id = 905 distinct ids, first 16_1, last 16_905
        assertEquals(905, polygons.size());
        assertEquals(23000, polygons.stream().mapToInt(CellPolygon::size).sum());
        // the same FOV-qualified ids as the cells of the metadata file, in the same order
        assertEquals(PositionReader.cosmxCells(cosmx("DBKero_metadata_file.csv")).ids(),
                polygons.stream().map(CellPolygon::cellId).toList());
        CellPolygon first = polygons.get(0);
        // pandas: f = p[p.id == '16_1']: 38 rows, first [.., 155326.637690226, 22322.6200853984],
        // last [.., 155325.637690226, 22322.6200853984] (CosMx does not close the ring)
        assertEquals("16_1", first.cellId());
        assertEquals(38, first.size());
        assertEquals(155326.637690226, first.x()[0]);
        assertEquals(22322.6200853984, first.y()[0]);
        assertEquals(155325.637690226, first.x()[37]);
        // pandas: p[p.id == '16_100']: 26 rows, first x_global_px 153436.637690226, y 21099.6200853984
        CellPolygon cell100 = polygons.stream().filter(p -> p.cellId().equals("16_100")).findFirst().orElseThrow();
        assertEquals(26, cell100.size());
        assertEquals(153436.637690226, cell100.x()[0]);
        assertEquals(21099.6200853984, cell100.y()[0]);
        // pandas: p.x_global_px.sum() 3536214841.8751984
        assertEquals(3536214841.8751984, polygons.stream().flatMapToDouble(p -> Arrays.stream(p.x())).sum(), 1e-3);
    }

    /**
     * vpt's cellpose output of one MERSCOPE FOV (same GeoParquet schema as the instrument's
     * cell_boundaries.parquet): one WKB MultiPolygon per cell and z-plane. Reference with pyarrow and
     * struct (each geometry is a little-endian MultiPolygon of one single-ring polygon, so its ring's
     * vertex count is at bytes 18-22 and its first vertex at 22-38):
     * {@code ring = lambda b: (struct.unpack('<I', b[18:22])[0], struct.unpack('<2d', b[22:38]))};
     * {@code len(t), t.EntityID.nunique(), t.EntityID.iloc[0], ring(t.Geometry.iloc[0])} gives
     * {@code 98 94 614155123100000007 (11, (15.102659778177943, -5.147669067189139))};
     * {@code sum(ring(g)[0] for g in t.Geometry)} 1674; {@code z3 = t[t.ZIndex == 3]; len(z3),
     * z3.EntityID.iloc[0], ring(z3.Geometry.iloc[0])} gives {@code 10 614155123100000048 (9,
     * (15.38679788258231, -4.803051458650753))}.
     */
    @Test
    void merscopeGeoParquetGivesOnePolygonPerCellAndZPlane() {
        Path file = ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192/cells_cellpose.parquet");
        List<CellPolygon> every;
        try (BoundaryReader reader = BoundaryReader.open(file)) {
            assertEquals(BoundaryLayout.MERSCOPE, reader.layout());
            assertEquals(BoundaryUnit.MICRONS, reader.unit());
            every = reader.stream().toList();
        }
        assertEquals(98, every.size());
        assertEquals(94, every.stream().map(CellPolygon::cellId).distinct().count());
        assertEquals(1674, every.stream().mapToInt(CellPolygon::size).sum());
        assertEquals("614155123100000007", every.get(0).cellId());
        assertEquals(11, every.get(0).size());
        assertEquals(15.102659778177943, every.get(0).x()[0]);
        assertEquals(-5.147669067189139, every.get(0).y()[0]);
        // pandas: t[t.EntityID == 614155123100000012].ZIndex.tolist() [0, 1, 2, 3, 4]
        assertEquals(5, every.stream().filter(p -> p.cellId().equals("614155123100000012")).count());

        List<CellPolygon> plane3 = all(file, 3);
        assertEquals(10, plane3.size());
        assertEquals("614155123100000048", plane3.get(0).cellId());
        assertEquals(9, plane3.get(0).size());
        assertEquals(15.38679788258231, plane3.get(0).x()[0]);
        assertEquals(-4.803051458650753, plane3.get(0).y()[0]);

        IllegalArgumentException noPlanes = assertThrows(IllegalArgumentException.class,
                () -> BoundaryReader.open(TOY.resolve("cell_boundaries.parquet"), 3));
        assertTrue(noPlanes.getMessage().contains("XENIUM boundary table without z-planes"), noPlanes.getMessage());
    }

    private static List<CellPolygon> all(Path file, Integer zIndex) {
        try (BoundaryReader reader = BoundaryReader.open(file, zIndex)) {
            return reader.stream().toList();
        }
    }

    @Test
    void gzippedCosmxPolygonsReadTheSame() throws IOException {
        Path gzip = temp.resolve("DBKero_polygons.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            Files.copy(cosmx("DBKero-polygons.csv"), out);
        }
        assertEquals(all(cosmx("DBKero-polygons.csv")), all(gzip));
    }

    @Test
    void readingStopsWhereTheCallerStops() {
        try (BoundaryReader reader = BoundaryReader.open(TOY.resolve("cell_boundaries.csv.gz"))) {
            assertEquals("jcccmpde-1", reader.next().cellId());
            assertTrue(reader.hasNext());
        }
    }

    @Test
    void aTableOfOtherColumnsIsNamedWithWhatItMisses() {
        IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
                () -> BoundaryReader.open(TOY.resolve("cells.parquet")));
        assertTrue(cells.getMessage().contains("cells.parquet is not a cell boundary table"), cells.getMessage());
        assertTrue(cells.getMessage().contains("no vertex_x, vertex_y for XENIUM"), cells.getMessage());
        assertTrue(cells.getMessage().contains("x_centroid"), cells.getMessage()); // the columns it has

        IllegalArgumentException metadata = assertThrows(IllegalArgumentException.class,
                () -> BoundaryReader.open(cosmx("DBKero_metadata_file.csv")));
        assertTrue(metadata.getMessage().contains("no cellID, x_global_px, y_global_px for COSMX"), metadata.getMessage());
    }

    @Test
    void emptyAndTruncatedFilesFailNamingTheFile() throws IOException {
        Path missing = temp.resolve("outs/cell_boundaries.parquet");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BoundaryReader.open(missing)).getMessage()
                .contains(missing + " does not exist or is not a file"));

        Path empty = Files.writeString(temp.resolve("empty-polygons.csv"), "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BoundaryReader.open(empty)).getMessage()
                .contains("empty-polygons.csv is empty"));

        // the first 10,000 vertex rows, then 8 characters of the next line: a copy cut mid-line
        List<String> lines = Files.readAllLines(cosmx("DBKero-polygons.csv"), StandardCharsets.UTF_8);
        Path cut = temp.resolve("cut-polygons.csv");
        Files.writeString(cut, String.join("\n", lines.subList(0, 10_001)) + "\n" + lines.get(10_001).substring(0, 8));
        IllegalArgumentException cutLine = assertThrows(IllegalArgumentException.class, () -> all(cut));
        assertTrue(cutLine.getMessage().contains("cut-polygons.csv line 10002"), cutLine.getMessage());
        assertTrue(cutLine.getMessage().contains("truncated"), cutLine.getMessage());

        byte[] parquet = Files.readAllBytes(TOY.resolve("cell_boundaries.parquet"));
        Path halfParquet = Files.write(temp.resolve("cell_boundaries.parquet"), Arrays.copyOf(parquet, parquet.length / 2));
        IllegalArgumentException noFooter = assertThrows(IllegalArgumentException.class,
                () -> BoundaryReader.open(halfParquet));
        assertTrue(noFooter.getMessage().contains(halfParquet.toString()), noFooter.getMessage());

        byte[] gzip = Files.readAllBytes(TOY.resolve("cell_boundaries.csv.gz"));
        Path halfGzip = Files.write(temp.resolve("cell_boundaries.csv.gz"), Arrays.copyOf(gzip, gzip.length / 2));
        UncheckedIOException endOfGzip = assertThrows(UncheckedIOException.class, () -> all(halfGzip));
        assertTrue(endOfGzip.getMessage().contains(halfGzip.toString()), endOfGzip.getMessage());
    }
}
