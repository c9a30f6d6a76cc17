package org.spatialx.api.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * What an analysis produced, stored by the host into the data set's table under the given names:
 * embeddings to {@code obsm}, per-cell columns to {@code obs} (labels as categorical), per-gene
 * columns to {@code var}, and tables (DE genes, niche compositions) as table elements.
 *
 * @param embeddings name to one row per cell
 * @param obs        name to one value per cell
 * @param var        name to one value per gene
 * @param tables     name to a table of named columns, in column order
 * @param summary    lines for the log's end (e.g. {@code 12 clusters}, {@code explained variance 0.41})
 */
public record AnalysisResult(Map<String, DenseMatrix> embeddings, Map<String, Column> obs, Map<String, Column> var,
        Map<String, Map<String, Column>> tables, List<String> summary) {

    /** Copies every map, keeping insertion order. */
    public AnalysisResult {
        embeddings = ordered(embeddings);
        obs = ordered(obs);
        var = ordered(var);
        Map<String, Map<String, Column>> copied = new LinkedHashMap<>();
        tables.forEach((name, columns) -> copied.put(name, ordered(columns)));
        tables = java.util.Collections.unmodifiableMap(copied);
        summary = List.copyOf(summary);
    }

    /** An empty result to add to. */
    public static Builder builder() {
        return new Builder();
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Collects a result's parts in order. */
    public static final class Builder {
        private final Map<String, DenseMatrix> embeddings = new LinkedHashMap<>();
        private final Map<String, Column> obs = new LinkedHashMap<>();
        private final Map<String, Column> var = new LinkedHashMap<>();
        private final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
        private final java.util.ArrayList<String> summary = new java.util.ArrayList<>();

        private Builder() {
        }

        /** An embedding (obsm), one row per cell. */
        public Builder embedding(String name, DenseMatrix values) {
            embeddings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(values, "values"));
            return this;
        }

        /** A per-cell column (obs). */
        public Builder obs(String name, Column values) {
            obs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(values, "values"));
            return this;
        }

        /** A per-gene column (var). */
        public Builder var(String name, Column values) {
            var.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(values, "values"));
            return this;
        }

        /** A table of named columns of equal length, in column order. */
        public Builder table(String name, Map<String, Column> columns) {
            tables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(columns, "columns"));
            return this;
        }

        /** A line for the end of the log. */
        public Builder summary(String line) {
            summary.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** The result. */
        public AnalysisResult build() {
            return new AnalysisResult(embeddings, obs, var, tables, summary);
        }
    }
}
