package org.spatialx.analysis.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.Column;

/**
 * Each cell's batch as a code {@code 0 .. count-1}, read from a per-cell column: a categorical
 * column's categories, or the distinct values of a text or numeric column in order of first
 * appearance.
 *
 * @param names the batches
 * @param codes one batch per cell
 */
public record BatchLabels(List<String> names, int[] codes) {

    /** Number of batches. */
    public int count() {
        return names.size();
    }

    /**
     * The batches of column {@code key}.
     *
     * @throws AnalysisException when a cell has no batch
     */
    public static BatchLabels of(String key, Column column) {
        return switch (column) {
            case Column.Categorical categorical -> fromCategorical(key, categorical);
            case Column.Text text -> fromValues(key, text.values().size(), row -> text.values().get(row));
            case Column.Numeric numeric -> fromValues(key, numeric.size(), row -> Double.isNaN(numeric.values()[row])
                    ? null : formatNumber(numeric.values()[row]));
        };
    }

    private static BatchLabels fromCategorical(String key, Column.Categorical column) {
        int[] used = new int[column.categories().size()];
        for (int row = 0; row < column.codes().length; row++) {
            if (column.codes()[row] < 0) {
                throw missing(key, row);
            }
            used[column.codes()[row]]++;
        }
        // categories no cell has would be empty batches: leave them out
        int[] map = new int[used.length];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < used.length; c++) {
            map[c] = used[c] > 0 ? names.size() : -1;
            if (used[c] > 0) {
                names.add(column.categories().get(c));
            }
        }
        int[] codes = new int[column.codes().length];
        for (int row = 0; row < codes.length; row++) {
            codes[row] = map[column.codes()[row]];
        }
        return new BatchLabels(names, codes);
    }

    private static BatchLabels fromValues(String key, int rows, java.util.function.IntFunction<String> value) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] codes = new int[rows];
        for (int row = 0; row < rows; row++) {
            String label = value.apply(row);
            if (label == null) {
                throw missing(key, row);
            }
            codes[row] = index.computeIfAbsent(label, l -> index.size());
        }
        return new BatchLabels(List.copyOf(index.keySet()), codes);
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static AnalysisException missing(String key, int row) {
        return new AnalysisException("batch_key '" + key + "' has no value for cell " + row
                + "; every cell needs a batch (fill the missing values or choose another column)");
    }
}
