package org.spatialx.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * A data set's table held in memory, for tests: counts, obs columns, embeddings, spatial coordinates,
 * and other data sets reachable by id (DE between two data sets).
 */
public final class InMemoryInput implements AnalysisInput {

    private final String dataId;
    private final ExpressionMatrix counts;
    private final Map<String, Column> obs = new LinkedHashMap<>();
    private final Map<String, DenseMatrix> embeddings = new LinkedHashMap<>();
    private final Map<String, AnalysisInput> others = new LinkedHashMap<>();
    private DenseMatrix spatial;

    /** A data set with these counts (may be null for an embedding-only table). */
    public InMemoryInput(String dataId, ExpressionMatrix counts) {
        this.dataId = Objects.requireNonNull(dataId);
        this.counts = counts;
    }

    /** Adds an embedding. */
    public InMemoryInput withEmbedding(String key, DenseMatrix values) {
        embeddings.put(key, values);
        return this;
    }

    /** Adds an obs column. */
    public InMemoryInput withObs(String key, Column values) {
        obs.put(key, values);
        return this;
    }

    /** Sets the spatial coordinates. */
    public InMemoryInput withSpatial(DenseMatrix values) {
        spatial = values;
        return this;
    }

    /** Makes another data set reachable through {@link #dataSet}. */
    public InMemoryInput withDataSet(AnalysisInput other) {
        others.put(other.dataId(), other);
        return this;
    }

    @Override
    public String dataId() {
        return dataId;
    }

    @Override
    public int cellCount() {
        if (counts != null) {
            return counts.cellCount();
        }
        return embeddings.values().stream().findFirst().map(DenseMatrix::rows).orElse(0);
    }

    @Override
    public ExpressionMatrix counts() {
        if (counts == null) {
            throw new AnalysisException("Data " + dataId + " has no expression matrix.");
        }
        return counts;
    }

    @Override
    public Set<String> obsKeys() {
        return obs.keySet();
    }

    @Override
    public Column obs(String key) {
        return present(obs, key, "obs column");
    }

    @Override
    public Set<String> embeddingKeys() {
        return embeddings.keySet();
    }

    @Override
    public DenseMatrix embedding(String key) {
        return present(embeddings, key, "embedding");
    }

    private <V> V present(Map<String, V> values, String key, String what) {
        V value = values.get(key);
        if (value == null) {
            throw new AnalysisException("No " + what + " \"" + key + "\" in " + dataId + "; there are " + values.keySet());
        }
        return value;
    }

    @Override
    public DenseMatrix spatial() {
        if (spatial == null) {
            throw new AnalysisException("Data " + dataId + " has no spatial coordinates.");
        }
        return spatial;
    }

    @Override
    public KnnGraph neighbours(String embeddingKey, int k) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public AnalysisInput dataSet(String id) {
        if (id.equals(dataId)) {
            return this;
        }
        AnalysisInput other = others.get(id);
        if (other == null) {
            throw new AnalysisException("No data " + id + "; known: " + dataId + ", " + others.keySet());
        }
        return other;
    }
}
