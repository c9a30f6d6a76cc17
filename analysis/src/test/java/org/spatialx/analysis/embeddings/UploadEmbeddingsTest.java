package org.spatialx.analysis.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.matrix.H5adMatrix;

/**
 * upload_embeddings on squidpy's real Visium h5ad (49 spots, obsm X_pca, X_umap, spatial; BSD-3-Clause,
 * bundled): an h5ad's obsm and a CSV of the same values in another row order import to the same
 * embeddings in the table's cell order; a file that does not match the cells is an error that writes nothing.
 */
class UploadEmbeddingsTest {

    private static final UploadEmbeddingsAnalysis KIND = new UploadEmbeddingsAnalysis();

    @TempDir
    Path uploads;
    private Path h5ad;
    private InMemoryAnalysisInput table;

    @BeforeEach
    void table() throws IOException {
        Path source = RealMatrices.bundled("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad");
        h5ad = Files.copy(source, Files.createDirectories(uploads.resolve("user")).resolve("visium.h5ad"));
        ExpressionMatrix counts = H5adMatrix.read(h5ad);
        // the table's cells in another order than the file's rows
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.cellCount(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(4));
        table = InMemoryAnalysisInput.builder("DA-visium", reordered(counts, order)).files(uploads).build();
    }

    private static ExpressionMatrix reordered(ExpressionMatrix counts, List<Integer> order) {
        List<String> ids = order.stream().map(counts.cellIds()::get).toList();
        int[] indptr = new int[order.size() + 1];
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < order.size(); r++) {
            int cell = order.get(r);
            for (int e = counts.indptr()[cell]; e < counts.indptr()[cell + 1]; e++) {
                indices.add(counts.indices()[e]);
                values.add(counts.values().get(e));
            }
            indptr[r + 1] = indices.size();
        }
        return new ExpressionMatrix(ids, counts.geneIds(), counts.geneNames(), indptr,
                indices.stream().mapToInt(Integer::intValue).toArray(),
                new org.spatialx.api.data.MatrixValues.Doubles(values.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private AnalysisResult upload(String serverPath) {
        return KIND.run(new UploadEmbeddingsAnalysis.Params(serverPath), table, new RecordingContext(0, 1, "Import"));
    }

    @Test
    void h5adObsmImportsInTheTablesCellOrder() {
        AnalysisResult result = upload("/user/visium.h5ad");
        assertEquals(List.of("X_pca", "X_umap", "spatial"), List.copyOf(result.embeddings().keySet()));
        DenseMatrix pca = result.embeddings().get("X_pca");
        assertEquals(49, pca.rows());
        assertEquals(50, pca.cols());
        assertTrue(result.obs().isEmpty() && result.tables().isEmpty());
    }

    @Test
    void csvOfTheSameValuesInAnotherOrderImportsTheSame() throws IOException {
        DenseMatrix umap = upload("user/visium.h5ad").embeddings().get("X_umap");
        List<String> cells = table.cellIds();
        List<String> lines = new ArrayList<>();
        for (int cell = cells.size() - 1; cell >= 0; cell--) {
            lines.add(String.format(Locale.ROOT, "\"%s\",%s,%s", cells.get(cell), umap.get(cell, 0), umap.get(cell, 1)));
        }
        lines.add(0, "barcode,UMAP_1,UMAP_2");
        Files.write(uploads.resolve("user/umap.csv"), lines);
        AnalysisResult result = upload("/user/umap.csv");
        assertEquals(List.of("UMAP"), List.copyOf(result.embeddings().keySet()));
        assertArrayEquals(umap.values(), result.embeddings().get("UMAP").values());
    }

    @Test
    void valuesAreWhatH5pyReads() throws IOException {
        PythonReference.assumeAvailable();
        Path out = uploads.resolve("x_pca.f64");
        List<String> lines = PythonReference.script("h5ad_obsm.py", h5ad, "X_pca", out);
        DenseMatrix ours = upload("/user/visium.h5ad").embeddings().get("X_pca");
        byte[] bytes = Files.readAllBytes(out);
        double[] theirs = new double[bytes.length / 8];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(theirs);
        // h5py's rows are in the file's obs order, ours in the table's
        List<String> fileOrder = lines;
        for (int cell = 0; cell < ours.rows(); cell++) {
            int row = fileOrder.indexOf(table.cellIds().get(cell));
            for (int c = 0; c < ours.cols(); c++) {
                assertEquals(theirs[row * ours.cols() + c], ours.get(cell, c), 0, "cell " + cell + ", dimension " + c);
            }
        }
    }

    @Test
    void mismatchedBarcodesAreAnErrorNamingThem() throws IOException {
        List<String> cells = table.cellIds();
        List<String> lines = new ArrayList<>(List.of("cell_id,x,y"));
        for (int cell = 0; cell < cells.size(); cell++) {
            lines.add((cell == 7 ? "AAAA-9" : cells.get(cell)) + "," + cell + "," + -cell);
        }
        Files.write(uploads.resolve("user/wrong.csv"), lines);
        AnalysisException error = assertThrows(AnalysisException.class, () -> upload("/user/wrong.csv"));
        assertTrue(error.getMessage().contains("1 of its 49 cells have no row (e.g. " + cells.get(7) + ")"),
                error.getMessage());
        assertTrue(error.getMessage().contains("Nothing was imported"), error.getMessage());

        lines.set(8, cells.get(0) + ",1,2");
        lines.set(1, cells.get(0) + ",1,2");
        Files.write(uploads.resolve("user/twice.csv"), lines);
        error = assertThrows(AnalysisException.class, () -> upload("/user/twice.csv"));
        assertTrue(error.getMessage().contains("has barcode " + cells.get(0) + " twice"), error.getMessage());
    }

    @Test
    void otherBadFilesAreClearErrors() throws IOException {
        assertTrue(assertThrows(AnalysisException.class, () -> upload("/user/absent.csv")).getMessage()
                .contains("No file /user/absent.csv"));
        assertTrue(assertThrows(AnalysisException.class, () -> upload("/../outside.csv")).getMessage()
                .contains("No file"));
        Files.writeString(uploads.resolve("user/embedding.parquet"), "x");
        assertTrue(assertThrows(AnalysisException.class, () -> upload("/user/embedding.parquet")).getMessage()
                .contains("give an AnnData .h5ad"));
        Files.writeString(uploads.resolve("user/text.csv"), "barcode,PC_1\n" + table.cellIds().get(0) + ",abc\n");
        assertTrue(assertThrows(AnalysisException.class, () -> upload("/user/text.csv")).getMessage()
                .contains("\"abc\" is not a finite number"));
        assertTrue(assertThrows(AnalysisException.class, () -> upload(" ")).getMessage().contains("csv_path"));
    }
}
