package org.spatialx.formats.anndata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.Compression;
import org.spatialx.formats.zarr.Compressors;
import org.spatialx.formats.zarr.DataType;
import org.spatialx.formats.zarr.DirectoryStore;
import org.spatialx.formats.zarr.FileWriter;
import org.spatialx.formats.zarr.FolderLock;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrArrayWriter;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * Writes AnnData tables in anndata's zarr encoding, laid out as protocol 7.4 reads them: {@code X}
 * as CSC in the matrix's element type, {@code obs} indexed by cell id, {@code var} by gene name with
 * a {@code gene_ids} column, {@code obsm}, {@code uns}, and an {@code elements} attribute in each slot
 * mapping display names to ids.
 *
 * <p>Every write is atomic for readers: a new table is written in a hidden folder beside its
 * destination and renamed into place; an entry added later is written beside its slot's entries,
 * renamed in, and only then listed in the slot's attributes (rewritten by an atomic rename). A failure
 * removes what was written and leaves the table as it was. Concurrent {@link #add}s to one table, from
 * threads or processes, are serialised by a lock file ({@code .lock}) in the table folder.
 */
public final class AnnDataWriter {

    /** The obs column of genes detected per cell ({@link #cellQc}). */
    public static final String NUMBER_OF_GENES = "Number of genes";
    /** The obs column of counts per cell ({@link #cellQc}). */
    public static final String NUMBER_OF_TRANSCRIPTS = "Number of mRNA transcripts";
    /** Display name of cell positions in obsm; stored under anndata's conventional id {@code spatial}. */
    public static final String SPATIAL_CELL_CENTERS = "Spatial Cell centers";
    /** Display name of spot positions in obsm (Visium, Slide-seq beads), also stored as {@code spatial}. */
    public static final String SPATIAL_SPOT_CENTERS = "Spatial Spot centers";
    /** The var column holding gene ids; the var index holds gene names. */
    public static final String GENE_IDS = "gene_ids";

    private final FileWriter files;
    private final Compression matrixCompression;

    /** A writer that compresses everything with zlib (numcodecs {@code Zlib(level=1)}). */
    public AnnDataWriter() {
        this(FileWriter.DEFAULT, Compression.ZLIB);
    }

    /**
     * A writer that stores X's chunks with {@code matrixCompression}: {@link Compression#NONE} writes
     * about 3x the bytes several times faster (zlib is the slow part of writing a table).
     */
    public AnnDataWriter(Compression matrixCompression) {
        this(FileWriter.DEFAULT, matrixCompression);
    }

    /** A writer whose chunk files go through {@code files} (tests inject failures). */
    AnnDataWriter(FileWriter files) {
        this(files, Compression.ZLIB);
    }

    private AnnDataWriter(FileWriter files, Compression matrixCompression) {
        this.files = files;
        this.matrixCompression = matrixCompression;
    }

    /**
     * The two per-cell columns ingestion writes: genes detected ({@code n_genes_by_counts}) and total
     * counts ({@code total_counts}), ids as scanpy names them.
     */
    public static List<TableEntry> cellQc(ExpressionMatrix matrix) {
        double[] genes = new double[matrix.cellCount()];
        double[] totals = new double[matrix.cellCount()];
        for (int c = 0; c < genes.length; c++) {
            int detected = 0;
            for (int i = matrix.indptr()[c]; i < matrix.indptr()[c + 1]; i++) {
                if (matrix.values().get(i) != 0) {
                    detected++;
                }
            }
            genes[c] = detected;
            totals[c] = matrix.cellTotal(c);
        }
        return List.of(new TableEntry.Obs("n_genes_by_counts", NUMBER_OF_GENES, new Column.Numeric(genes)),
                new TableEntry.Obs("total_counts", NUMBER_OF_TRANSCRIPTS, new Column.Numeric(totals)));
    }

    /** Cell (or spot) positions as the obsm entry {@code spatial}, shown as {@code name}. */
    public static TableEntry.Obsm spatial(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x but " + y.length + " y coordinates");
        }
        double[] xy = new double[x.length * 2];
        for (int i = 0; i < x.length; i++) {
            xy[2 * i] = x[i];
            xy[2 * i + 1] = y[i];
        }
        return new TableEntry.Obsm("spatial", name, new DenseMatrix(x.length, 2, xy));
    }

    /**
     * Writes a new table at {@code table} (which must not exist): X from {@code matrix}, obs and var
     * indexes, then {@code entries}. Nothing is visible at {@code table} until everything is written.
     */
    public void create(Path table, ExpressionMatrix matrix, List<TableEntry> entries) {
        if (Files.exists(table)) {
            throw new ZarrException("Table " + table + " already exists; add entries to it with add(), or remove it "
                    + "first");
        }
        checkEntries(entries, matrix.cellCount(), matrix.geneCount());
        Path temporary = AtomicFiles.temporarySibling(table);
        try {
            Files.createDirectories(table.getParent());
            ZarrGroup.create(temporary, Encoding.attrs("anndata", "0.1.0"));
            writeMatrix(temporary.resolve("X"), matrix);
            Map<String, Column> obs = new LinkedHashMap<>();
            Map<String, String> obsNames = new LinkedHashMap<>();
            Map<String, Column> var = new LinkedHashMap<>();
            Map<String, String> varNames = new LinkedHashMap<>();
            var.put(GENE_IDS, new Column.Text(matrix.geneIds()));
            varNames.put("Gene IDs", GENE_IDS);
            for (TableEntry entry : entries) {
                if (entry instanceof TableEntry.Obs o) {
                    obs.put(o.id(), o.column());
                    obsNames.put(o.name(), o.id());
                } else if (entry instanceof TableEntry.Var v) {
                    var.put(v.id(), v.column());
                    varNames.put(v.name(), v.id());
                }
            }
            Encoding.writeDataFrame(temporary.resolve("obs"), new DataFrame(matrix.cellIds(), obs), obsNames, files);
            Encoding.writeDataFrame(temporary.resolve("var"), new DataFrame(matrix.geneNames(), var), varNames, files);
            for (Slot slot : List.of(Slot.OBSM, Slot.UNS)) {
                Encoding.writeDict(temporary.resolve(slot.folder()), true);
            }
            for (String empty : List.of("layers", "obsp", "varm", "varp")) {
                Encoding.writeDict(temporary.resolve(empty), false);
            }
            for (TableEntry entry : entries) {
                if (entry.slot() == Slot.OBSM || entry.slot() == Slot.UNS) {
                    Path slot = temporary.resolve(entry.slot().folder());
                    writeEntry(slot.resolve(entry.id()), entry);
                    ObjectNode attrs = ZarrGroup.readAttributes(new DirectoryStore(slot), "");
                    ((ObjectNode) attrs.get(Encoding.ELEMENTS)).put(entry.name(), entry.id());
                    ZarrGroup.writeAttributes(slot, attrs);
                }
            }
            AtomicFiles.move(temporary, table, false);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            if (e instanceof IOException io) {
                throw new ZarrException("Cannot write the table " + table + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Adds one entry to the existing table at {@code table}. Fails, leaving the table unchanged, when
     * the id or the display name is taken in that slot or the entry's length does not match the table.
     */
    public void add(Path table, TableEntry entry) {
        if (!Files.isDirectory(table.resolve(Slot.OBS.folder()))) {
            throw new ZarrException("No AnnData table at " + table + " (no obs/)");
        }
        FolderLock.run(table, () -> {
            DirectoryStore store = new DirectoryStore(table);
            int cells = Math.toIntExact(ZarrArray.open(store, "obs/" + Encoding.INDEX).length());
            int genes = Math.toIntExact(ZarrArray.open(store, "var/" + Encoding.INDEX).length());
            checkEntries(List.of(entry), cells, genes);
            Path slot = table.resolve(entry.slot().folder());
            if (!Files.isDirectory(slot)) {
                Encoding.writeDict(slot, true);
            }
            ObjectNode attrs = ZarrGroup.readAttributes(store, entry.slot().folder());
            Map<String, String> elements = Encoding.elements(attrs);
            Path target = slot.resolve(entry.id());
            if (Files.exists(target) || elements.containsValue(entry.id())) {
                throw new ZarrException(entry.slot().folder() + " of " + table + " already has an entry '" + entry.id()
                        + "'; choose another id");
            }
            if (elements.containsKey(entry.name())) {
                throw new ZarrException(entry.slot().folder() + " of " + table + " already shows an entry named '"
                        + entry.name() + "' (id " + elements.get(entry.name()) + "); choose another name");
            }
            Path temporary = AtomicFiles.temporarySibling(target);
            boolean moved = false;
            try {
                writeEntry(temporary, entry);
                AtomicFiles.move(temporary, target, false);
                moved = true;
                if (entry.slot() == Slot.OBS || entry.slot() == Slot.VAR) {
                    ArrayNode order = attrs.withArray(Encoding.COLUMN_ORDER);
                    order.add(entry.id());
                }
                attrs.withObject(Encoding.ELEMENTS).put(entry.name(), entry.id());
                ZarrGroup.writeAttributes(slot, attrs);
            } catch (IOException | RuntimeException e) {
                AtomicFiles.deleteQuietly(moved ? target : temporary, e);
                throw e;
            }
        });
    }

    /**
     * Removes the entry {@code id} of {@code slot} that {@link #add} wrote (its folder, its display name
     * and its place in the column order): how a writer that added several entries takes them back when a
     * later one fails. Nothing happens when there is no such entry.
     */
    public void remove(Path table, Slot slot, String id) {
        FolderLock.run(table, () -> {
            Path folder = table.resolve(slot.folder());
            if (!Files.isDirectory(folder)) {
                return;
            }
            DirectoryStore store = new DirectoryStore(table);
            ObjectNode attrs = ZarrGroup.readAttributes(store, slot.folder());
            ObjectNode elements = attrs.withObject(Encoding.ELEMENTS);
            List<String> names = new java.util.ArrayList<>();
            elements.properties().forEach(e -> {
                if (e.getValue().asText().equals(id)) {
                    names.add(e.getKey());
                }
            });
            names.forEach(elements::remove);
            ArrayNode order = attrs.withArray(Encoding.COLUMN_ORDER);
            for (int i = order.size() - 1; i >= 0; i--) {
                if (order.get(i).asText().equals(id)) {
                    order.remove(i);
                }
            }
            if (slot != Slot.OBS && slot != Slot.VAR) {
                attrs.remove(Encoding.COLUMN_ORDER);
            }
            ZarrGroup.writeAttributes(folder, attrs);
            AtomicFiles.deleteTree(folder.resolve(id));
        });
    }

    private void writeEntry(Path dir, TableEntry entry) throws IOException {
        switch (entry) {
            case TableEntry.Obs o -> Encoding.writeColumn(dir, o.column(), files);
            case TableEntry.Var v -> Encoding.writeColumn(dir, v.column(), files);
            case TableEntry.Obsm m -> Encoding.writeDense(dir, m.matrix(), files);
            case TableEntry.Result r -> Encoding.writeDataFrame(dir, r.table(), null, files);
        }
    }

    private static void checkEntries(List<TableEntry> entries, int cells, int genes) {
        Map<Slot, Set<String>> ids = new LinkedHashMap<>();
        Map<Slot, Set<String>> names = new LinkedHashMap<>();
        for (TableEntry entry : entries) {
            int expected = entry.slot() == Slot.VAR ? genes : cells;
            int actual = switch (entry) {
                case TableEntry.Obs o -> o.column().size();
                case TableEntry.Var v -> v.column().size();
                case TableEntry.Obsm m -> m.matrix().rows();
                case TableEntry.Result r -> expected;
            };
            if (actual != expected) {
                throw new IllegalArgumentException(entry.slot().folder() + " entry '" + entry.name() + "' has " + actual
                        + " rows but the table has " + expected + (entry.slot() == Slot.VAR ? " genes" : " cells"));
            }
            boolean reserved = entry.slot() == Slot.VAR && entry.id().equals(GENE_IDS);
            if (reserved || !ids.computeIfAbsent(entry.slot(), s -> new HashSet<>()).add(entry.id())) {
                throw new IllegalArgumentException(entry.slot().folder() + " id '" + entry.id() + "' is used twice");
            }
            if (!names.computeIfAbsent(entry.slot(), s -> new HashSet<>()).add(entry.name())) {
                throw new IllegalArgumentException(entry.slot().folder() + " name '" + entry.name() + "' is used twice");
            }
        }
    }

    /** X as CSC in the matrix's element type (int counts stay int32): data, indices, indptr and shape. */
    private void writeMatrix(Path dir, ExpressionMatrix matrix) throws IOException {
        try (Compressors compressors = Compressors.parallel()) {
            writeMatrix(dir, matrix, compressors);
        }
    }

    private void writeMatrix(Path dir, ExpressionMatrix matrix, Compressors compressors) throws IOException {
        ObjectNode attrs = Encoding.attrs("csc_matrix", "0.1.0");
        attrs.putArray("shape").add(matrix.cellCount()).add(matrix.geneCount());
        ZarrGroup.create(dir, attrs);
        int genes = matrix.geneCount();
        int[] indptr = new int[genes + 1];
        for (int index : matrix.indices()) {
            if (index < 0 || index >= genes) {
                throw new IllegalArgumentException("Gene column " + index + " outside 0.." + (genes - 1));
            }
            indptr[index + 1]++;
        }
        for (int g = 0; g < genes; g++) {
            indptr[g + 1] += indptr[g];
        }
        int[] next = java.util.Arrays.copyOf(indptr, genes);
        int[] rows = new int[matrix.nonZeroCount()];
        int[] csr = matrix.indptr();
        int[] cols = matrix.indices();
        MatrixValues values = matrix.values();
        // one pass scatters the cell of each value to its gene's range; the values follow in the same order
        int[] position = new int[matrix.nonZeroCount()];
        for (int c = 0; c < matrix.cellCount(); c++) {
            for (int i = csr[c]; i < csr[c + 1]; i++) {
                int p = next[cols[i]]++;
                rows[p] = c;
                position[i] = p;
            }
        }
        writeInts(dir.resolve("indices"), rows, compressors);
        rows = null;
        ZarrArrayWriter data;
        switch (values) {
            case MatrixValues.Ints ints -> {
                int[] out = new int[ints.size()];
                for (int i = 0; i < out.length; i++) {
                    out[position[i]] = ints.values()[i];
                }
                data = writer(dir.resolve("data"), DataType.INT32, compressors);
                data.appendInts(out, 0, out.length);
            }
            case MatrixValues.Floats floats -> {
                float[] out = new float[floats.size()];
                for (int i = 0; i < out.length; i++) {
                    out[position[i]] = floats.values()[i];
                }
                data = writer(dir.resolve("data"), DataType.FLOAT32, compressors);
                data.appendFloats(out, 0, out.length);
            }
            case MatrixValues.Doubles doubles -> {
                double[] out = new double[doubles.size()];
                for (int i = 0; i < out.length; i++) {
                    out[position[i]] = doubles.values()[i];
                }
                data = writer(dir.resolve("data"), DataType.FLOAT64, compressors);
                data.appendDoubles(out, 0, out.length);
            }
        }
        data.finish(null);
        writeInts(dir.resolve("indptr"), indptr, compressors);
    }

    private ZarrArrayWriter writer(Path dir, DataType type, Compressors compressors) throws IOException {
        return ZarrArrayWriter.oneDimensional(dir, type, ZarrArrayWriter.DEFAULT_CHUNK, matrixCompression, files,
                compressors);
    }

    private void writeInts(Path dir, int[] values, Compressors compressors) throws IOException {
        ZarrArrayWriter writer = writer(dir, DataType.INT32, compressors);
        writer.appendInts(values, 0, values.length);
        writer.finish(null);
    }
}
