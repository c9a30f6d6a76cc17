package org.spatialx.analysis.layout;

import java.util.SplittableRandom;
import org.spatialx.analysis.linalg.SymmetricEigen;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.DenseMatrix;

/** Starting layouts shared by UMAP and t-SNE: principal components of the input, uniform or Gaussian noise. */
public final class InitialLayouts {

    private InitialLayouts() {
    }

    /**
     * The first {@code dims} principal components of {@code points} (scores, centred), each oriented so
     * that its largest-magnitude loading is positive (scikit-learn's {@code svd_flip}). The covariance
     * is summed over fixed parts of the rows, so the result does not depend on the thread count.
     */
    public static double[] principalComponents(DenseMatrix points, int dims, Workers workers) {
        int n = points.rows();
        int d = points.cols();
        double[] x = points.values();
        double[] sums = workers.sumOverParts(n, 64, d, (from, to, s) -> {
            for (int i = from; i < to; i++) {
                for (int c = 0; c < d; c++) {
                    s[c] += x[i * d + c];
                }
            }
        });
        double[] mean = new double[d];
        for (int c = 0; c < d; c++) {
            mean[c] = sums[c] / n;
        }
        double[] covariance = workers.sumOverParts(n, 64, d * d, (from, to, s) -> {
            double[] row = new double[d];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < d; c++) {
                    row[c] = x[i * d + c] - mean[c];
                }
                for (int a = 0; a < d; a++) {
                    double ra = row[a];
                    for (int b = 0; b <= a; b++) {
                        s[a * d + b] += ra * row[b];
                    }
                }
            }
        });
        SymmetricEigen eigen = SymmetricEigen.of(covariance, d);
        int kept = Math.min(dims, d);
        double[] loadings = new double[kept * d];
        for (int k = 0; k < kept; k++) {
            int largest = 0;
            for (int c = 0; c < d; c++) {
                loadings[k * d + c] = eigen.vectors()[c * d + k];
                if (Math.abs(loadings[k * d + c]) > Math.abs(loadings[k * d + largest])) {
                    largest = c;
                }
            }
            if (loadings[k * d + largest] < 0) {
                for (int c = 0; c < d; c++) {
                    loadings[k * d + c] = -loadings[k * d + c];
                }
            }
        }
        double[] scores = new double[n * dims];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int k = 0; k < kept; k++) {
                    double score = 0;
                    for (int c = 0; c < d; c++) {
                        score += (x[i * d + c] - mean[c]) * loadings[k * d + c];
                    }
                    scores[i * dims + k] = score;
                }
            }
        });
        return scores;
    }

    /** {@code n x dims} values drawn uniformly from {@code [-half, half)}. */
    public static double[] uniform(int n, int dims, double half, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] layout = new double[n * dims];
        for (int i = 0; i < layout.length; i++) {
            layout[i] = random.nextDouble(-half, half);
        }
        return layout;
    }

    /** {@code n x dims} values drawn from a centred Gaussian of standard deviation {@code sd}. */
    public static double[] gaussian(int n, int dims, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] layout = new double[n * dims];
        for (int i = 0; i < layout.length; i++) {
            layout[i] = sd * gaussian(random);
        }
        return layout;
    }

    /** Adds centred Gaussian noise of standard deviation {@code sd} to every value of {@code layout}. */
    public static void addNoise(double[] layout, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < layout.length; i++) {
            layout[i] += sd * gaussian(random);
        }
    }

    /** Multiplies {@code layout} so that its largest absolute value is {@code max}; an all-zero layout stays. */
    public static void scaleToMaxAbs(double[] layout, double max) {
        double largest = 0;
        for (double v : layout) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest > 0) {
            double factor = max / largest;
            for (int i = 0; i < layout.length; i++) {
                layout[i] *= factor;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Marsaglia's polar method
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
