package org.spatialx.api.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense {@code rows x cols} matrix of doubles in row-major order: an embedding (one row per cell),
 * spatial coordinates ({@code cols = 2}) or principal components.
 *
 * @param rows   number of rows (cells)
 * @param cols   number of columns (dimensions)
 * @param values {@code rows * cols} values; row {@code r} is {@code values[r*cols .. (r+1)*cols)}
 */
public record DenseMatrix(int rows, int cols, double[] values) {

    /** Checks that the array holds {@code rows * cols} values. */
    public DenseMatrix {
        Objects.requireNonNull(values, "values");
        if (rows < 0 || cols < 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("A " + rows + " x " + cols + " matrix needs " + ((long) rows * cols)
                    + " values, got " + values.length);
        }
    }

    /** A zero matrix. */
    public static DenseMatrix zeros(int rows, int cols) {
        return new DenseMatrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** The value at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        return values[row * cols + col];
    }

    /** Sets the value at ({@code row}, {@code col}). */
    public void set(int row, int col, double value) {
        values[row * cols + col] = value;
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
    }

    /** A copy of one column. */
    public double[] column(int col) {
        double[] column = new double[rows];
        for (int r = 0; r < rows; r++) {
            column[r] = values[r * cols + col];
        }
        return column;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DenseMatrix that && rows == that.rows && cols == that.cols
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DenseMatrix[" + rows + " x " + cols + "]";
    }
}
