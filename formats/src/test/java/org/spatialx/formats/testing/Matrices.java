package org.spatialx.formats.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/** Comparing and generating expression matrices in tests. */
public final class Matrices {

    private Matrices() {
    }

    /** Asserts that two matrices hold the same ids, names, structure and typed values. */
    public static void assertSameMatrix(ExpressionMatrix expected, ExpressionMatrix actual) {
        assertEquals(expected.cellIds(), actual.cellIds(), "cell ids");
        assertEquals(expected.geneIds(), actual.geneIds(), "gene ids");
        assertEquals(expected.geneNames(), actual.geneNames(), "gene names");
        assertArrayEquals(expected.indptr(), actual.indptr(), "indptr");
        assertArrayEquals(expected.indices(), actual.indices(), "indices");
        assertEquals(expected.values(), actual.values(), "values (type and content)");
    }

    /** The rows of {@code m} at {@code rows}, every gene, in CSR with sorted columns. */
    public static ExpressionMatrix rows(ExpressionMatrix m, int... rows) {
        List<String> ids = new ArrayList<>();
        int[] indptr = new int[rows.length + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            ids.add(m.cellIds().get(rows[k]));
            for (int i = m.indptr()[rows[k]]; i < m.indptr()[rows[k] + 1]; i++) {
                cols.add(m.indices()[i]);
                vals.add(m.values().get(i));
            }
            indptr[k + 1] = cols.size();
        }
        return new ExpressionMatrix(ids, m.geneIds(), m.geneNames(), indptr,
                cols.stream().mapToInt(Integer::intValue).toArray(), like(m.values(), vals));
    }

    /** Every row of {@code m}, only the genes at {@code genes} in that order. */
    public static ExpressionMatrix columns(ExpressionMatrix m, int... genes) {
        int[] position = new int[m.geneCount()];
        java.util.Arrays.fill(position, -1);
        for (int k = 0; k < genes.length; k++) {
            position[genes[k]] = k;
        }
        int[] indptr = new int[m.cellCount() + 1];
        List<int[]> entries = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int c = 0; c < m.cellCount(); c++) {
            List<int[]> row = new ArrayList<>();
            for (int i = m.indptr()[c]; i < m.indptr()[c + 1]; i++) {
                if (position[m.indices()[i]] >= 0) {
                    row.add(new int[] {position[m.indices()[i]], i});
                }
            }
            row.sort((a, b) -> Integer.compare(a[0], b[0]));
            for (int[] e : row) {
                entries.add(e);
                vals.add(m.values().get(e[1]));
            }
            indptr[c + 1] = entries.size();
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int g : genes) {
            ids.add(m.geneIds().get(g));
            names.add(m.geneNames().get(g));
        }
        return new ExpressionMatrix(m.cellIds(), ids, names, indptr, entries.stream().mapToInt(e -> e[0]).toArray(),
                like(m.values(), vals));
    }

    private static MatrixValues like(MatrixValues type, List<Double> vals) {
        return switch (type) {
            case MatrixValues.Ints i -> new MatrixValues.Ints(vals.stream().mapToInt(Double::intValue).toArray());
            case MatrixValues.Floats f -> {
                float[] out = new float[vals.size()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = vals.get(k).floatValue();
                }
                yield new MatrixValues.Floats(out);
            }
            case MatrixValues.Doubles d -> new MatrixValues.Doubles(vals.stream().mapToDouble(Double::doubleValue).toArray());
        };
    }

    /**
     * A random {@code cells x genes} count matrix with about {@code perCell} values per cell (sorted
     * columns, int counts 1..20), for scale tests and benchmarks.
     */
    public static ExpressionMatrix random(int cells, int genes, int perCell, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] indptr = new int[cells + 1];
        int[] indices = new int[Math.multiplyExact(cells, perCell)];
        int[] values = new int[indices.length];
        int n = 0;
        for (int c = 0; c < cells; c++) {
            // perCell distinct sorted columns: stride through the genes from a random start
            int start = random.nextInt(genes);
            int step = Math.max(1, genes / perCell);
            int count = Math.min(perCell, genes);
            int[] row = new int[count];
            for (int k = 0; k < count; k++) {
                row[k] = (start + k * step) % genes;
            }
            java.util.Arrays.sort(row);
            int distinct = 0;
            for (int k = 0; k < count; k++) {
                if (k == 0 || row[k] != row[k - 1]) {
                    indices[n + distinct] = row[k];
                    values[n + distinct] = 1 + random.nextInt(20);
                    distinct++;
                }
            }
            n += distinct;
            indptr[c + 1] = n;
        }
        List<String> cellIds = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            cellIds.add("cell-" + c);
        }
        List<String> geneIds = new ArrayList<>(genes);
        List<String> geneNames = new ArrayList<>(genes);
        for (int g = 0; g < genes; g++) {
            geneIds.add("ENSG" + String.format("%011d", g));
            geneNames.add("Gene" + g);
        }
        return new ExpressionMatrix(cellIds, geneIds, geneNames, indptr, java.util.Arrays.copyOf(indices, n),
                new MatrixValues.Ints(java.util.Arrays.copyOf(values, n)));
    }
}
