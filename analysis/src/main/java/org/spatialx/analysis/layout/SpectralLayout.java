package org.spatialx.analysis.layout;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spatialx.analysis.linalg.Orthonormalization;
import org.spatialx.analysis.linalg.SymmetricEigen;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.SparseGraph;

/**
 * UMAP's spectral start (umap-learn's {@code spectral_layout}): the eigenvectors of the normalised
 * Laplacian {@code I - D^-1/2 A D^-1/2} of the connectivities with the smallest non-zero eigenvalues.
 * A graph of several connected components is laid out component by component around positions of
 * the components themselves (umap-learn's {@code multi_component_layout}): with more than
 * {@code 2 * dims} components those come from a spectral embedding of the components' centroids
 * (affinity {@code exp(-d^2)}), otherwise from the unit vectors and their opposites; each component
 * is scaled to half the distance to the nearest other component, and components too small for a
 * spectral layout are spread uniformly there.
 *
 * <p>The eigenvectors are those of the largest eigenvalues of {@code (I + D^-1/2 A D^-1/2) / 2},
 * the trivial one ({@code sqrt(degree)}) projected out, found by a restarted block Krylov method:
 * a basis of {@value #STEPS} products of a block of {@code dims + 2} vectors, Rayleigh-Ritz, restart
 * from the best Ritz vectors, until the Ritz values settle. Its memory is {@code (STEPS + 1) * (dims + 2)}
 * vectors (ARPACK's Lanczos, which umap-learn uses, keeps {@code sqrt(n)} of them).
 */
final class SpectralLayout {

    static final int STEPS = 6;
    static final int MAX_RESTARTS = 40;
    static final double TOLERANCE = 1e-7;

    private SpectralLayout() {
    }

    /**
     * The spectral layout of {@code graph} ({@code n x dims}, row-major), before UMAP's scaling.
     *
     * @param points the points the graph joins: the components' centroids place the components
     */
    static double[] of(SparseGraph graph, DenseMatrix points, int dims, long seed, Workers workers) {
        int n = graph.cells();
        int[] component = new int[n];
        int components = components(graph, component);
        SplittableRandom random = new SplittableRandom(seed);
        if (components == 1) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            double[] layout = eigenvectors(graph, all, dims, random.nextLong(), workers);
            return layout != null ? layout : InitialLayouts.uniform(n, dims, 1, random.nextLong());
        }
        double[] meta = componentPositions(points, component, components, dims);
        double[] layout = new double[n * dims];
        int[][] members = members(component, components);
        for (int c = 0; c < components; c++) {
            int[] cells = members[c];
            double range = Double.POSITIVE_INFINITY;
            for (int o = 0; o < components; o++) {
                double d = 0;
                for (int k = 0; k < dims; k++) {
                    double diff = meta[c * dims + k] - meta[o * dims + k];
                    d += diff * diff;
                }
                if (d > 0) {
                    range = Math.min(range, Math.sqrt(d) / 2);
                }
            }
            if (range == Double.POSITIVE_INFINITY) {
                range = 1;
            }
            double[] local = cells.length < 2 * dims || cells.length <= dims + 1 ? null
                    : eigenvectors(graph, cells, dims, random.nextLong(), workers);
            if (local == null) {
                local = InitialLayouts.uniform(cells.length, dims, range, random.nextLong());
            } else {
                InitialLayouts.scaleToMaxAbs(local, range);
            }
            for (int i = 0; i < cells.length; i++) {
                for (int k = 0; k < dims; k++) {
                    layout[cells[i] * dims + k] = local[i * dims + k] + meta[c * dims + k];
                }
            }
        }
        return layout;
    }

    /** Labels each cell with its connected component, {@code 0 ..}; returns how many there are. */
    static int components(SparseGraph graph, int[] component) {
        Arrays.fill(component, -1);
        int[] stack = new int[graph.cells()];
        int count = 0;
        for (int start = 0; start < component.length; start++) {
            if (component[start] >= 0) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            component[start] = count;
            while (top > 0) {
                int cell = stack[--top];
                for (int e = graph.indptr()[cell]; e < graph.indptr()[cell + 1]; e++) {
                    int other = graph.indices()[e];
                    if (component[other] < 0 && graph.weights()[e] > 0) {
                        component[other] = count;
                        stack[top++] = other;
                    }
                }
            }
            count++;
        }
        return count;
    }

    private static int[][] members(int[] component, int components) {
        int[] sizes = new int[components];
        for (int c : component) {
            sizes[c]++;
        }
        int[][] members = new int[components][];
        for (int c = 0; c < components; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[components];
        for (int i = 0; i < component.length; i++) {
            members[component[i]][fill[component[i]]++] = i;
        }
        return members;
    }

    /** Where each component goes: umap-learn's {@code component_layout} or the unit vectors. */
    private static double[] componentPositions(DenseMatrix points, int[] component, int components, int dims) {
        double[] meta = new double[components * dims];
        if (components <= 2 * dims) {
            int half = (components + 1) / 2;
            for (int c = 0; c < components; c++) {
                int axis = c % half;
                if (axis < dims) {
                    meta[c * dims + axis] = c < half ? 1 : -1;
                }
            }
            return meta;
        }
        int d = points.cols();
        double[] centroids = new double[components * d];
        int[] sizes = new int[components];
        for (int i = 0; i < component.length; i++) {
            sizes[component[i]]++;
            for (int k = 0; k < d; k++) {
                centroids[component[i] * d + k] += points.get(i, k);
            }
        }
        for (int c = 0; c < components; c++) {
            for (int k = 0; k < d; k++) {
                centroids[c * d + k] /= sizes[c];
            }
        }
        // scikit-learn's SpectralEmbedding of the affinity exp(-d^2): normalised Laplacian, first vector dropped,
        // the others divided by sqrt(degree)
        double[] affinity = new double[components * components];
        double[] degree = new double[components];
        for (int a = 0; a < components; a++) {
            for (int b = 0; b < components; b++) {
                double squared = 0;
                for (int k = 0; k < d; k++) {
                    double diff = centroids[a * d + k] - centroids[b * d + k];
                    squared += diff * diff;
                }
                affinity[a * components + b] = Math.exp(-squared);
                degree[a] += affinity[a * components + b];
            }
        }
        for (int a = 0; a < components; a++) {
            for (int b = 0; b < components; b++) {
                affinity[a * components + b] /= Math.sqrt(degree[a] * degree[b]);
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(affinity, components);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < components; c++) {
            for (int k = 0; k < dims; k++) {
                double value = eigen.vectors()[c * components + k + 1] / Math.sqrt(degree[c]);
                meta[c * dims + k] = value;
                max = Math.max(max, value);
            }
        }
        if (max > 0) {
            for (int i = 0; i < meta.length; i++) {
                meta[i] /= max;
            }
        }
        return meta;
    }

    /**
     * The {@code dims} leading non-trivial eigenvectors of the normalised adjacency of the subgraph on
     * {@code cells} (row {@code i} belongs to {@code cells[i]}), or null when the component has no edges.
     */
    private static double[] eigenvectors(SparseGraph graph, int[] cells, int dims, long seed, Workers workers) {
        Subgraph sub = Subgraph.of(graph, cells);
        int n = cells.length;
        double[] trivial = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            if (!(sub.degree[i] > 0)) {
                return null;
            }
            trivial[i] = Math.sqrt(sub.degree[i]);
            norm += sub.degree[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            trivial[i] /= norm;
        }
        int block = Math.min(dims + 2, n - 1);
        int basisSize = Math.min((STEPS + 1) * block, n - 1);
        double[] basis = new double[basisSize * n];
        double[] start = InitialLayouts.gaussian(n, block, 1, seed);
        for (int c = 0; c < block; c++) {
            for (int i = 0; i < n; i++) {
                basis[c * n + i] = start[i * block + c];
            }
        }
        double[] products = new double[block * n];
        double[] previous = null;
        double[] ritzVectors = null;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            int filled = block;
            deflate(basis, 0, filled, trivial, n);
            Orthonormalization.orthonormalize(basis, n, filled, 0);
            while (filled < basisSize) {
                int next = Math.min(block, basisSize - filled);
                sub.multiply(basis, filled - block, next, basis, filled, n, workers);
                deflate(basis, filled, next, trivial, n);
                Orthonormalization.orthonormalize(basis, n, filled + next, filled);
                filled += next;
            }
            double[] small = new double[filled * filled];
            for (int first = 0; first < filled; first += block) {
                int count = Math.min(block, filled - first);
                sub.multiply(basis, first, count, products, 0, n, workers);
                for (int b = first; b < first + count; b++) {
                    for (int a = b; a < filled; a++) {
                        small[a * filled + b] = dot(basis, a * n, products, (b - first) * n, n);
                    }
                }
            }
            SymmetricEigen ritz = SymmetricEigen.of(small, filled);
            ritzVectors = new double[block * n];
            for (int r = 0; r < block; r++) {
                for (int c = 0; c < filled; c++) {
                    double weight = ritz.vectors()[c * filled + r];
                    if (weight != 0) {
                        for (int i = 0; i < n; i++) {
                            ritzVectors[r * n + i] += weight * basis[c * n + i];
                        }
                    }
                }
            }
            double[] values = Arrays.copyOf(ritz.values(), dims);
            boolean settled = previous != null;
            for (int k = 0; settled && k < dims; k++) {
                settled = Math.abs(values[k] - previous[k]) <= TOLERANCE;
            }
            previous = values;
            if (settled || basisSize < (STEPS + 1) * block) {
                break; // a basis of the whole space is exact
            }
            System.arraycopy(ritzVectors, 0, basis, 0, block * n);
        }
        double[] layout = new double[n * dims];
        for (int k = 0; k < Math.min(dims, block); k++) {
            for (int i = 0; i < n; i++) {
                layout[i * dims + k] = ritzVectors[k * n + i];
            }
        }
        return layout;
    }

    private static void deflate(double[] vectors, int from, int count, double[] unit, int n) {
        for (int c = from; c < from + count; c++) {
            double projection = dot(vectors, c * n, unit, 0, n);
            for (int i = 0; i < n; i++) {
                vectors[c * n + i] -= projection * unit[i];
            }
        }
    }

    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[aFrom + i] * b[bFrom + i];
        }
        return sum;
    }

    /** A component's graph with local cell numbers, its degrees, and {@code (I + D^-1/2 A D^-1/2) / 2}. */
    private record Subgraph(int[] indptr, int[] indices, double[] weights, double[] degree, double[] inverseRoot) {

        static Subgraph of(SparseGraph graph, int[] cells) {
            int n = cells.length;
            boolean whole = n == graph.cells();
            int[] local = null;
            if (!whole) {
                local = new int[graph.cells()];
                Arrays.fill(local, -1);
                for (int i = 0; i < n; i++) {
                    local[cells[i]] = i;
                }
            }
            int[] indptr;
            int[] indices;
            double[] weights;
            if (whole) {
                indptr = graph.indptr();
                indices = graph.indices();
                weights = graph.weights();
            } else {
                indptr = new int[n + 1];
                for (int i = 0; i < n; i++) {
                    int cell = cells[i];
                    indptr[i + 1] = indptr[i] + graph.indptr()[cell + 1] - graph.indptr()[cell];
                }
                indices = new int[indptr[n]];
                weights = new double[indptr[n]];
                for (int i = 0; i < n; i++) {
                    int cell = cells[i];
                    int at = indptr[i];
                    for (int e = graph.indptr()[cell]; e < graph.indptr()[cell + 1]; e++) {
                        indices[at] = local[graph.indices()[e]];
                        weights[at++] = graph.weights()[e];
                    }
                }
            }
            double[] degree = new double[n];
            double[] inverseRoot = new double[n];
            for (int i = 0; i < n; i++) {
                for (int e = indptr[i]; e < indptr[i + 1]; e++) {
                    degree[i] += weights[e];
                }
                inverseRoot[i] = degree[i] > 0 ? 1 / Math.sqrt(degree[i]) : 0;
            }
            return new Subgraph(indptr, indices, weights, degree, inverseRoot);
        }

        /** {@code out[to + c] = M in[from + c]} for {@code count} vectors of length {@code n}. */
        void multiply(double[] in, int from, int count, double[] out, int to, int n, Workers workers) {
            workers.forRange(n, (part, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    for (int c = 0; c < count; c++) {
                        int base = (from + c) * n;
                        double sum = 0;
                        for (int e = indptr[i]; e < indptr[i + 1]; e++) {
                            int j = indices[e];
                            sum += weights[e] * inverseRoot[j] * in[base + j];
                        }
                        out[(to + c) * n + i] = 0.5 * (in[base + i] + inverseRoot[i] * sum);
                    }
                }
            });
        }
    }
}
