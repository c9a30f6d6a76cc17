package org.spatialx.analysis.de;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * The per-gene two-sample tests, on one gene's values of two groups given as their sorted non-zero
 * values plus a count of zeros (the sparse form: a gene is zero in most cells).
 */
final class GeneTests {

    private static final double SQRT2 = Math.sqrt(2);

    private GeneTests() {
    }

    /**
     * The Wilcoxon rank-sum z-score of group 1, as scanpy's {@code rank_genes_groups(method="wilcoxon",
     * tie_correct=True)}: the rank sum of group 1 (average ranks for ties) minus its expectation
     * {@code n1 (n + 1) / 2}, over {@code sqrt(T n1 n2 (n + 1) / 12)} with the tie correction
     * {@code T = 1 - sum(t^3 - t) / (n^3 - n)}; no continuity correction. NaN when every value is equal.
     *
     * @param values sorted non-zero values of group 1 at {@code [from1, from1 + count1)} and of group 2 at
     *               {@code [from2, from2 + count2)}; the other {@code n1 - count1} and {@code n2 - count2}
     *               values are zeros
     */
    static double rankSumZ(double[] values, int from1, int count1, int n1, int from2, int count2, int n2) {
        int i = from1;
        int end1 = from1 + count1;
        int j = from2;
        int end2 = from2 + count2;
        long zeros1 = n1 - count1;
        long zeros2 = n2 - count2;
        boolean zerosRanked = zeros1 + zeros2 == 0;
        double position = 0;
        double rankSum1 = 0;
        double ties = 0;
        while (i < end1 || j < end2 || !zerosRanked) {
            double next = Math.min(i < end1 ? values[i] : Double.POSITIVE_INFINITY,
                    j < end2 ? values[j] : Double.POSITIVE_INFINITY);
            long tied1 = 0;
            long tied2 = 0;
            if (!zerosRanked && next > 0) {
                tied1 = zeros1;
                tied2 = zeros2;
                zerosRanked = true;
            } else {
                while (i < end1 && values[i] == next) {
                    i++;
                    tied1++;
                }
                while (j < end2 && values[j] == next) {
                    j++;
                    tied2++;
                }
            }
            double tied = tied1 + tied2;
            double averageRank = position + (tied + 1) / 2;
            rankSum1 += tied1 * averageRank;
            ties += tied * tied * tied - tied;
            position += tied;
        }
        double n = (double) n1 + n2;
        double tieCorrection = n < 2 ? 1 : 1 - ties / (n * n * n - n);
        double deviation = Math.sqrt(tieCorrection * n1 * n2 * (n + 1) / 12.0);
        return (rankSum1 - n1 * ((n + 1) / 2.0)) / deviation;
    }

    /** The two-sided p-value of a standard normal z-score, {@code 2 sf(|z|) = erfc(|z| / sqrt 2)}. */
    static double normalPValue(double z) {
        return Erf.erfc(Math.abs(z) / SQRT2);
    }

    /**
     * Welch's t statistic of group 1 against group 2 and its two-sided p-value, as
     * {@code scipy.stats.ttest_ind(equal_var=False)} computes them (variances with {@code ddof=1}; when
     * both variances are zero the degrees of freedom are 1, as scipy sets them). Writes
     * {@code {t, p}} into {@code out}; t is NaN when the means and the variances are all equal.
     */
    static void welch(double mean1, double variance1, int n1, double mean2, double variance2, int n2, double[] out) {
        double vn1 = variance1 / n1;
        double vn2 = variance2 / n2;
        double df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1) + vn2 * vn2 / (n2 - 1));
        if (Double.isNaN(df)) {
            df = 1;
        }
        double t = (mean1 - mean2) / Math.sqrt(vn1 + vn2);
        out[0] = t;
        out[1] = studentPValue(t, df);
    }

    /** The two-sided p-value of t with {@code df} degrees of freedom: {@code I(df / (df + t^2); df/2, 1/2)}. */
    static double studentPValue(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double x = df / (df + t * t);
        return x >= 1 ? 1 : Beta.regularizedBeta(x, df / 2, 0.5);
    }
}
