package org.spatialx.analysis.clustering;

import java.util.Locale;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/**
 * What {@code clustering.leiden} and {@code clustering.louvain} share: their checks and the run
 * neighbours, connectivities, communities, clusters numbered by size.
 */
final class GraphClustering {

    private GraphClustering() {
    }

    /** The parameter checks that need no data. */
    static void validate(String call, String embeddingKey, Double resolution, int nNeighbors, int localConnectivity) {
        if (embeddingKey == null || embeddingKey.isBlank()) {
            throw new AnalysisException(call + " needs an embedding_key, e.g. the title of a PCA"
                    + " (analysis.list_embedding(data_id) lists them)");
        }
        if (resolution == null || !(resolution > 0) || resolution.isInfinite()) {
            throw new AnalysisException(call + ": resolution must be a positive number (larger gives more clusters),"
                    + " got " + resolution);
        }
        if (nNeighbors < 2) {
            throw new AnalysisException(call + ": n_neighbors must be at least 2, got " + nNeighbors);
        }
        if (localConnectivity < 0) {
            throw new AnalysisException(call + ": local_connectivity must not be negative, got " + localConnectivity);
        }
    }

    /** Runs {@code algorithm} on the UMAP connectivities of the {@code nNeighbors} graph of {@code embeddingKey}. */
    static AnalysisResult run(String call, CommunityDetection.Algorithm algorithm, String embeddingKey,
            double resolution, int nNeighbors, int localConnectivity, AnalysisInput input, AnalysisContext context) {
        validate(call, embeddingKey, resolution, nNeighbors, localConnectivity);
        if (!input.embeddingKeys().contains(embeddingKey)) {
            throw new AnalysisException(call + ": data set " + input.dataId() + " has no embedding '" + embeddingKey
                    + "'; its embeddings are: " + (input.embeddingKeys().isEmpty() ? "(none; run embeddings.pca first)"
                    : String.join(", ", input.embeddingKeys())));
        }
        int cells = input.cellCount();
        if (nNeighbors >= cells) {
            throw new AnalysisException(call + ": n_neighbors = " + nNeighbors + " needs more than " + nNeighbors
                    + " cells; data set " + input.dataId() + " has " + cells + ". Pass a smaller n_neighbors.");
        }
        try (Workers workers = Workers.of(context)) {
            context.progress("neighbours", 0);
            // umap-learn's n_neighbors counts the cell itself
            KnnGraph knn = input.neighbours(embeddingKey, nNeighbors - 1);
            context.checkCancelled();
            context.progress("connectivities", 0.4);
            SparseGraph connectivities = FuzzySimplicialSet.connectivities(knn, localConnectivity, workers);
            context.progress(algorithm.name().toLowerCase(Locale.ROOT), 0.5);
            int[] communities = CommunityDetection.cluster(connectivities, algorithm, resolution, context.seed(),
                    workers, iteration -> context.progress(algorithm.name().toLowerCase(Locale.ROOT),
                            0.5 + 0.5 * (1 - Math.pow(0.5, iteration))));
            int[] labels = ClusterLabels.bySize(communities);
            int[] sizes = ClusterLabels.sizes(labels);
            String summary = String.format(Locale.ROOT, "%s at resolution %s on '%s' (n_neighbors=%d): %d clusters,"
                    + " modularity %.4f, sizes %s", algorithm == CommunityDetection.Algorithm.LEIDEN ? "Leiden" : "Louvain",
                    resolution, embeddingKey, nNeighbors, sizes.length,
                    CommunityDetection.modularity(connectivities, labels, resolution), sizesText(sizes));
            context.log(summary);
            context.progress("done", 1);
            return AnalysisResult.builder()
                    .obs(context.outputName(), Column.Categorical.ofClusters(labels))
                    .summary(summary)
                    .build();
        }
    }

    private static String sizesText(int[] sizes) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < Math.min(sizes.length, 20); c++) {
            text.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d", sizes[c]));
        }
        return sizes.length > 20 ? text.append(", ...").toString() : text.toString();
    }
}
