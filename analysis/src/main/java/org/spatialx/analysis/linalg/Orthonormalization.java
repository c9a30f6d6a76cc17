package org.spatialx.analysis.linalg;

/**
 * Orthonormal bases of sets of vectors stored one after the other ({@code vectors[c * length ..
 * (c+1) * length)} is vector c), so that every dot product runs over contiguous memory.
 */
public final class Orthonormalization {

    private Orthonormalization() {
    }

    /**
     * Makes vectors {@code from .. count-1} orthonormal to the (already orthonormal) vectors before
     * {@code from} and to each other: modified Gram-Schmidt, run twice ("twice is enough") so that
     * the result is orthonormal to working precision even for nearly dependent input. A vector that is
     * (numerically) dependent on the previous ones is replaced by a unit vector orthogonal to them.
     */
    public static void orthonormalize(double[] vectors, int length, int count, int from) {
        for (int c = from; c < count; c++) {
            int base = c * length;
            double before = norm(vectors, base, length);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    subtractProjection(vectors, base, p * length, length);
                }
            }
            double after = norm(vectors, base, length);
            if (after <= 1e-10 * before || after == 0) {
                replaceByOrthogonalUnit(vectors, length, c);
            } else {
                scale(vectors, base, length, 1 / after);
            }
        }
    }

    private static void subtractProjection(double[] vectors, int target, int onto, int length) {
        double dot = 0;
        for (int i = 0; i < length; i++) {
            dot += vectors[onto + i] * vectors[target + i];
        }
        for (int i = 0; i < length; i++) {
            vectors[target + i] -= dot * vectors[onto + i];
        }
    }

    private static double norm(double[] vectors, int base, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += vectors[base + i] * vectors[base + i];
        }
        return Math.sqrt(sum);
    }

    private static void scale(double[] vectors, int base, int length, double factor) {
        for (int i = 0; i < length; i++) {
            vectors[base + i] *= factor;
        }
    }

    /** Tries the unit vectors e_0, e_1, ... until one keeps a component orthogonal to vectors 0..c-1. */
    private static void replaceByOrthogonalUnit(double[] vectors, int length, int c) {
        int base = c * length;
        for (int e = 0; e < length; e++) {
            java.util.Arrays.fill(vectors, base, base + length, 0);
            vectors[base + e] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    subtractProjection(vectors, base, p * length, length);
                }
            }
            double norm = norm(vectors, base, length);
            if (norm > 1e-8) {
                scale(vectors, base, length, 1 / norm);
                return;
            }
        }
        throw new IllegalArgumentException("cannot complete an orthonormal basis of " + (c + 1) + " vectors of length "
                + length);
    }
}
