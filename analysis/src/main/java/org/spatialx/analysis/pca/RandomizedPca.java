package org.spatialx.analysis.pca;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.spatialx.analysis.linalg.Orthonormalization;
import org.spatialx.analysis.linalg.SymmetricEigen;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.analysis.random.RandomNumbers;
import org.spatialx.api.data.DenseMatrix;

/**
 * PCA by a randomized block Krylov method (Halko, Martinsson and Tropp 2011; Musco and Musco 2015,
 * "Randomized block Krylov methods for stronger and faster approximate singular value
 * decomposition") on the implicitly centred and scaled matrix S: only products S M and S^T M with
 * dense blocks are computed, in parallel; the centred and scaled matrix never exists.
 *
 * <p>The Krylov space is built on the gene side, where blocks are small: from an orthonormal
 * Gaussian block Z_0 (genes x b), each step computes W_i = S^T (S Z_{i-1}) and takes as next block
 * the part of W_i orthogonal to every block so far (block Lanczos with full reorthogonalisation), until
 * the basis K has {@code basis} columns. Because every W_i is S^T S applied to a block of K, the
 * Rayleigh quotient K^T S^T S K = U diag(s^2) U^T is exact without further products; the loadings are
 * K U, the scores (scanpy's {@code X_pca}, U S of the SVD) one last product S K U. For the same number
 * of products this converges much faster than subspace (power) iteration when the spectrum is flat,
 * as it is beyond the first components of expression data. Signs follow sklearn's {@code svd_flip} on
 * the cell side: the largest-magnitude score of every component is positive. The Gaussian start
 * comes from the seed and every product is thread-count independent, so a seed gives the same
 * components with any number of threads.
 */
public final class RandomizedPca {

    /** scanpy's default number of components. */
    public static final int DEFAULT_COMPONENTS = 50;

    /**
     * How the decomposition runs.
     *
     * @param components components wanted
     * @param blockSize  columns of each Krylov block (of each product)
     * @param basis      columns of the Krylov basis (a multiple of the block size; capped by the matrix size)
     * @param seed       seed of the Gaussian start
     */
    public record Options(int components, int blockSize, int basis, long seed) {

        /**
         * {@code components} with the defaults: blocks of about 0.6 {@code components} columns rounded up to
         * a multiple of 8 (32 for 50 components; the products work on 8 columns at a time), a basis of 8
         * blocks (256 columns: 17 products for 50 components).
         */
        public static Options of(int components, long seed) {
            int block = Math.max(8, ((3 * components + 4) / 5 + 7) / 8 * 8);
            return new Options(components, block, 8 * block, seed);
        }
    }

    private RandomizedPca() {
    }

    /**
     * The number of components PCA of a {@code cells x genes} matrix gives by default: 50, fewer when
     * the matrix is smaller ({@code min(50, cells - 1, genes - 1)}, as scanpy).
     */
    public static int defaultComponents(int cells, int genes) {
        return Math.min(DEFAULT_COMPONENTS, Math.min(cells - 1, genes - 1));
    }

    /**
     * The first {@code options.components()} principal components of {@code x}.
     *
     * @param progress receives the fraction done, 0 to 1, after every product
     */
    public static PcaResult fit(ScaledExpression x, Options options, Workers workers, DoubleConsumer progress) {
        int cells = x.cells();
        int genes = x.genes();
        int k = options.components();
        if (k < 1 || k > Math.min(cells, genes)) {
            throw new IllegalArgumentException("cannot compute " + k + " components of a " + cells + " x " + genes
                    + " matrix");
        }
        // with fewer cells than genes the row space has at most cells dimensions: a basis of that many
        // images plus the random start holds all of it, and the decomposition is exact
        int blockSize = Math.min(Math.max(1, options.blockSize()), genes);
        int basis = Math.min(Math.max(options.basis(), k), Math.min(genes, cells + blockSize));
        // the basis K and its images S^T S K, one gene vector after the other
        double[] krylov = new double[genes * basis];
        double[] images = new double[genes * basis];
        RandomNumbers.fillGaussian(krylov, genes * blockSize, new SplittableRandom(options.seed()));
        int products = 2 * ((basis + blockSize - 1) / blockSize) + 1;
        int done = 0;
        double[] y = new double[cells * blockSize];
        for (int filled = 0; filled < basis; ) {
            int width = Math.min(blockSize, basis - filled);
            Orthonormalization.orthonormalize(krylov, genes, filled + width, filled);
            double[] z = rowMajor(krylov, genes, filled, width);
            x.multiply(z, width, y, workers);
            progress.accept(++done / (double) products);
            double[] w = new double[genes * width];
            x.transposeMultiply(y, width, w, workers);
            progress.accept(++done / (double) products);
            for (int c = 0; c < width; c++) {
                for (int g = 0; g < genes; g++) {
                    images[(filled + c) * genes + g] = w[g * width + c];
                }
            }
            filled += width;
            // the next block starts from the images, orthogonalised on the next pass
            int next = Math.min(blockSize, basis - filled);
            System.arraycopy(images, (filled - width) * genes, krylov, filled * genes, next * genes);
        }
        // K^T S^T S K, symmetrised against rounding
        double[] rayleigh = new double[basis * basis];
        for (int a = 0; a < basis; a++) {
            for (int b = a; b < basis; b++) {
                double ab = 0;
                double ba = 0;
                for (int g = 0; g < genes; g++) {
                    ab += krylov[a * genes + g] * images[b * genes + g];
                    ba += krylov[b * genes + g] * images[a * genes + g];
                }
                rayleigh[a * basis + b] = (ab + ba) / 2;
                rayleigh[b * basis + a] = (ab + ba) / 2;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(rayleigh, basis);
        double[] loadings = new double[genes * k];
        for (int m = 0; m < basis; m++) {
            for (int g = 0; g < genes; g++) {
                double v = krylov[m * genes + g];
                for (int c = 0; c < k; c++) {
                    loadings[g * k + c] += v * eigen.vectors()[m * basis + c];
                }
            }
        }
        double[] scores = new double[cells * k];
        x.multiply(loadings, k, scores, workers);
        progress.accept(1);
        flipSigns(scores, cells, loadings, genes, k);
        double[] variance = new double[k];
        double[] ratio = new double[k];
        double total = x.totalVariance();
        for (int c = 0; c < k; c++) {
            variance[c] = Math.max(0, eigen.values()[c]) / (cells - 1);
            ratio[c] = total > 0 ? variance[c] / total : 0;
        }
        return new PcaResult(new DenseMatrix(cells, k, scores), new DenseMatrix(genes, k, loadings), variance, ratio);
    }

    /** Vectors {@code from .. from+width} of {@code vectors} as a {@code length x width} row-major block. */
    private static double[] rowMajor(double[] vectors, int length, int from, int width) {
        double[] out = new double[length * width];
        for (int c = 0; c < width; c++) {
            for (int i = 0; i < length; i++) {
                out[i * width + c] = vectors[(from + c) * length + i];
            }
        }
        return out;
    }

    /** sklearn's {@code svd_flip(u, v)}: the largest-magnitude entry of each score column is positive. */
    private static void flipSigns(double[] scores, int cells, double[] loadings, int genes, int k) {
        for (int c = 0; c < k; c++) {
            double largest = 0;
            for (int r = 0; r < cells; r++) {
                if (Math.abs(scores[r * k + c]) > Math.abs(largest)) {
                    largest = scores[r * k + c];
                }
            }
            if (largest < 0) {
                for (int r = 0; r < cells; r++) {
                    scores[r * k + c] = -scores[r * k + c];
                }
                for (int g = 0; g < genes; g++) {
                    loadings[g * k + c] = -loadings[g * k + c];
                }
            }
        }
    }
}
