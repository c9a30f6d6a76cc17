package org.spatialx.formats.anndata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spatialx.formats.testing.Matrices.assertSameMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.formats.testing.ExampleData;
import org.spatialx.formats.testing.Matrices;
import org.spatialx.formats.zarr.DataType;
import org.spatialx.formats.zarr.ZarrException;

class AnnDataTableTest {

    @TempDir
    Path dir;

    private final AnnDataWriter writer = new AnnDataWriter();

    static ExpressionMatrix xeniumToy() {
        return ExampleData.tenxMatrix(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_feature_matrix.h5"));
    }

    static ExpressionMatrix xenium5k() {
        return ExampleData.tenxMatrix(ExampleData.bundled(
                "xenium/Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset/cell_feature_matrix.h5"));
    }

    static List<TableEntry> ingestionEntries(ExpressionMatrix m) {
        List<TableEntry> entries = new ArrayList<>(AnnDataWriter.cellQc(m));
        double[] x = new double[m.cellCount()];
        double[] y = new double[m.cellCount()];
        int[] codes = new int[m.cellCount()];
        for (int c = 0; c < x.length; c++) {
            x[c] = 10.5 * c;
            y[c] = -c / 3.0;
            codes[c] = c % 4 == 3 ? -1 : c % 3;
        }
        entries.add(AnnDataWriter.spatial(AnnDataWriter.SPATIAL_CELL_CENTERS, x, y));
        entries.add(new TableEntry.Obs("region", "Région", new Column.Categorical(List.of("tumour", "stroma", "vessel"),
                codes)));
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < x.length; c++) {
            notes.add(c % 5 == 0 ? "" : "note " + c + " µm");
        }
        entries.add(new TableEntry.Obs("notes", "Notes", new Column.Text(notes)));
        return entries;
    }

    @Test
    void writesRealCountsAsCscAndReadsThemBackInTheirType() {
        ExpressionMatrix m = xenium5k();
        assertTrue(m.values() instanceof MatrixValues.Ints, "the 5K subset stores int32 counts");
        Path table = dir.resolve("table/TB-1");
        writer.create(table, m, ingestionEntries(m));

        AnnDataTable read = AnnDataTable.open(table);
        assertEquals(m.cellCount(), read.cellCount());
        assertEquals(m.geneCount(), read.geneCount());
        assertEquals(m.cellIds(), read.cellIds());
        assertEquals(m.geneIds(), read.geneIds());
        assertEquals(m.geneNames(), read.geneNames());
        ExpressionReader x = read.expression();
        assertEquals(DataType.INT32, x.valueType());
        assertSameMatrix(m, x.read());
        // a missing X value reads as no entry: the stored nnz equals the source's
        assertEquals(m.nonZeroCount(), x.nonZeroCount());
    }

    @Test
    void readsGenesAndCellsLazilyByIndexAndName() {
        ExpressionMatrix m = xeniumToy();
        assertTrue(m.values() instanceof MatrixValues.Doubles, "the toy set stores float64 counts");
        Path table = dir.resolve("toy");
        writer.create(table, m, List.of());
        ExpressionReader x = AnnDataTable.open(table).expression();
        assertSameMatrix(Matrices.columns(m, 7, 2, 29), x.genes(7, 2, 29));
        assertSameMatrix(Matrices.columns(m, 3), x.genes(m.geneNames().get(3)));
        assertSameMatrix(Matrices.columns(m, 4), x.genes(m.geneIds().get(4)));
        assertSameMatrix(Matrices.rows(m, 525, 0, 17), x.cells(525, 0, 17));
        assertSameMatrix(Matrices.rows(m, 42), x.cells(m.cellIds().get(42)));
        ZarrException missing = assertThrows(ZarrException.class, () -> x.genes("NOT_A_GENE"));
        assertTrue(missing.getMessage().contains("No gene 'NOT_A_GENE'"), missing.getMessage());
    }

    @Test
    void readsMultiChunkArraysAcrossChunkBoundaries() {
        // 3000 cells x 400 genes x 100 values = 300k values: X/data spans two chunks
        ExpressionMatrix m = Matrices.random(3000, 400, 100, 7);
        Path table = dir.resolve("big");
        writer.create(table, m, AnnDataWriter.cellQc(m));
        ExpressionReader x = AnnDataTable.open(table).expression();
        assertSameMatrix(m, x.read());
        assertSameMatrix(Matrices.rows(m, 2999, 1500, 1), x.cells(2999, 1500, 1));
        assertSameMatrix(Matrices.columns(m, 399, 0, 200), x.genes(399, 0, 200));
    }

    @Test
    void readsObsVarAndObsmByDisplayNameOrId() {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        List<TableEntry> entries = ingestionEntries(m);
        writer.create(table, m, entries);
        AnnDataTable read = AnnDataTable.open(table);

        for (TableEntry entry : entries) {
            switch (entry) {
                case TableEntry.Obs o -> {
                    assertEquals(o.column(), read.obs(o.name()), o.name());
                    assertEquals(o.column(), read.obs(o.id()), o.id());
                }
                case TableEntry.Obsm o -> assertEquals(o.matrix(), read.obsm(o.name()));
                default -> throw new AssertionError(entry);
            }
        }
        Column.Numeric genes = (Column.Numeric) read.obs(AnnDataWriter.NUMBER_OF_GENES);
        for (int c = 0; c < m.cellCount(); c++) {
            assertEquals(m.indptr()[c + 1] - m.indptr()[c], genes.values()[c], 0.0, "genes of cell " + c);
        }
        assertEquals(new Column.Text(m.geneIds()), read.var("Gene IDs"));
        assertEquals(Map.of("Gene IDs", "gene_ids"), read.elements(Slot.VAR));
        assertEquals(List.of("n_genes_by_counts", "total_counts", "region", "notes"), read.ids(Slot.OBS));
        assertEquals("spatial", read.elements(Slot.OBSM).get(AnnDataWriter.SPATIAL_CELL_CENTERS));
    }

    @Test
    void aMissingEntryNamesTheOnesThereAre() {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        writer.create(table, m, ingestionEntries(m));
        ZarrException e = assertThrows(ZarrException.class, () -> AnnDataTable.open(table).obs("Leiden"));
        assertTrue(e.getMessage().contains("No obs entry 'Leiden'"), e.getMessage());
        assertTrue(e.getMessage().contains("Number of genes (n_genes_by_counts), Number of mRNA transcripts (total_counts), "
                + "Région (region), Notes (notes)"), e.getMessage());
        ZarrException obsm = assertThrows(ZarrException.class, () -> AnnDataTable.open(table).obsm("UMAP"));
        assertTrue(obsm.getMessage().contains("Spatial Cell centers (spatial)"), obsm.getMessage());
    }

    @Test
    void addsAnalysisOutputsThatReadBackUnderTheirNames() {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        writer.create(table, m, ingestionEntries(m));
        DenseMatrix pca = new DenseMatrix(m.cellCount(), 3, java.util.stream.IntStream.range(0, m.cellCount() * 3)
                .mapToDouble(i -> Math.sin(i)).toArray());
        Column.Categorical leiden = Column.Categorical.ofClusters(java.util.stream.IntStream.range(0, m.cellCount())
                .map(i -> i % 2).toArray());
        Column.Numeric dispersion = new Column.Numeric(java.util.stream.IntStream.range(0, m.geneCount())
                .mapToDouble(g -> g * 0.25).toArray());
        Map<String, Column> de = new LinkedHashMap<>();
        de.put("log2fc", new Column.Numeric(new double[] {1.5, -0.5}));
        de.put("pval", new Column.Numeric(new double[] {1e-8, 0.3}));
        DataFrame deTable = new DataFrame(List.of(m.geneNames().get(0), m.geneNames().get(1)), de);

        writer.add(table, new TableEntry.Obsm("AN-pca", "Connector - PCA", pca));
        writer.add(table, new TableEntry.Obs("AN-leiden", "Leiden", leiden));
        writer.add(table, new TableEntry.Var("AN-hvg", "Dispersion", dispersion));
        writer.add(table, new TableEntry.Result("AN-de", "DE genes", deTable));

        AnnDataTable read = AnnDataTable.open(table);
        assertEquals(pca, read.obsm("Connector - PCA"));
        assertEquals(leiden, read.obs("Leiden"));
        assertEquals(dispersion, read.var("Dispersion"));
        assertEquals(deTable, read.result("DE genes"));
        assertEquals(List.of("n_genes_by_counts", "total_counts", "region", "notes", "AN-leiden"), read.ids(Slot.OBS));
        assertEquals(List.of(AnnDataWriter.SPATIAL_CELL_CENTERS, "Connector - PCA"),
                new ArrayList<>(read.elements(Slot.OBSM).keySet()));
    }

    @Test
    void refusesTakenIdsNamesAndWrongLengthsLeavingTheTableAsItWas() throws IOException {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        writer.create(table, m, ingestionEntries(m));
        Map<Path, byte[]> before = snapshot(table);

        Column labels = Column.Categorical.ofClusters(new int[m.cellCount()]);
        ZarrException takenId = assertThrows(ZarrException.class,
                () -> writer.add(table, new TableEntry.Obs("region", "Other", labels)));
        assertTrue(takenId.getMessage().contains("already has an entry 'region'"), takenId.getMessage());
        ZarrException takenName = assertThrows(ZarrException.class,
                () -> writer.add(table, new TableEntry.Obs("AN-x", "Région", labels)));
        assertTrue(takenName.getMessage().contains("already shows an entry named 'Région'"), takenName.getMessage());
        IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                () -> writer.add(table, new TableEntry.Obs("AN-y", "Short", new Column.Numeric(new double[3]))));
        assertTrue(wrongLength.getMessage().contains("has 3 rows but the table has " + m.cellCount() + " cells"),
                wrongLength.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TableEntry.Obs("a/b", "Slash", labels));
        assertEquals(before.keySet(), snapshotWithoutLock(table).keySet());
    }

    @Test
    void aDiskErrorWhileAddingLeavesTheTableAsItWas() throws IOException {
        ExpressionMatrix m = Matrices.random(2000, 50, 10, 3);
        Path table = dir.resolve("t");
        writer.create(table, m, List.of());
        Map<Path, byte[]> before = snapshotWithoutLock(table);
        AtomicInteger writes = new AtomicInteger();
        AnnDataWriter failing = new AnnDataWriter((file, bytes) -> {
            if (writes.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
            }
            Files.write(file, bytes);
        });
        Column.Text labels = new Column.Text(java.util.Collections.nCopies(m.cellCount(), "x"));
        ZarrException e = assertThrows(ZarrException.class,
                () -> failing.add(table, new TableEntry.Obs("AN-1", "Labels", labels)));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        Map<Path, byte[]> after = snapshotWithoutLock(table);
        assertEquals(before.keySet(), after.keySet(), "no file added, no temporary left");
        for (Path file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file.toString());
        }
        writer.add(table, new TableEntry.Obs("AN-1", "Labels", labels)); // the same add then succeeds
        assertEquals(labels, AnnDataTable.open(table).obs("Labels"));
    }

    @Test
    void aDiskErrorWhileCreatingLeavesNothing() throws IOException {
        ExpressionMatrix m = xenium5k();
        AtomicInteger writes = new AtomicInteger();
        AnnDataWriter failing = new AnnDataWriter((file, bytes) -> {
            if (writes.incrementAndGet() == 5) {
                throw new IOException("No space left on device");
            }
            Files.write(file, bytes);
        });
        Path table = dir.resolve("spatial/SP-1/table/TB-1");
        ZarrException e = assertThrows(ZarrException.class, () -> failing.create(table, m, ingestionEntries(m)));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertFalse(Files.exists(table));
        try (Stream<Path> left = Files.list(table.getParent())) {
            assertEquals(List.of(), left.toList(), "no temporary folder left behind");
        }
    }

    @Test
    void concurrentAddsFromManyThreadsAllLand() throws Exception {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        writer.create(table, m, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                int id = k;
                futures.add(pool.submit(() -> writer.add(table, new TableEntry.Obs("AN-" + id, "Clusters " + id,
                        Column.Categorical.ofClusters(new int[m.cellCount()])))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AnnDataTable read = AnnDataTable.open(table);
        assertEquals(12, read.elements(Slot.OBS).size());
        assertEquals(12, read.ids(Slot.OBS).size());
    }

    @Test
    void refusesToOverwriteAnExistingTable() {
        ExpressionMatrix m = xenium5k();
        Path table = dir.resolve("t");
        writer.create(table, m, List.of());
        ZarrException e = assertThrows(ZarrException.class, () -> writer.create(table, m, List.of()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    static Map<Path, byte[]> snapshot(Path root) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                files.put(root.relativize(p), Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }

    static Map<Path, byte[]> snapshotWithoutLock(Path root) throws IOException {
        Map<Path, byte[]> files = snapshot(root);
        files.remove(Path.of(".lock"));
        return files;
    }
}
