package org.spatialx.analysis.clustering;

import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * {@code analysis.clustering.kmeans(embedding_key, n_clusters, title=None)}: k-means on an embedding,
 * as scikit-learn 1.2's {@code KMeans} with its defaults (k-means++ seeding, 10 restarts, Lloyd);
 * the clusters become a categorical column numbered by size, {@code 0} the largest.
 */
@Extension
public final class KMeansAnalysis extends DeclaredAnalysis<KMeansAnalysis.Params> {

    /**
     * The wire params (protocol 7.2).
     *
     * @param embeddingKey the embedding to cluster, e.g. {@code Connector - PCA}
     * @param nClusters    the number of clusters
     * @param name         the call's title
     */
    public record Params(@Required String embeddingKey, @Required Integer nClusters, String name) {
        /** The Python defaults: nothing but the title has one. */
        public static Params defaults() {
            return new Params(null, null, null);
        }
    }

    /** The kind's declaration. */
    public KMeansAnalysis() {
        super(AnalysisGroups.CLUSTERING, "kmeans", "k-means", "k-means", "clustering",
                Params.defaults(),
                "k-means clustering of an embedding (k-means++ seeding, 10 restarts, as scikit-learn)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("embedding_key", params.embeddingKey());
        ParamChecks.requiredAtLeast("n_clusters", params.nClusters(), 1);
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("k-means clustering", OutputNames.setting("n_clusters", params.nClusters()));
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        DenseMatrix embedding = input.embedding(params.embeddingKey());
        int k = params.nClusters();
        if (embedding.rows() < k) {
            throw new AnalysisException("n_clusters=" + k + " is more than the " + embedding.rows()
                    + " cells of embedding \"" + params.embeddingKey() + "\": ask for at most " + embedding.rows()
                    + " clusters.");
        }
        if (embedding.cols() == 0) {
            throw new AnalysisException("Embedding \"" + params.embeddingKey() + "\" has no dimensions.");
        }
        checkFinite(embedding, params.embeddingKey());
        context.progress("k-means", 0);
        KMeans.Result result;
        try (Workers pool = Workers.of(context)) {
            result = new KMeans(k, KMeans.RESTARTS, KMeans.MAX_ITERATIONS, KMeans.TOLERANCE)
                    .fit(embedding.values(), embedding.rows(), embedding.cols(), pool, context);
        }
        int[] clusters = numberedBySize(result.labels(), k);
        context.progress("k-means", 1);
        return AnalysisResult.builder()
                .obs(context.outputName(), Column.Categorical.ofClusters(clusters))
                .summary(k + " clusters of " + embedding.rows() + " cells from \"" + params.embeddingKey() + "\"")
                .summary("inertia " + result.inertia() + " (best of " + KMeans.RESTARTS + " k-means++ restarts, "
                        + result.iterations() + " Lloyd iterations)")
                .build();
    }

    private static void checkFinite(DenseMatrix embedding, String key) {
        double[] values = embedding.values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new AnalysisException("Embedding \"" + key + "\" has a missing or infinite value (cell "
                        + i / embedding.cols() + "): k-means needs finite coordinates for every cell.");
            }
        }
    }

    /** Renumbers clusters so that 0 is the largest (ties: the lower original number first). */
    static int[] numberedBySize(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        int[] order = java.util.stream.IntStream.range(0, k).boxed()
                .sorted((a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        int[] rank = new int[k];
        for (int position = 0; position < k; position++) {
            rank[order[position]] = position;
        }
        int[] renumbered = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            renumbered[i] = rank[labels[i]];
        }
        return renumbered;
    }
}
