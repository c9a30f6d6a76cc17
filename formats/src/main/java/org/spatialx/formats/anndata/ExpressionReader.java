package org.spatialx.formats.anndata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.formats.zarr.DataType;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * X of an {@link AnnDataTable}, read lazily into {@link ExpressionMatrix} slices in the stored element
 * type. Stored as CSC (protocol 7.4), a set of genes reads only those genes' chunks; a set of cells
 * scans the row indices once, chunk by chunk, and reads values only from chunks holding a wanted cell.
 * (A CSR X, as other writers may store, is read the other way round.) Not thread-safe.
 */
public final class ExpressionReader {

    private static final int SCAN_BLOCK = 1 << 20;

    private final AnnDataTable table;
    private final boolean csc;
    private final int cells;
    private final int genes;
    private final ZarrArray data;
    private final ZarrArray indices;
    private final ZarrArray indptrArray;
    private long[] indptr;
    private Map<String, Integer> geneLookup;
    private Map<String, Integer> cellLookup;

    ExpressionReader(AnnDataTable table) {
        this.table = table;
        String x = table.key("X");
        if (!ZarrGroup.exists(table.store(), x)) {
            throw new ZarrException("X of " + table + " is not a sparse matrix group (dense X is not supported)");
        }
        ObjectNode attrs = ZarrGroup.readAttributes(table.store(), x);
        String type = attrs.path(Encoding.TYPE).asText();
        if (!type.equals("csc_matrix") && !type.equals("csr_matrix")) {
            throw new ZarrException("X of " + table + " is '" + type + "', expected csc_matrix or csr_matrix");
        }
        this.csc = type.equals("csc_matrix");
        this.cells = attrs.path("shape").path(0).asInt();
        this.genes = attrs.path("shape").path(1).asInt();
        this.data = ZarrArray.open(table.store(), x + "/data");
        this.indices = ZarrArray.open(table.store(), x + "/indices");
        this.indptrArray = ZarrArray.open(table.store(), x + "/indptr");
    }

    /** Number of cells (rows). */
    public int cellCount() {
        return cells;
    }

    /** Number of genes (columns). */
    public int geneCount() {
        return genes;
    }

    /** Number of stored values. */
    public long nonZeroCount() {
        return data.length();
    }

    /** The stored element type ({@code <i4} counts, {@code <f4}, {@code <f8}). */
    public DataType valueType() {
        return data.metadata().type();
    }

    /** The column of a gene, by id or, failing that, by name; fails naming a few genes there are. */
    public int geneIndex(String idOrName) {
        if (geneLookup == null) {
            geneLookup = new HashMap<>();
            List<String> names = table.geneNames();
            for (int g = names.size() - 1; g >= 0; g--) {
                geneLookup.put(names.get(g), g);
            }
            List<String> ids = table.geneIds();
            for (int g = ids.size() - 1; g >= 0; g--) {
                geneLookup.put(ids.get(g), g);
            }
        }
        Integer g = geneLookup.get(idOrName);
        if (g == null) {
            throw new ZarrException("No gene '" + idOrName + "' among the " + genes + " genes of " + table + " (e.g. "
                    + String.join(", ", table.geneNames().subList(0, Math.min(5, genes))) + ")");
        }
        return g;
    }

    /** The row of a cell, by id. */
    public int cellIndex(String id) {
        if (cellLookup == null) {
            cellLookup = new HashMap<>();
            List<String> ids = table.cellIds();
            for (int c = ids.size() - 1; c >= 0; c--) {
                cellLookup.put(ids.get(c), c);
            }
        }
        Integer c = cellLookup.get(id);
        if (c == null) {
            throw new ZarrException("No cell '" + id + "' among the " + cells + " cells of " + table);
        }
        return c;
    }

    /** Every cell, only the genes named (ids or names), in the order given. */
    public ExpressionMatrix genes(String... idsOrNames) {
        return genes(Arrays.stream(idsOrNames).mapToInt(this::geneIndex).toArray());
    }

    /** Every cell, only the genes at {@code columns}, in that order. */
    public ExpressionMatrix genes(int... columns) {
        check(columns, genes, "gene");
        Triples triples = csc ? major(columns) : minor(columns, genes);
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int g : columns) {
            ids.add(table.geneIds().get(g));
            names.add(table.geneNames().get(g));
        }
        // stored CSC, the majors are the selected genes (columns); stored CSR, the majors are cells (rows)
        return triples.toMatrix(table.cellIds(), ids, names, cells, csc);
    }

    /** Only the cells with these ids, every gene. */
    public ExpressionMatrix cells(String... ids) {
        return cells(Arrays.stream(ids).mapToInt(this::cellIndex).toArray());
    }

    /** Only the cells at {@code rows}, in that order, every gene. */
    public ExpressionMatrix cells(int... rows) {
        check(rows, cells, "cell");
        Triples triples = csc ? minor(rows, cells) : major(rows);
        List<String> ids = new ArrayList<>();
        for (int c : rows) {
            ids.add(table.cellIds().get(c));
        }
        return triples.toMatrix(ids, table.geneIds(), table.geneNames(), rows.length, csc);
    }

    /** The whole matrix. */
    public ExpressionMatrix read() {
        int[] all = new int[cells];
        Arrays.setAll(all, i -> i);
        return cells(all);
    }

    private static void check(int[] positions, int size, String what) {
        for (int p : positions) {
            if (p < 0 || p >= size) {
                throw new ZarrException(what + " " + p + " is outside 0.." + (size - 1));
            }
        }
    }

    private long[] indptr() {
        if (indptr == null) {
            indptr = indptrArray.readLongs(0, Math.toIntExact(indptrArray.length()));
        }
        return indptr;
    }

    /** Values of the selected majors (k = position in the selection, minor index). */
    private Triples major(int[] selection) {
        long[] ptr = indptr();
        Triples out = new Triples(valueType());
        for (int k = 0; k < selection.length; k++) {
            long from = ptr[selection[k]];
            int n = Math.toIntExact(ptr[selection[k] + 1] - from);
            if (n > 0) {
                out.add(k, indices.readInts(from, n), data, from, n);
            }
        }
        return out;
    }

    /**
     * Values at the selected minors (k = major index, minor's position in the selection): one pass over
     * the minor indices; value chunks are read only where a selected minor occurs.
     */
    private Triples minor(int[] selection, int minorSize) {
        int[] position = new int[minorSize];
        Arrays.fill(position, -1);
        for (int k = 0; k < selection.length; k++) {
            if (position[selection[k]] >= 0) {
                throw new ZarrException("Position " + selection[k] + " is selected twice");
            }
            position[selection[k]] = k;
        }
        long[] ptr = indptr();
        Triples out = new Triples(valueType());
        long total = indices.length();
        int major = 0;
        for (long from = 0; from < total; from += SCAN_BLOCK) {
            int n = (int) Math.min(SCAN_BLOCK, total - from);
            int[] block = indices.readInts(from, n);
            int hits = 0;
            for (int v : block) {
                if (position[v] >= 0) {
                    hits++;
                }
            }
            if (hits == 0) {
                continue;
            }
            int[] at = new int[hits];
            int[] minors = new int[hits];
            int h = 0;
            for (int i = 0; i < n; i++) {
                if (position[block[i]] >= 0) {
                    at[h] = i;
                    minors[h++] = position[block[i]];
                }
            }
            out.minors.addAll(minors, hits);
            out.values.read(data, from, n, at);
            for (int j = 0; j < hits; j++) {
                long p = from + at[j];
                while (ptr[major + 1] <= p) {
                    major++;
                }
                out.majors.add(major);
            }
        }
        return out;
    }

    /** (major, minor, value) entries collected in major order, then turned into a CSR matrix. */
    private static final class Triples {
        final IntList majors = new IntList();
        final IntList minors = new IntList();
        final Values values;

        Triples(DataType type) {
            values = new Values(type);
        }

        /** Adds {@code n} entries of one major read at {@code from}. */
        void add(int major, int[] minorIndices, ZarrArray data, long from, int n) {
            for (int i = 0; i < n; i++) {
                majors.add(major);
            }
            minors.addAll(minorIndices, minorIndices.length);
            values.read(data, from, n, null);
        }

        /**
         * A CSR matrix with {@code rows} rows: when {@code majorIsColumn} the majors are columns (and the
         * minors rows), else the majors are rows.
         */
        ExpressionMatrix toMatrix(List<String> cellIds, List<String> geneIds, List<String> geneNames, int rows,
                boolean majorIsColumn) {
            int n = majors.size;
            int[] rowOf = majorIsColumn ? minors.array : majors.array;
            int[] colOf = majorIsColumn ? majors.array : minors.array;
            int[] indptr = new int[rows + 1];
            for (int i = 0; i < n; i++) {
                indptr[rowOf[i] + 1]++;
            }
            for (int r = 0; r < rows; r++) {
                indptr[r + 1] += indptr[r];
            }
            int[] next = Arrays.copyOf(indptr, rows);
            int[] cols = new int[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                int p = next[rowOf[i]]++;
                cols[p] = colOf[i];
                order[p] = i;
            }
            return new ExpressionMatrix(cellIds, geneIds, geneNames, indptr, cols, values.permuted(order));
        }
    }

    /** Values in the stored type: int (any integer that fits), float or double. */
    private static final class Values {
        private final DataType type;
        private int[] ints = new int[16];
        private float[] floats = new float[16];
        private double[] doubles = new double[16];
        private int size;

        Values(DataType type) {
            this.type = type;
        }

        /** Reads {@code n} values at {@code from}, keeping those at offsets {@code at} (all when null). */
        void read(ZarrArray data, long from, int n, int[] at) {
            int count = at == null ? n : at.length;
            grow(count);
            switch (type) {
                case FLOAT32 -> {
                    float[] block = data.readFloats(from, n);
                    for (int i = 0; i < count; i++) {
                        floats[size + i] = block[at == null ? i : at[i]];
                    }
                }
                case FLOAT64, UINT64 -> {
                    double[] block = data.readDoubles(from, n);
                    for (int i = 0; i < count; i++) {
                        doubles[size + i] = block[at == null ? i : at[i]];
                    }
                }
                default -> {
                    int[] block = data.readInts(from, n);
                    for (int i = 0; i < count; i++) {
                        ints[size + i] = block[at == null ? i : at[i]];
                    }
                }
            }
            size += count;
        }

        private void grow(int more) {
            int needed = size + more;
            switch (type) {
                case FLOAT32 -> {
                    if (needed > floats.length) {
                        floats = Arrays.copyOf(floats, Math.max(needed, floats.length * 2));
                    }
                }
                case FLOAT64, UINT64 -> {
                    if (needed > doubles.length) {
                        doubles = Arrays.copyOf(doubles, Math.max(needed, doubles.length * 2));
                    }
                }
                default -> {
                    if (needed > ints.length) {
                        ints = Arrays.copyOf(ints, Math.max(needed, ints.length * 2));
                    }
                }
            }
        }

        MatrixValues permuted(int[] order) {
            switch (type) {
                case FLOAT32 -> {
                    float[] out = new float[order.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = floats[order[i]];
                    }
                    return new MatrixValues.Floats(out);
                }
                case FLOAT64, UINT64 -> {
                    double[] out = new double[order.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = doubles[order[i]];
                    }
                    return new MatrixValues.Doubles(out);
                }
                default -> {
                    int[] out = new int[order.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = ints[order[i]];
                    }
                    return new MatrixValues.Ints(out);
                }
            }
        }
    }

    /** A growable int array. */
    private static final class IntList {
        int[] array = new int[16];
        int size;

        void add(int value) {
            if (size == array.length) {
                array = Arrays.copyOf(array, size * 2);
            }
            array[size++] = value;
        }

        void addAll(int[] values, int n) {
            if (size + n > array.length) {
                array = Arrays.copyOf(array, Math.max(size + n, array.length * 2));
            }
            System.arraycopy(values, 0, array, size, n);
            size += n;
        }
    }
}
