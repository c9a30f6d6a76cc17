package org.spatialx.formats.matrix;

import java.util.Arrays;
import org.spatialx.api.data.MatrixValues;

/** Collects (row, column, value) triplets in any order and produces CSR arrays. */
final class SparseBuilder {

    private int[] rows = new int[1024];
    private int[] columns = new int[1024];
    private double[] values = new double[1024];
    private int size;

    void add(int row, int column, double value) {
        if (value == 0) {
            return;
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            columns = Arrays.copyOf(columns, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        rows[size] = row;
        columns[size] = column;
        values[size] = value;
        size++;
    }

    /** The CSR arrays {indptr, indices} and values for {@code rowCount} rows, columns sorted within a row. */
    Csr build(int rowCount) {
        int[] indptr = new int[rowCount + 1];
        for (int i = 0; i < size; i++) {
            indptr[rows[i] + 1]++;
        }
        for (int r = 0; r < rowCount; r++) {
            indptr[r + 1] += indptr[r];
        }
        int[] next = Arrays.copyOf(indptr, rowCount);
        int[] indices = new int[size];
        double[] data = new double[size];  // narrowed to int below when every value is a count
        for (int i = 0; i < size; i++) {
            int at = next[rows[i]]++;
            indices[at] = columns[i];
            data[at] = values[i];
        }
        for (int r = 0; r < rowCount; r++) {
            sortRow(indices, data, indptr[r], indptr[r + 1]);
        }
        return new Csr(indptr, indices, MatrixValues.narrowest(data, size));
    }

    private static void sortRow(int[] indices, double[] data, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int index = indices[i];
            double value = data[i];
            int j = i - 1;
            while (j >= from && indices[j] > index) {
                indices[j + 1] = indices[j];
                data[j + 1] = data[j];
                j--;
            }
            indices[j + 1] = index;
            data[j + 1] = value;
        }
    }

    record Csr(int[] indptr, int[] indices, MatrixValues values) {
    }
}
