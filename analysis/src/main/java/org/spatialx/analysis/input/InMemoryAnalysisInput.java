package org.spatialx.analysis.input;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spatialx.analysis.neighbors.NeighbourGraphs;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * A data set's table held in memory: counts, per-cell columns, embeddings, spatial coordinates and
 * other data sets, as tests and a host that has the table loaded give it to an analysis.
 * {@link #neighbours} is computed once per (embedding, k) ({@link NeighbourGraphs}).
 */
public final class InMemoryAnalysisInput implements AnalysisInput {

    private final String dataId;
    private final int cellCount;
    private final ExpressionMatrix counts;
    private final Map<String, Column> obs;
    private final Map<String, DenseMatrix> embeddings;
    private final DenseMatrix spatial;
    private final Map<String, AnalysisInput> dataSets;
    private final Path files;
    private final NeighbourGraphs neighbours;

    private InMemoryAnalysisInput(Builder builder) {
        this.dataId = builder.dataId;
        this.counts = builder.counts;
        this.obs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.obs));
        this.embeddings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.embeddings));
        this.spatial = builder.spatial;
        this.dataSets = Map.copyOf(builder.dataSets);
        this.files = builder.files;
        this.neighbours = new NeighbourGraphs(dataId, builder.threads, builder.seed);
        this.cellCount = builder.cellCount;
        obs.forEach((name, column) -> checkRows("obs column '" + name + "'", column.size()));
        embeddings.forEach((name, matrix) -> checkRows("embedding '" + name + "'", matrix.rows()));
        if (spatial != null) {
            checkRows("spatial coordinates", spatial.rows());
        }
    }

    private void checkRows(String what, int rows) {
        if (rows != cellCount) {
            throw new IllegalArgumentException(what + " has " + rows + " rows for " + cellCount + " cells");
        }
    }

    /** A table of {@code counts} (cells x genes) for data set {@code dataId}. */
    public static Builder builder(String dataId, ExpressionMatrix counts) {
        return new Builder(dataId, Objects.requireNonNull(counts, "counts"), counts.cellCount());
    }

    /** A table of {@code cells} cells without counts (embeddings and columns only). */
    public static Builder withoutCounts(String dataId, int cells) {
        return new Builder(dataId, null, cells);
    }

    @Override
    public String dataId() {
        return dataId;
    }

    @Override
    public int cellCount() {
        return cellCount;
    }

    @Override
    public ExpressionMatrix counts() {
        if (counts == null) {
            throw new AnalysisException("Data set " + dataId + " has no expression counts");
        }
        return counts;
    }

    @Override
    public Set<String> obsKeys() {
        return obs.keySet();
    }

    @Override
    public Column obs(String key) {
        Column column = obs.get(key);
        if (column == null) {
            throw new AnalysisException("Data set " + dataId + " has no metadata column '" + key + "'; its columns are: "
                    + names(obs.keySet()));
        }
        return column;
    }

    @Override
    public Set<String> embeddingKeys() {
        return embeddings.keySet();
    }

    @Override
    public DenseMatrix embedding(String key) {
        DenseMatrix embedding = embeddings.get(key);
        if (embedding == null) {
            throw new AnalysisException("Data set " + dataId + " has no embedding '" + key + "'; its embeddings are: "
                    + names(embeddings.keySet()));
        }
        return embedding;
    }

    @Override
    public DenseMatrix spatial() {
        if (spatial == null) {
            throw new AnalysisException("Data set " + dataId + " has no spatial coordinates");
        }
        return spatial;
    }

    @Override
    public KnnGraph neighbours(String embeddingKey, int k) {
        return neighbours.of(embeddingKey, embedding(embeddingKey), k);
    }

    /** Server paths are resolved inside the folder given to {@link Builder#files}; without one, no file is served. */
    @Override
    public Path serverFile(String serverPath) {
        if (files == null) {
            return AnalysisInput.super.serverFile(serverPath);
        }
        Path file = files.resolve(serverPath.replaceFirst("^/+", "")).normalize();
        if (!file.startsWith(files) || !Files.isRegularFile(file)) {
            throw new AnalysisException("No file " + serverPath + " on this server (looked in " + files + ")");
        }
        return file;
    }

    @Override
    public AnalysisInput dataSet(String id) {
        if (id.equals(dataId)) {
            return this;
        }
        AnalysisInput other = dataSets.get(id);
        if (other == null) {
            throw new AnalysisException("Data set " + id + " is not available next to " + dataId + "; known: "
                    + names(dataSets.keySet()));
        }
        return other;
    }

    private static String names(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** Collects a table's parts. */
    public static final class Builder {
        private final String dataId;
        private final ExpressionMatrix counts;
        private final int cellCount;
        private final Map<String, Column> obs = new LinkedHashMap<>();
        private final Map<String, DenseMatrix> embeddings = new LinkedHashMap<>();
        private final Map<String, AnalysisInput> dataSets = new LinkedHashMap<>();
        private DenseMatrix spatial;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed;
        private Path files;

        private Builder(String dataId, ExpressionMatrix counts, int cellCount) {
            this.dataId = Objects.requireNonNull(dataId, "dataId");
            this.counts = counts;
            this.cellCount = cellCount;
        }

        /** A per-cell column. */
        public Builder obs(String name, Column column) {
            obs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(column, "column"));
            return this;
        }

        /** An embedding, one row per cell. */
        public Builder embedding(String name, DenseMatrix embedding) {
            embeddings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(embedding, "embedding"));
            return this;
        }

        /** Cell centres in microns, one (x, y) row per cell. */
        public Builder spatial(DenseMatrix coordinates) {
            this.spatial = Objects.requireNonNull(coordinates, "coordinates");
            return this;
        }

        /** Another data set reachable through {@link AnalysisInput#dataSet}. */
        public Builder dataSet(AnalysisInput other) {
            dataSets.put(other.dataId(), other);
            return this;
        }

        /** Threads of the neighbour search (default: the available processors). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Seed of the approximate neighbour search (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The folder server paths resolve in ({@link AnalysisInput#serverFile}), as a server's upload folder. */
        public Builder files(Path folder) {
            this.files = folder.toAbsolutePath().normalize();
            return this;
        }

        /** The input. */
        public InMemoryAnalysisInput build() {
            return new InMemoryAnalysisInput(this);
        }
    }
}
