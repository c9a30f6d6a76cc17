package org.spatialx.analysis.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The eigen-decomposition of a dense symmetric matrix: Householder reduction to tridiagonal form,
 * then the implicit QL algorithm with Wilkinson shifts (the EISPACK routines tred2 and tql2, as in
 * Golub and Van Loan, sections 8.3 and 8.5). O(n^3), accurate to working precision; n is at most a
 * few hundred here (the Rayleigh-Ritz step of randomized PCA).
 *
 * @param values  eigenvalues, largest first
 * @param vectors the matching unit eigenvectors as columns, {@code n x n} row-major
 */
public record SymmetricEigen(double[] values, double[] vectors) {

    /** Decomposes the symmetric {@code n x n} row-major matrix {@code matrix} (not modified; the lower triangle is used). */
    public static SymmetricEigen of(double[] matrix, int n) {
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                v[i][j] = matrix[i * n + j];
                v[j][i] = matrix[i * n + j];
            }
        }
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(v, d, e, n);
        diagonalize(v, d, e, n);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -d[i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = d[order[k]];
            for (int r = 0; r < n; r++) {
                vectors[r * n + k] = v[r][order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * Householder tridiagonalisation: on return {@code d} is the diagonal, {@code e[1..n)} the
     * sub-diagonal, and {@code v} the orthogonal transformation.
     */
    private static void tridiagonalize(double[][] v, double[] d, double[] e, int n) {
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0;
            double h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                    v[j][i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                }
            }
            d[i] = h;
        }
        // accumulate the transformations
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0;
        }
        v[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    /** Implicit QL iterations on the tridiagonal matrix (d, e), accumulating into {@code v}. */
    private static void diagonalize(double[][] v, double[] d, double[] e, int n) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double largest = 0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            largest = Math.max(largest, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n) {
                if (Math.abs(e[m]) <= eps * largest) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 60) {
                        throw new ArithmeticException("eigenvalues did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * largest);
            }
            d[l] += f;
            e[l] = 0;
        }
    }
}
