package org.spatialx.analysis.preprocess;

import org.spatialx.api.data.MatrixValues;

/**
 * Copies a range of a matrix's stored values into a {@code double[]}: one type switch per range, so
 * that the hot loops that follow read a primitive array instead of calling through the sealed
 * interface for every value.
 */
final class StoredValues {

    private StoredValues() {
    }

    /** Copies {@code values[from .. to)} into {@code into[0 .. to-from)}. */
    static void copy(MatrixValues values, int from, int to, double[] into) {
        switch (values) {
            case MatrixValues.Ints ints -> {
                int[] v = ints.values();
                for (int i = from; i < to; i++) {
                    into[i - from] = v[i];
                }
            }
            case MatrixValues.Floats floats -> {
                float[] v = floats.values();
                for (int i = from; i < to; i++) {
                    into[i - from] = v[i];
                }
            }
            case MatrixValues.Doubles doubles -> System.arraycopy(doubles.values(), from, into, 0, to - from);
        }
    }

    /** The longest row of a CSR matrix (the size of a row buffer). */
    static int longestRow(int[] indptr) {
        int longest = 0;
        for (int r = 0; r + 1 < indptr.length; r++) {
            longest = Math.max(longest, indptr[r + 1] - indptr[r]);
        }
        return longest;
    }
}
