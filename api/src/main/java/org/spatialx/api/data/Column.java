package org.spatialx.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One column of per-cell (obs) or per-gene (var) values, or of a result table: categories with a
 * code per row (clusters, cell types, regions), numbers (scores, totals), or free text.
 */
public sealed interface Column {

    /** Number of rows. */
    int size();

    /**
     * Category labels with one code per row, as AnnData stores a categorical column; code {@code -1}
     * is a missing value.
     *
     * @param categories the distinct labels, in display order
     * @param codes      one index into {@code categories} per row, or -1
     */
    record Categorical(List<String> categories, int[] codes) implements Column {
        /** Copies the categories and checks every code. */
        public Categorical {
            categories = List.copyOf(categories);
            Objects.requireNonNull(codes, "codes");
            for (int code : codes) {
                if (code < -1 || code >= categories.size()) {
                    throw new IllegalArgumentException("Category code " + code + " outside 0.." + (categories.size() - 1));
                }
            }
        }

        /** Labels from integer cluster numbers {@code 0..n-1}, named {@code "0"}, {@code "1"}, ... */
        public static Categorical ofClusters(int[] clusters) {
            int max = -1;
            for (int c : clusters) {
                max = Math.max(max, c);
            }
            List<String> names = new java.util.ArrayList<>();
            for (int c = 0; c <= max; c++) {
                names.add(Integer.toString(c));
            }
            return new Categorical(names, clusters.clone());
        }

        @Override
        public int size() {
            return codes.length;
        }

        /** The label of {@code row}, or {@code null} when missing. */
        public String label(int row) {
            return codes[row] < 0 ? null : categories.get(codes[row]);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Categorical that && categories.equals(that.categories)
                    && Arrays.equals(codes, that.codes);
        }

        @Override
        public int hashCode() {
            return 31 * categories.hashCode() + Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return "Categorical[" + categories.size() + " categories, " + codes.length + " rows]";
        }
    }

    /** Numbers, {@code NaN} for missing values. */
    record Numeric(double[] values) implements Column {
        /** Rejects a null array. */
        public Numeric {
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Numeric that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Numeric[" + values.length + " rows]";
        }
    }

    /** Free text, {@code null} for missing values. */
    record Text(List<String> values) implements Column {
        /** Copies the values (nulls allowed). */
        public Text {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }

        @Override
        public int size() {
            return values.size();
        }
    }
}
