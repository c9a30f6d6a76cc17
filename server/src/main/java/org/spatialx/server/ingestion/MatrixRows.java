package org.spatialx.server.ingestion;

import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/** Row selections of a CSR matrix and of positions, in the matrix's element type. */
final class MatrixRows {

    private MatrixRows() {
    }

    /** The rows of {@code matrix} whose {@code keep} is true, in order. */
    static ExpressionMatrix keep(ExpressionMatrix matrix, boolean[] keep) {
        int[] rows = new int[matrix.cellCount()];
        int n = 0;
        for (int c = 0; c < keep.length; c++) {
            if (keep[c]) {
                rows[n++] = c;
            }
        }
        return select(matrix, java.util.Arrays.copyOf(rows, n));
    }

    /** The rows {@code rows} of {@code matrix}, in that order. */
    static ExpressionMatrix select(ExpressionMatrix matrix, int[] rows) {
        int[] src = matrix.indptr();
        int[] indptr = new int[rows.length + 1];
        for (int i = 0; i < rows.length; i++) {
            indptr[i + 1] = indptr[i] + src[rows[i] + 1] - src[rows[i]];
        }
        int[] indices = new int[indptr[rows.length]];
        List<String> ids = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(matrix.indices(), src[rows[i]], indices, indptr[i], indptr[i + 1] - indptr[i]);
            ids.add(matrix.cellIds().get(rows[i]));
        }
        MatrixValues values = switch (matrix.values()) {
            case MatrixValues.Ints v -> new MatrixValues.Ints(copy(v.values(), src, rows, indptr));
            case MatrixValues.Floats v -> {
                float[] out = new float[indices.length];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(v.values(), src[rows[i]], out, indptr[i], indptr[i + 1] - indptr[i]);
                }
                yield new MatrixValues.Floats(out);
            }
            case MatrixValues.Doubles v -> {
                double[] out = new double[indices.length];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(v.values(), src[rows[i]], out, indptr[i], indptr[i + 1] - indptr[i]);
                }
                yield new MatrixValues.Doubles(out);
            }
        };
        return new ExpressionMatrix(ids, matrix.geneIds(), matrix.geneNames(), indptr, indices, values);
    }

    private static int[] copy(int[] values, int[] src, int[] rows, int[] indptr) {
        int[] out = new int[indptr[rows.length]];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, src[rows[i]], out, indptr[i], indptr[i + 1] - indptr[i]);
        }
        return out;
    }

    /**
     * The positions of the matrix's cells, in matrix order; fails naming how many cells have none
     * (a matrix and positions from different runs, or a cell id format that differs).
     */
    static CellPositions align(ExpressionMatrix matrix, CellPositions positions, String matrixSource,
            String positionsSource) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>(positions.size() * 2);
        for (int i = 0; i < positions.size(); i++) {
            index.putIfAbsent(positions.ids().get(i), i);
        }
        double[] x = new double[matrix.cellCount()];
        double[] y = new double[matrix.cellCount()];
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int c = 0; c < x.length; c++) {
            Integer at = index.get(matrix.cellIds().get(c));
            if (at == null) {
                if (missing.size() < 3) {
                    missing.add(matrix.cellIds().get(c));
                }
                missingCount++;
                continue;
            }
            x[c] = positions.x()[at];
            y[c] = positions.y()[at];
        }
        if (missingCount > 0) {
            throw new IllegalArgumentException("The cells of the matrix " + matrixSource + " do not match the positions "
                    + positionsSource + ": " + missingCount + " of " + matrix.cellCount() + " cells have no position "
                    + "(e.g. " + String.join(", ", missing) + "; the positions have " + positions.size()
                    + " ids such as " + String.join(", ", positions.ids().subList(0, Math.min(3, positions.size())))
                    + "). Submit the matrix and positions of the same run.");
        }
        return new CellPositions(matrix.cellIds(), x, y, positions.unit());
    }
}
