package org.spatialx.analysis.neighbors;

/**
 * Squared Euclidean distances in double precision between rows of row-major point arrays. Four
 * independent partial sums let the CPU overlap the additions (Java may not reorder a floating-point
 * sum itself).
 */
final class Distances {

    private Distances() {
    }

    /** Squared distance between row {@code a} of {@code points} and row {@code b} of {@code others}. */
    static double squared(double[] points, int a, double[] others, int b, int dims) {
        int ia = a * dims;
        int ib = b * dims;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < dims; j += 4) {
            double t0 = points[ia + j] - others[ib + j];
            double t1 = points[ia + j + 1] - others[ib + j + 1];
            double t2 = points[ia + j + 2] - others[ib + j + 2];
            double t3 = points[ia + j + 3] - others[ib + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < dims; j++) {
            double t = points[ia + j] - others[ib + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
