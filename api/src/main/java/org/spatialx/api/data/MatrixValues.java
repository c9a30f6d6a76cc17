package org.spatialx.api.data;

import java.util.Arrays;

/**
 * The stored values of an {@link ExpressionMatrix} in the element type the file holds, as h5py and
 * scipy keep it: integer counts as {@code int} (4 bytes a value, not 8), float32 data as {@code float},
 * everything else as {@code double}. Two instances are equal when they hold the same type and values.
 */
public sealed interface MatrixValues {

    /** Number of values. */
    int size();

    /** The value at {@code index}, widened to {@code double} (exact for every stored type). */
    double get(int index);

    /** Sum of every value, accumulated in {@code double}. */
    default double sum() {
        return sum(0, size());
    }

    /** Sum of the values at {@code from} (inclusive) to {@code to} (exclusive). */
    double sum(int from, int to);

    /** Whole-number values (counts), e.g. a 10x matrix's int32 {@code data}. */
    record Ints(int[] values) implements MatrixValues {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int index) {
            return values[index];
        }

        @Override
        public double sum(int from, int to) {
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ints that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Ints[" + values.length + " values]";
        }
    }

    /** Single-precision values (e.g. float32 {@code X} of an .h5ad). */
    record Floats(float[] values) implements MatrixValues {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int index) {
            return values[index];
        }

        @Override
        public double sum(int from, int to) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Floats that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Floats[" + values.length + " values]";
        }
    }

    /** Double-precision values, or whatever fits neither {@code int} nor {@code float} exactly. */
    record Doubles(double[] values) implements MatrixValues {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public double get(int index) {
            return values[index];
        }

        @Override
        public double sum(int from, int to) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            return sum;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Doubles that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Doubles[" + values.length + " values]";
        }
    }

    /**
     * The narrowest exact representation of {@code values}: {@link Ints} when every value is a whole
     * number in the {@code int} range (counts read from text files), otherwise {@link Doubles}.
     */
    static MatrixValues narrowest(double[] values, int size) {
        int[] ints = new int[size];
        for (int i = 0; i < size; i++) {
            double v = values[i];
            int asInt = (int) v;
            if (asInt != v || v == 0 && 1 / v < 0) { // fractional, out of range, NaN, or -0.0
                return new Doubles(values.length == size ? values : Arrays.copyOf(values, size));
            }
            ints[i] = asInt;
        }
        return new Ints(ints);
    }
}
