package org.spatialx.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.transcripts.TranscriptColumns;
import org.spatialx.formats.transcripts.TranscriptReader;

/**
 * Parquet transcripts and cells (Xenium 3.x ships only these) read the same as the CSV.GZ twins of
 * the SFE toy set, and as pyarrow reads them. Reference values were computed once on this machine
 * with pyarrow 25.0.1 (wheel from PyPI) and Debian's python3-pandas 1.5.3:
 * {@code t = pq.read_table(p).to_pandas(); len(t), t.x_location.astype('float64').sum(),
 * t.feature_name.iloc[0], t.cell_id.iloc[0], t.feature_name.nunique(), (t.cell_id == 'UNASSIGNED').sum()},
 * and {@code len(c), c.cell_id.iloc[0], c.cell_id.iloc[-1], c.x_centroid.sum()} for cells.parquet.
 */
class ParquetReadersTest {

    private static final Path TOY = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells");
    private static final Path PROSTATE = ExampleData.bundled("xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset");

    @TempDir
    Path temp;

    private static List<Transcript> all(Path file) {
        try (TranscriptReader reader = TranscriptReader.open(file)) {
            assertEquals(TranscriptColumns.XENIUM, reader.columns());
            return reader.stream().toList();
        }
    }

    @Test
    void toyParquetTranscriptsEqualTheCsvGzOnes() {
        List<Transcript> parquet = all(TOY.resolve("transcripts.parquet"));
        List<Transcript> csv = all(TOY.resolve("transcripts.csv.gz"));
        assertEquals(5260, parquet.size());
        assertEquals(csv, parquet); // gene, x, y, z and cell id of every row, in file order
        // pyarrow: first row SNHG32 kdikcieh-1 x 1205.3167; sum x 6288895.10801; 30 genes; 9 UNASSIGNED
        assertEquals(new Transcript("SNHG32", 1205.3167, 1298.5208, 18.59595, "kdikcieh-1"), parquet.get(0));
        assertEquals(6288895.10801, parquet.stream().mapToDouble(Transcript::x).sum(), 1e-4);
        assertEquals(6284438.44183, parquet.stream().mapToDouble(Transcript::y).sum(), 1e-4);
        assertEquals(30, parquet.stream().map(Transcript::gene).distinct().count());
        assertEquals(9, parquet.stream().filter(t -> t.cellId().equals("UNASSIGNED")).count());
        assertEquals(821, parquet.stream().filter(t -> t.gene().equals("LEF1")).count());
    }

    @Test
    void xoa3ParquetTranscriptsWithFloatCoordinates() {
        // pyarrow: 1000 rows, x float32, sum(x as float64) 917596.765625, y 3268507.40625, z 38245.34375,
        // first VPS4A gcoeenna-1 x 1311.375, 725 genes, 328 UNASSIGNED, EEF1G 21 times
        List<Transcript> rows = all(PROSTATE.resolve("transcripts.parquet"));
        assertEquals(1000, rows.size());
        assertEquals("VPS4A", rows.get(0).gene());
        assertEquals("gcoeenna-1", rows.get(0).cellId());
        assertEquals(1311.375, rows.get(0).x());
        assertEquals(917596.765625, rows.stream().mapToDouble(Transcript::x).sum(), 1e-6);
        assertEquals(3268507.40625, rows.stream().mapToDouble(Transcript::y).sum(), 1e-6);
        assertEquals(38245.34375, rows.stream().mapToDouble(Transcript::z).sum(), 1e-6);
        assertEquals(725, rows.stream().map(Transcript::gene).distinct().count());
        assertEquals(328, rows.stream().filter(t -> t.cellId().equals("UNASSIGNED")).count());
        assertEquals(21, rows.stream().filter(t -> t.gene().equals("EEF1G")).count());
    }

    @Test
    void toyParquetCellsEqualTheCsvGzOnes() {
        CellPositions parquet = PositionReader.xeniumCells(TOY.resolve("cells.parquet"));
        CellPositions csv = PositionReader.xeniumCells(TOY.resolve("cells.csv.gz"));
        assertEquals(526, parquet.size());
        assertEquals(csv.ids(), parquet.ids());
        // the CSV holds the doubles printed with 15 significant digits (1303.90404663086 vs 1303.9040466308593)
        assertArrayEquals(csv.x(), parquet.x(), 1e-9);
        assertArrayEquals(csv.y(), parquet.y(), 1e-9);
        assertEquals("um", parquet.unit());
        // pyarrow: first jcccmpde-1, last kgekblac-1, sum x 628480.7379882813, sum y 627469.0499755859
        assertEquals("jcccmpde-1", parquet.ids().get(0));
        assertEquals("kgekblac-1", parquet.ids().get(525));
        assertEquals(628480.7379882813, Arrays.stream(parquet.x()).sum(), 1e-6);
        assertEquals(627469.0499755859, Arrays.stream(parquet.y()).sum(), 1e-6);
    }

    @Test
    void xoa3ZstdCellsParquet() {
        // pyarrow: 10000 cells (zstd pages, large_string ids, written by Polars), first lnjlpdml-1,
        // last kaianfbi-1, sum x 56579498.597270966, sum y 23394446.917491913
        CellPositions cells = PositionReader.xeniumCells(PROSTATE.resolve("cells.parquet"));
        assertEquals(10000, cells.size());
        assertEquals("lnjlpdml-1", cells.ids().get(0));
        assertEquals("kaianfbi-1", cells.ids().get(9999));
        assertEquals(56579498.597270966, Arrays.stream(cells.x()).sum(), 1e-5);
        assertEquals(23394446.917491913, Arrays.stream(cells.y()).sum(), 1e-5);
        Set<String> ids = new HashSet<>(cells.ids());
        assertEquals(10000, ids.size());
    }

    @Test
    void visiumHdParquetPositions() {
        // pyarrow: 10 bins, first s_002um_00305_01021-1 at col 13608.742910510004 / row 2385.629487758882,
        // sum of pxl_col_in_fullres 105067.43337239287, of pxl_row_in_fullres 109680.51348638372
        CellPositions bins = PositionReader.visiumSpots(ExampleData.bundled(
                "visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10/binned_outputs/square_002um/spatial/tissue_positions.parquet"));
        assertEquals(10, bins.size());
        assertEquals("s_002um_00305_01021-1", bins.ids().get(0));
        assertEquals(13608.742910510004, bins.x()[0]);
        assertEquals(2385.629487758882, bins.y()[0]);
        assertEquals(105067.43337239287, Arrays.stream(bins.x()).sum(), 1e-6);
        assertEquals(109680.51348638372, Arrays.stream(bins.y()).sum(), 1e-6);
        assertEquals("px", bins.unit());
    }

    @Test
    void merscopeVptParquetWithIntegerIds() {
        // pyarrow: cells_cellpose.parquet has 98 rows, EntityID int64, first 614155123100000007, no centroid columns
        Path file = ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192/cells_cellpose.parquet");
        CellPositions z = PositionReader.columns(file, "EntityID", "ZLevel", "ZIndex", "um");
        assertEquals(98, z.size());
        assertEquals("614155123100000007", z.ids().get(0));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PositionReader.xeniumCells(file));
        assertTrue(error.getMessage().contains("has no column 'cell_id'"), error.getMessage());
        assertTrue(error.getMessage().contains("EntityID"), error.getMessage());
    }

    @Test
    void parquetIsRecognisedByContentAndBadFilesAreNamed() throws IOException {
        Path renamed = Files.copy(TOY.resolve("transcripts.parquet"), temp.resolve("transcripts.bin"));
        assertEquals(all(TOY.resolve("transcripts.csv.gz")), all(renamed));

        byte[] bytes = Files.readAllBytes(TOY.resolve("transcripts.parquet"));
        Path truncated = Files.write(temp.resolve("transcripts.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TranscriptReader.open(truncated).close());
        assertTrue(error.getMessage().contains(truncated.toString()) && error.getMessage().contains("Parquet"),
                error.getMessage());

        IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
                () -> TranscriptReader.open(TOY.resolve("cells.parquet")));
        assertTrue(cells.getMessage().contains("x_centroid"), cells.getMessage());
    }
}
