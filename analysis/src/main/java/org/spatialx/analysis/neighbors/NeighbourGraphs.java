package org.spatialx.analysis.neighbors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * The neighbour graphs of one data set's embeddings, computed once per (embedding, k) with
 * {@link NearestNeighbors} and kept: what {@code AnalysisInput.neighbours} answers, in memory or on
 * the local server.
 */
public final class NeighbourGraphs {

    private record Key(String embedding, int k) {
    }

    private final String dataId;
    private final int threads;
    private final long seed;
    private final Map<Key, KnnGraph> graphs = new ConcurrentHashMap<>();

    /** Graphs of data set {@code dataId}, searched with {@code threads} threads and {@code seed}. */
    public NeighbourGraphs(String dataId, int threads, long seed) {
        this.dataId = dataId;
        this.threads = Math.max(1, threads);
        this.seed = seed;
    }

    /**
     * The {@code k} nearest neighbours of every row of {@code points}, the embedding {@code embeddingKey}.
     *
     * @throws AnalysisException when the embedding cannot give {@code k} neighbours (too few cells)
     */
    public KnnGraph of(String embeddingKey, DenseMatrix points, int k) {
        return graphs.computeIfAbsent(new Key(embeddingKey, k), key -> {
            try (Workers workers = Workers.of(threads)) {
                return NearestNeighbors.of(points, k, seed, workers);
            } catch (IllegalArgumentException e) {
                throw new AnalysisException("Cannot find " + k + " neighbours in embedding '" + embeddingKey + "' of "
                        + dataId + ": " + e.getMessage(), e);
            }
        });
    }
}
