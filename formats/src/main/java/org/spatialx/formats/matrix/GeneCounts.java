package org.spatialx.formats.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * Counts per (row, gene) gathered in any order, then built into an {@link ExpressionMatrix} with genes
 * sorted by name: how matrices are aggregated from tables of single molecules (transcripts, DNBs).
 * Memory grows with the (row, gene) pairs present, not with the number of rows added.
 *
 * @param <K> what identifies a row (a cell id, a bin)
 */
final class GeneCounts<K> {

    /** The rows in matrix order and the matrix built from them. */
    record Built<K>(List<K> rows, ExpressionMatrix matrix) {
    }

    private final Map<K, Integer> rowIndex = new HashMap<>();
    private final List<K> rows = new ArrayList<>();
    /** Per row: gene index -> count, kept small and ordered with a tree. */
    private final List<TreeMap<Integer, Long>> counts = new ArrayList<>();
    private final Map<String, Integer> geneIndex = new HashMap<>();
    private final List<String> genes = new ArrayList<>();

    /** Adds {@code count} to ({@code row}, {@code gene}). */
    void add(K row, String gene, long count) {
        int r = rowIndex.computeIfAbsent(row, key -> {
            rows.add(key);
            counts.add(new TreeMap<>());
            return rows.size() - 1;
        });
        int g = geneIndex.computeIfAbsent(gene, name -> {
            genes.add(name);
            return genes.size() - 1;
        });
        counts.get(r).merge(g, count, Long::sum);
    }

    /**
     * The matrix: rows in {@code order} ({@code null}: order of first appearance) named by {@code rowId},
     * genes sorted by name (gene ids are the names: molecule tables carry no other id).
     */
    Built<K> build(Comparator<? super K> order, Function<? super K, String> rowId) {
        List<Integer> rowOrder = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            rowOrder.add(r);
        }
        if (order != null) {
            rowOrder.sort(Comparator.comparing(rows::get, order));
        }
        List<String> sortedGenes = new ArrayList<>(genes);
        sortedGenes.sort(null);
        int[] column = new int[genes.size()];
        for (int g = 0; g < sortedGenes.size(); g++) {
            column[geneIndex.get(sortedGenes.get(g))] = g;
        }
        List<K> orderedRows = new ArrayList<>(rows.size());
        List<String> ids = new ArrayList<>(rows.size());
        SparseBuilder builder = new SparseBuilder();
        for (int i = 0; i < rowOrder.size(); i++) {
            int r = rowOrder.get(i);
            orderedRows.add(rows.get(r));
            ids.add(rowId.apply(rows.get(r)));
            for (Map.Entry<Integer, Long> entry : counts.get(r).entrySet()) {
                builder.add(i, column[entry.getKey()], entry.getValue());
            }
        }
        SparseBuilder.Csr csr = builder.build(ids.size());
        return new Built<>(orderedRows,
                new ExpressionMatrix(ids, sortedGenes, sortedGenes, csr.indptr(), csr.indices(), csr.values()));
    }
}
