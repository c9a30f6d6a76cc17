package org.spatialx.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.matrix.GemMatrix;
import org.spatialx.formats.matrix.H5adMatrix;
import org.spatialx.formats.matrix.MatrixMarket;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.transcripts.TranscriptColumns;
import org.spatialx.formats.transcripts.TranscriptReader;

/**
 * The readers return what the reference readers return from the same files. Every expected value
 * was computed once with Debian's python3-h5py 3.7.0 and python3-pandas on this machine, e.g.
 * {@code f = h5py.File(p); d = f['matrix/data'][:]; len(d), d.sum()} for 10x .h5,
 * {@code pd.read_csv(p, index_col=0); df.shape, df.values.sum(), (df.values != 0).sum()} for the
 * CSV tables, and {@code pd.read_csv(p).feature_name.value_counts()} for the transcripts.
 */
class ReadersTest {

    @TempDir
    Path temp;

    @Test
    void xeniumCellFeatureMatrixH5() {
        // h5py: shape [30 526], nnz 7828, sum 45729.0, barcodes[0] 'jcccmpde-1', features/id[0] ENSG00000142208 (AKT1)
        ExpressionMatrix m = TenxH5Matrix.read(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells")
                .resolve("cell_feature_matrix.h5"));
        assertEquals(526, m.cellCount());
        assertEquals(30, m.geneCount());
        assertEquals(7828, m.nonZeroCount());
        assertEquals(45729.0, m.total(), 1e-9);
        assertEquals("jcccmpde-1", m.cellIds().get(0));
        assertEquals("ENSG00000142208", m.geneIds().get(0));
        assertEquals("AKT1", m.geneNames().get(0));
        assertEquals(198.0, m.cellTotal(0), 1e-9); // also transcript_counts of jcccmpde-1 in cells.csv.gz
        // h5py: data.dtype float64 (this toy file was written from R): kept as double
        assertInstanceOf(MatrixValues.Doubles.class, m.values());
    }

    @Test
    void contiguousH5WithoutChunks() {
        // h5py: shape [12 25], data int32 (87,) not chunked nor compressed, sum 186, barcodes[0] CELL_000-1,
        // first cell sum 5
        ExpressionMatrix m = TenxH5Matrix.read(ExampleData.bundled(
                "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/cell_feature_matrix.h5"));
        assertEquals(25, m.cellCount());
        assertEquals(12, m.geneCount());
        assertEquals(87, m.nonZeroCount());
        assertEquals(186.0, m.total());
        assertEquals(5.0, m.cellTotal(0));
        assertEquals("CELL_000-1", m.cellIds().get(0));
        assertEquals("Gene_0", m.geneNames().get(0));
        assertInstanceOf(MatrixValues.Ints.class, m.values());
    }

    @Test
    void matrixWithoutAnyCountReadsAsEmpty() {
        // h5py: shape [10 10], data and indices of length 0 (no chunk stored), indptr all 0,
        // barcodes[0] s_002um_02448_01644-1, features/id[0] ENSMUSG00000051951 (Xkr4)
        ExpressionMatrix m = TenxH5Matrix.read(ExampleData.bundled(
                "visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10/binned_outputs/square_002um/filtered_feature_bc_matrix.h5"));
        assertEquals(10, m.cellCount());
        assertEquals(10, m.geneCount());
        assertEquals(0, m.nonZeroCount());
        assertEquals(0.0, m.total());
        assertEquals("s_002um_02448_01644-1", m.cellIds().get(0));
        assertEquals("ENSMUSG00000051951", m.geneIds().get(0));
        assertEquals(0.0, m.get(3, 3));
    }

    @Test
    void multiChunkH5DecodesLikeTheSingleChunkOriginal() throws Exception {
        // the same matrix with int32 data in 8 gzip chunks (last partial), shuffled indices, uint32 indptr
        ExpressionMatrix original = TenxH5Matrix.read(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells")
                .resolve("cell_feature_matrix.h5"));
        ExpressionMatrix rechunked = TenxH5Matrix.read(Path.of(getClass()
                .getResource("/h5/toy_cell_feature_matrix_rechunked.h5").toURI()));
        assertEquals(original.cellIds(), rechunked.cellIds());
        assertEquals(original.geneIds(), rechunked.geneIds());
        assertArrayEquals(original.indptr(), rechunked.indptr());
        assertArrayEquals(original.indices(), rechunked.indices());
        // h5py: the rechunked copy stores int32 (kept as int, 4 bytes a value) where the original has float64
        assertInstanceOf(MatrixValues.Ints.class, rechunked.values());
        for (int i = 0; i < original.nonZeroCount(); i++) {
            assertEquals(original.values().get(i), rechunked.values().get(i));
        }
        assertEquals(45729.0, rechunked.total(), 1e-9);
    }

    @Test
    void visiumH5WithUnsignedIndexAndSpaceRanger100() {
        // h5py: raw_feature_bc_matrix.h5 shape [49 50], nnz 344, sum 607, indptr uint32, first barcode AAACAACGAATAGTTC-1
        ExpressionMatrix raw = TenxH5Matrix.read(ExampleData.bundled(
                "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs/raw_feature_bc_matrix.h5"));
        assertEquals(50, raw.cellCount());
        assertEquals(49, raw.geneCount());
        assertEquals(344, raw.nonZeroCount());
        assertEquals(607.0, raw.total(), 1e-9);
        assertEquals("AAACAACGAATAGTTC-1", raw.cellIds().get(0));
        assertEquals("Xkr4", raw.geneNames().get(0));
        assertInstanceOf(MatrixValues.Ints.class, raw.values()); // h5py: int32
        // h5py: filtered_feature_bc_matrix.h5 shape [100 100], nnz 656, sum 932.0, first barcode column sum 10.0
        ExpressionMatrix filtered = TenxH5Matrix.read(ExampleData.bundled(
                "visium_h5/V1_Adult_Mouse_Brain_spaceranger-1.0.0_100x100/filtered_feature_bc_matrix.h5"));
        assertEquals(656, filtered.nonZeroCount());
        assertEquals(932.0, filtered.total(), 1e-9);
        assertEquals("AAACAAGTATCTCCCA-1", filtered.cellIds().get(0));
        assertEquals(10.0, filtered.cellTotal(0), 1e-9);
    }

    @Test
    void visiumMexFolderPlainAndGzip() throws IOException {
        // matrix.mtx: '50 50 338', values sum 682, barcode 1 (column 1) sum 9
        Path mex = ExampleData.bundled("visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs/raw_feature_bc_matrix");
        ExpressionMatrix plain = MatrixMarket.readFolder(mex);
        assertEquals(338, plain.nonZeroCount());
        assertEquals(682.0, plain.total(), 1e-9);
        assertEquals(9.0, plain.cellTotal(0), 1e-9);
        assertInstanceOf(MatrixValues.Ints.class, plain.values()); // 'coordinate integer general'
        assertEquals(50, plain.geneCount());
        // Space Ranger writes the MEX files gzipped: the same values come back
        Path gz = Files.createDirectories(temp.resolve("mex"));
        for (String name : List.of("matrix.mtx", "barcodes.tsv", "features.tsv")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz.resolve(name + ".gz")))) {
                Files.copy(mex.resolve(name), out);
            }
        }
        ExpressionMatrix zipped = MatrixMarket.readFolder(gz);
        assertEquals(plain.total(), zipped.total());
        assertEquals(plain.cellIds(), zipped.cellIds());
        assertEquals(plain.get(0, plain.indices()[0]), zipped.get(0, zipped.indices()[0]));
    }

    @Test
    void stereoSeqGemBinned() {
        // pandas: df = read_csv(gem, sep="\\t"); 77,634 rows, MIDCounts sum 131,002, 10,631 genes;
        // binned as df.x // b * b, df.y // b * b: b=50 36 bins, 51,483 (bin, gene) pairs, bin (9600, 12600)
        // 9,866 MIDs with 4 of 1110004F10Rik; b=100 9 bins, 34,150 pairs, first bin 35,260; b=1 41,915 DNBs
        Path gem = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo/SS200000135TL_D1_bin1_small.gem.gz");
        GemMatrix.Binned bin50 = GemMatrix.read(gem);
        ExpressionMatrix m = bin50.matrix();
        assertEquals(36, m.cellCount());
        assertEquals(10631, m.geneCount());
        assertEquals(51483, m.nonZeroCount());
        assertEquals(131002.0, m.total());
        assertEquals("bin50_9600_12600", m.cellIds().get(0));
        assertEquals("bin50_9600_12650", m.cellIds().get(1));
        assertEquals(9866.0, m.cellTotal(0));
        assertEquals(9740.0, m.cellTotal(1));
        assertEquals(4.0, m.get(0, m.geneIds().indexOf("1110004F10Rik")));
        assertEquals("0610009B22Rik", m.geneIds().get(0));
        assertInstanceOf(MatrixValues.Ints.class, m.values());
        assertEquals(4812.5, bin50.positions().x()[0]); // bin centre: (9600 + 25) DNBs x 0.5 µm
        assertEquals(6312.5, bin50.positions().y()[0]);
        assertEquals("um", bin50.positions().unit());
        ExpressionMatrix bin100 = GemMatrix.read(gem, 100).matrix();
        assertEquals(9, bin100.cellCount());
        assertEquals(34150, bin100.nonZeroCount());
        assertEquals(35260.0, bin100.cellTotal(0));
        ExpressionMatrix dnb = GemMatrix.read(gem, 1).matrix();
        assertEquals(41915, dnb.cellCount());
        assertEquals(77634, dnb.nonZeroCount());
    }

    @Test
    void stereoSeqGemOfSaw5WithCommentLinesReadsTheSame() throws IOException {
        // the SAW 5+ layout, derived from the real file: # lines first, the count column named MIDCount
        Path gem = ExampleData.bundled("stereoseq/SS200000135TL_D1_bin1_small_spateo/SS200000135TL_D1_bin1_small.gem.gz");
        Path saw5 = temp.resolve("SS200000135TL_D1.tissue.gem.gz");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gem));
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(saw5))) {
            out.write("#FileFormat=GEMv0.1\n#SortedBy=None\n#BinSize=1\n#STOmicsChip=SS200000135TL_D1\n#OffsetX=0\n#OffsetY=0\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            out.write(text.replaceFirst("MIDCounts", "MIDCount").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ExpressionMatrix original = GemMatrix.read(gem).matrix();
        ExpressionMatrix derived = GemMatrix.read(saw5).matrix();
        assertEquals(original.cellIds(), derived.cellIds());
        assertEquals(original.geneIds(), derived.geneIds());
        assertEquals(original.values(), derived.values());
        // not a GEM: the error names the file and the columns it has
        Path notGem = Files.writeString(temp.resolve("other.gem"), "gene\tx\ty\tcount\nA\t1\t2\t3\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GemMatrix.read(notGem));
        assertTrue(error.getMessage().contains("no column geneID (it has gene, x, y, count)"), error.getMessage());
    }

    @Test
    void h5adCsrWithObsAndVarNames() {
        // h5py: X csr_matrix shape [49 1999], nnz 22372, sum 30129.566 (float32), obs[0] AAATTGCGGCGGTTCT-1,
        // var[0] 4732440D04Rik, row 0 sum 611.4084
        ExpressionMatrix m = H5adMatrix.read(ExampleData.bundled(
                "anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"));
        assertEquals(49, m.cellCount());
        assertEquals(1999, m.geneCount());
        assertEquals(22372, m.nonZeroCount());
        assertEquals(30129.566, m.total(), 0.01);
        assertEquals("AAATTGCGGCGGTTCT-1", m.cellIds().get(0));
        assertEquals("4732440D04Rik", m.geneIds().get(0));
        assertEquals(611.4084, m.cellTotal(0), 0.001);
        assertInstanceOf(MatrixValues.Floats.class, m.values());
    }

    @Test
    void merscopeCellByGene() {
        // pandas read_csv(index_col=0): shape (94, 274), sum 1484, non-zeros 895, first cell 614155123100000001, first gene Comt
        ExpressionMatrix m = DelimitedMatrix.readMerscopeCellByGene(
                ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192").resolve("cell_by_gene.csv"));
        assertEquals(94, m.cellCount());
        assertEquals(274, m.geneCount());
        assertEquals(1484.0, m.total(), 1e-9);
        assertEquals(895, m.nonZeroCount());
        assertEquals("614155123100000001", m.cellIds().get(0));
        assertEquals("Comt", m.geneIds().get(0));
    }

    @Test
    void cosmxExprMatSkipsTheBackgroundRow() {
        // pandas: shape (906, 1012); genes of rows with cell_ID != 0 sum 726894, non-zeros 190193; first gene RAMP2
        ExpressionMatrix m = DelimitedMatrix.readCosmxExprMat(
                ExampleData.shared("cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper").resolve("DBKero_exprMat_file.csv"));
        assertEquals(905, m.cellCount());
        assertEquals(1010, m.geneCount());
        assertEquals(726894.0, m.total(), 1e-9);
        assertEquals(190193, m.nonZeroCount());
        assertEquals("16_1", m.cellIds().get(0));
        assertEquals("RAMP2", m.geneIds().get(0));
        assertEquals(142.0, m.cellTotal(0), 1e-9);
    }

    @Test
    void slideSeqDigitalExpressionIsTransposedToBeadsByGenes() {
        // pandas read_csv(index_col=0): 378 genes x 100 beads, sum 15246, non-zeros 7226, bead TTGGACGTTTCAAT sums 119
        ExpressionMatrix m = DelimitedMatrix.readGenesAsRows(
                ExampleData.shared("slideseq/spacexr_vignette_cerebellum_puck").resolve("MappedDGEForR.csv"));
        assertEquals(100, m.cellCount());
        assertEquals(378, m.geneCount());
        assertEquals(15246.0, m.total(), 1e-9);
        assertEquals(7226, m.nonZeroCount());
        assertEquals("TTGGACGTTTCAAT", m.cellIds().get(0));
        assertEquals("Xkr4", m.geneIds().get(0));
        assertEquals(119.0, m.cellTotal(0), 1e-9);
    }

    @Test
    void geomxDccWithZippedPkcs() {
        // python json + text parsing: 8707 probes in the two PKCs (RTS0039514 -> A2M), 12 DCCs, 95166 probe counts,
        // total 3543406, A02 sums 312060, the near-empty A01 sums 7; every DCC probe is in a PKC
        Path root = ExampleData.bundled("geomx/GeomxTools_DSP_NGS_Example_kidney_rowA");
        ExpressionMatrix m = org.spatialx.formats.matrix.GeomxCounts.read(root.resolve("DCC"),
                List.of(root.resolve("pkcs.zip")));
        assertEquals(12, m.cellCount());
        assertEquals(8707, m.geneCount());
        assertEquals(95166, m.nonZeroCount());
        assertEquals(3543406.0, m.total(), 1e-9);
        assertEquals("DSP-1001250002642-A01", m.cellIds().get(0));
        assertEquals(7.0, m.cellTotal(0), 1e-9);
        assertEquals(312060.0, m.cellTotal(1), 1e-9);
        assertEquals("A2M", m.geneNames().get(m.geneIds().indexOf("RTS0039514")));
    }

    @Test
    void xeniumTranscriptsStreamFromCsvGz() {
        // pandas: 5260 rows, feature_name counts LEF1 821, CD3D 548; x_location sum 6288895.10801; 9 UNASSIGNED
        Path file = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells").resolve("transcripts.csv.gz");
        Map<String, Integer> perGene = new HashMap<>();
        double[] xSum = {0};
        int[] unassigned = {0};
        try (TranscriptReader reader = TranscriptReader.open(file)) {
            assertEquals(TranscriptColumns.XENIUM, reader.columns());
            reader.forEachRemaining(t -> {
                perGene.merge(t.gene(), 1, Integer::sum);
                xSum[0] += t.x();
                if (t.cellId().equals("UNASSIGNED")) {
                    unassigned[0]++;
                }
            });
        }
        assertEquals(5260, perGene.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(821, perGene.get("LEF1"));
        assertEquals(548, perGene.get("CD3D"));
        assertEquals(6288895.10801, xSum[0], 0.01);
        assertEquals(9, unassigned[0]);
    }

    @Test
    void cosmxAndMerscopeTranscripts() {
        // pandas: Lung12_tx_file.csv 25825 rows, target MZT2A 2338, x_global_px sum 154994740.62164924
        try (TranscriptReader cosmx = TranscriptReader.open(
                ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3").resolve("Lung12_tx_file.csv"))) {
            List<Transcript> all = cosmx.stream().toList();
            assertEquals(25825, all.size());
            assertEquals(2338, all.stream().filter(t -> t.gene().equals("MZT2A")).count());
            assertEquals(154994740.62164924, all.stream().mapToDouble(Transcript::x).sum(), 0.1);
        }
        // pandas read_csv(index_col=0): 5936 rows, gene Fasn 474, global_x sum 192550.13986469636; no cell_id column
        try (TranscriptReader merscope = TranscriptReader.open(
                ExampleData.bundled("merscope/vpt_testdata_mouse_liver_fov192").resolve("detected_transcripts.csv"))) {
            assertEquals(TranscriptColumns.MERSCOPE, merscope.columns());
            List<Transcript> all = merscope.stream().toList();
            assertEquals(5936, all.size());
            assertEquals(474, all.stream().filter(t -> t.gene().equals("Fasn")).count());
            assertEquals(192550.13986469636, all.stream().mapToDouble(Transcript::x).sum(), 0.01);
            assertEquals("", all.get(0).cellId());
        }
    }

    @Test
    void unknownTranscriptTableNamesItsColumns() {
        Path cells = ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells").resolve("cells.csv.gz");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TranscriptReader.open(cells));
        assertTrue(error.getMessage().contains("is not a Xenium, CosMx or MERSCOPE transcript table (columns: cell_id,"),
                error.getMessage());
    }

    @Test
    void positions() {
        // pandas: cells.csv.gz 526 rows, x_centroid sum 628480.7379882813, y_centroid sum 627469.0499755859
        CellPositions cells = PositionReader.xeniumCells(
                ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells").resolve("cells.csv.gz"));
        assertEquals(526, cells.size());
        assertEquals("jcccmpde-1", cells.ids().get(0));
        assertEquals(628480.7379882813, java.util.Arrays.stream(cells.x()).sum(), 1e-6);
        assertEquals(627469.0499755859, java.util.Arrays.stream(cells.y()).sum(), 1e-6);
        // pandas read_csv(header=None): 50 spots, pxl_row sum 288243, pxl_col sum 279712
        CellPositions spots = PositionReader.visiumSpots(ExampleData.bundled(
                "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs/spatial/tissue_positions_list.csv"));
        assertEquals(50, spots.size());
        assertEquals(288243.0, java.util.Arrays.stream(spots.y()).sum(), 1e-9);
        assertEquals(279712.0, java.util.Arrays.stream(spots.x()).sum(), 1e-9);
        assertEquals("px", spots.unit());
        assertEquals(279712.0 * 0.5, java.util.Arrays.stream(spots.toMicrons(0.5).x()).sum(), 1e-6);
    }
}
