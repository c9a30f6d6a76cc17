package org.spatialx.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.matrix.TenxH5Matrix;

/** Real matrices (bundled examples, or ../shared/testdata for GPL ones) and generated data with known structure. */
public final class TestData {

    private TestData() {
    }

    /** A file of the bundled example data ({@code examples/data}). */
    public static Path bundled(String relative) {
        Path path = Path.of(System.getProperty("spatialx.examples.dir", "../examples/data"), relative)
                .toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("Bundled example data missing: " + path);
        }
        return path;
    }

    /** A file of ../shared/testdata (GPL data, not bundled); skips the test when absent. */
    public static Path shared(String relative) {
        Path path = Path.of(System.getProperty("spatialx.shared.dir", "../../shared"), "testdata", relative)
                .toAbsolutePath().normalize();
        assumeTrue(Files.exists(path), "GPL test data not bundled and not found at " + path
                + " (set -Dspatialx.shared.dir to the folder holding testdata/)");
        return path;
    }

    /** 526 real cells x 30 genes: 10x Xenium (XOA 1.x), bundled. */
    public static ExpressionMatrix xenium() {
        return TenxH5Matrix.read(bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_feature_matrix.h5"));
    }

    /** 905 real cells x 1,010 genes: NanoString CosMx, GPL, read from ../shared/testdata (skips when absent). */
    public static ExpressionMatrix cosmx() {
        return DelimitedMatrix.readCosmxExprMat(shared("cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper/DBKero_exprMat_file.csv"));
    }

    /** The normalised counts as a dense cells x genes embedding (small real matrices only). */
    public static DenseMatrix denseNormalized(ExpressionMatrix counts, Normalization normalization) {
        DenseMatrix dense = DenseMatrix.zeros(counts.cellCount(), counts.geneCount());
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            double divisor = normalization.divisor(counts.cellTotal(cell));
            for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                dense.set(cell, counts.indices()[i], normalization.apply(counts.values().get(i), divisor));
            }
        }
        return dense;
    }

    /**
     * {@code n} points in {@code d} dimensions around {@code k} centres drawn in a cube of side 10, with
     * Gaussian noise of standard deviation {@code spread}; the true cluster of point i is {@code i % k}.
     */
    public static DenseMatrix blobs(int n, int d, int k, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextDouble(-5, 5);
        }
        DenseMatrix points = DenseMatrix.zeros(n, d);
        java.util.Random gaussian = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                points.set(i, j, centres[(i % k) * d + j] + spread * gaussian.nextGaussian());
            }
        }
        return points;
    }

    /**
     * Poisson counts of {@code cells} cells x {@code genes} genes in two populations: cells with an even
     * index and odd ones. Gene means are log-normal (median {@code 0.3}); every fifth gene is 3 times
     * higher in the even population, every seventh 3 times lower; the cells' depths vary 4-fold. Gene 1
     * is never expressed. Counts are stored as {@code int}, with rows sorted by gene.
     */
    public static ExpressionMatrix twoPopulations(int cells, int genes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] base = new double[genes];
        for (int g = 0; g < genes; g++) {
            base[g] = 0.3 * Math.exp(0.8 * gaussian(random));
        }
        base[Math.min(1, genes - 1)] = 0;
        int[] indptr = new int[cells + 1];
        List<int[]> rows = new ArrayList<>();
        int nnz = 0;
        for (int c = 0; c < cells; c++) {
            double depth = 0.5 + 1.5 * random.nextDouble();
            int[] row = new int[genes * 2];
            int stored = 0;
            for (int g = 0; g < genes; g++) {
                double mean = base[g] * depth;
                if (c % 2 == 0 && g % 5 == 0) {
                    mean *= 3;
                } else if (c % 2 == 0 && g % 7 == 0) {
                    mean /= 3;
                }
                int count = poisson(random, mean);
                if (count > 0) {
                    row[stored++] = g;
                    row[stored++] = count;
                }
            }
            rows.add(java.util.Arrays.copyOf(row, stored));
            nnz += stored / 2;
            indptr[c + 1] = nnz;
        }
        int[] indices = new int[nnz];
        int[] values = new int[nnz];
        int at = 0;
        for (int[] row : rows) {
            for (int i = 0; i < row.length; i += 2) {
                indices[at] = row[i];
                values[at++] = row[i + 1];
            }
        }
        List<String> cellIds = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            cellIds.add("cell-" + c);
        }
        List<String> geneIds = new ArrayList<>();
        List<String> geneNames = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            geneIds.add("ENSG" + String.format("%011d", g));
            geneNames.add("Gene" + g);
        }
        return new ExpressionMatrix(cellIds, geneIds, geneNames, indptr, indices, new MatrixValues.Ints(values));
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** The indices {@code from, from + step, ...} below {@code to}. */
    public static List<Integer> every(int from, int to, int step) {
        List<Integer> indices = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            indices.add(i);
        }
        return indices;
    }
}
