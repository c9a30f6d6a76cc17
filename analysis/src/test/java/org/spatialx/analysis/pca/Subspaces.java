package org.spatialx.analysis.pca;

import org.spatialx.analysis.linalg.SymmetricEigen;

/** Angles between subspaces spanned by the leading columns of two matrices. */
final class Subspaces {

    private Subspaces() {
    }

    /**
     * The cosine of the largest principal angle between the spans of the first {@code k} columns of
     * {@code a} and {@code b} (both {@code rows x cols}, row-major, columns orthonormal): 1 when the
     * subspaces coincide.
     */
    static double smallestCosine(double[] a, int aCols, double[] b, int bCols, int rows, int k) {
        double[] m = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += a[r * aCols + i] * b[r * bCols + j];
                }
                m[i * k + j] = dot;
            }
        }
        double[] mtm = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int t = 0; t < k; t++) {
                    sum += m[t * k + i] * m[t * k + j];
                }
                mtm[i * k + j] = sum;
            }
        }
        double[] values = SymmetricEigen.of(mtm, k).values();
        return Math.sqrt(Math.max(0, values[k - 1]));
    }

    /** Normalises each of the {@code cols} columns of {@code a} to unit length (loadings from Python). */
    static double[] unitColumns(double[] a, int rows, int cols) {
        double[] out = a.clone();
        for (int c = 0; c < cols; c++) {
            double norm = 0;
            for (int r = 0; r < rows; r++) {
                norm += out[r * cols + c] * out[r * cols + c];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] /= norm;
            }
        }
        return out;
    }
}
