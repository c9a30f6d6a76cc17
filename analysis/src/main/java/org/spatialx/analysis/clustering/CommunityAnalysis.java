package org.spatialx.analysis.clustering;

import java.util.Locale;
import org.spatialx.analysis.neighbors.FuzzySimplicialSet;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.api.data.SparseGraph;

/**
 * What {@code clustering.leiden} and {@code clustering.louvain} share (protocol 7.2 gives them the
 * same params): the declaration, the checks, and the run: the {@code n_neighbors} nearest neighbours
 * of every cell in the embedding, their UMAP connectivities, the communities, numbered by size.
 *
 * @param <P> the kind's params record
 */
abstract class CommunityAnalysis<P extends Record & CommunityAnalysis.Parameters> implements Analysis<P> {

    /** The params both kinds have, in protocol order (the record's {@code name} is the title). */
    interface Parameters {
        /** The embedding whose neighbours are clustered. */
        String embeddingKey();

        /** The modularity resolution. */
        Double resolution();

        /** Neighbours per cell, the cell itself included. */
        int nNeighbors();

        /** Neighbours every cell is assumed connected to. */
        int localConnectivity();
    }

    private final CommunityDetection.Algorithm algorithm;
    private final String title;
    private final String call;
    private final Class<P> paramsType;
    private final P defaults;
    private final String description;

    CommunityAnalysis(CommunityDetection.Algorithm algorithm, String title, Class<P> paramsType, P defaults,
            String description) {
        this.algorithm = algorithm;
        this.title = title;
        this.call = "clustering." + title.toLowerCase(Locale.ROOT);
        this.paramsType = paramsType;
        this.defaults = defaults;
        this.description = description;
    }

    @Override
    public Class<P> paramsType() {
        return paramsType;
    }

    @Override
    public P defaults() {
        return defaults;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String group() {
        return AnalysisGroups.CLUSTERING;
    }

    @Override
    public String name() {
        return title.toLowerCase(Locale.ROOT);
    }

    @Override
    public String defaultTitle() {
        return title;
    }

    @Override
    public String groupType() {
        return "clustering";
    }

    @Override
    public String subType(P params) {
        return title;
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    @Override
    public void validate(P params) {
        if (params.embeddingKey() == null || params.embeddingKey().isBlank()) {
            throw new AnalysisException(call + " needs an embedding_key, e.g. the title of a PCA"
                    + " (analysis.list_embedding(data_id) lists them)");
        }
        Double resolution = params.resolution();
        if (resolution == null || !(resolution > 0) || resolution.isInfinite()) {
            throw new AnalysisException(call + ": resolution must be a positive number (larger gives more clusters),"
                    + " got " + resolution);
        }
        if (params.nNeighbors() < 2) {
            throw new AnalysisException(call + ": n_neighbors must be at least 2, got " + params.nNeighbors());
        }
        if (params.localConnectivity() < 0) {
            throw new AnalysisException(call + ": local_connectivity must not be negative, got "
                    + params.localConnectivity());
        }
    }

    @Override
    public AnalysisResult run(P params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        String embeddingKey = params.embeddingKey();
        int nNeighbors = params.nNeighbors();
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
        String stage = name();
        try (Workers workers = Workers.of(context)) {
            context.progress("neighbours", 0);
            // umap-learn's n_neighbors counts the cell itself
            KnnGraph knn = input.neighbours(embeddingKey, nNeighbors - 1);
            context.checkCancelled();
            context.progress("connectivities", 0.4);
            SparseGraph connectivities = FuzzySimplicialSet.connectivities(knn, params.localConnectivity(), workers);
            context.progress(stage, 0.5);
            double resolution = params.resolution();
            int[] communities = CommunityDetection.cluster(connectivities, algorithm, resolution, context.seed(),
                    workers, iteration -> context.progress(stage, 0.5 + 0.5 * (1 - Math.pow(0.5, iteration))));
            int[] labels = ClusterLabels.bySize(communities);
            int[] sizes = ClusterLabels.sizes(labels);
            String summary = String.format(Locale.ROOT, "%s at resolution %s on '%s' (n_neighbors=%d): %d clusters,"
                    + " modularity %.4f, sizes %s", title, resolution, embeddingKey, nNeighbors, sizes.length,
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
