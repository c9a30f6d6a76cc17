package org.spatialx.analysis.linalg;

/** Solutions of small dense linear systems. */
public final class LinearSystem {

    private LinearSystem() {
    }

    /**
     * Solves {@code A X = B} for {@code X} by Gaussian elimination with partial pivoting;
     * {@code a} is {@code n x n} and {@code b} is {@code n x m}, both row-major and not modified.
     *
     * @throws IllegalArgumentException when {@code A} is singular
     */
    public static double[] solve(double[] a, int n, double[] b, int m) {
        double[] lu = a.clone();
        double[] x = b.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(lu[r * n + col]) > Math.abs(lu[pivot * n + col])) {
                    pivot = r;
                }
            }
            if (lu[pivot * n + col] == 0) {
                throw new IllegalArgumentException("singular " + n + " x " + n + " system");
            }
            if (pivot != col) {
                swapRows(lu, n, pivot, col);
                swapRows(x, m, pivot, col);
            }
            double diagonal = lu[col * n + col];
            for (int r = col + 1; r < n; r++) {
                double factor = lu[r * n + col] / diagonal;
                if (factor != 0) {
                    for (int c = col; c < n; c++) {
                        lu[r * n + c] -= factor * lu[col * n + c];
                    }
                    for (int c = 0; c < m; c++) {
                        x[r * m + c] -= factor * x[col * m + c];
                    }
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            for (int c = 0; c < m; c++) {
                double sum = x[r * m + c];
                for (int k = r + 1; k < n; k++) {
                    sum -= lu[r * n + k] * x[k * m + c];
                }
                x[r * m + c] = sum / lu[r * n + r];
            }
        }
        return x;
    }

    private static void swapRows(double[] matrix, int width, int r1, int r2) {
        for (int c = 0; c < width; c++) {
            double t = matrix[r1 * width + c];
            matrix[r1 * width + c] = matrix[r2 * width + c];
            matrix[r2 * width + c] = t;
        }
    }
}
