package org.spatialx.analysis.embeddings;

import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.layout.LayoutInput;
import org.spatialx.analysis.layout.Umap;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * {@code analysis.embeddings.umap(embedding_key, n_neighbors=15, local_connectivity=1, init="pca",
 * deterministic=True, title=None)}: a two-dimensional UMAP of an embedding ({@link Umap}: the fuzzy
 * simplicial set of the {@code n_neighbors} graph, SGD with negative sampling), stored as an embedding
 * (obsm) under the output name. The layout depends only on the seed, with any number of threads, so
 * {@code deterministic=False} gives the same (reproducible) layout as {@code True}.
 */
@Extension
public final class UmapAnalysis extends DeclaredAnalysis<UmapAnalysis.Params> {

    /** The accepted {@code init} values. */
    public static final List<String> INITS = List.of("pca", "spectral", "random");

    /**
     * The wire params (protocol 7.2).
     *
     * @param embeddingKey      the embedding to lay out, e.g. {@code Connector - PCA}
     * @param nNeighbors        neighbours of the fuzzy graph
     * @param localConnectivity neighbours assumed connected at a local level
     * @param init              the initial layout: pca, spectral or random
     * @param deterministic     whether the layout is reproducible (single-threaded optimisation)
     * @param name              the call's title
     */
    public record Params(@Required String embeddingKey, Integer nNeighbors, Integer localConnectivity, String init,
            Boolean deterministic, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, 15, 1, "pca", true, null);
        }
    }

    /** The kind's declaration. */
    public UmapAnalysis() {
        super(AnalysisGroups.EMBEDDINGS, "umap", "UMAP", "UMAP", "embedding",
                Params.defaults(), "UMAP of an embedding");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("embedding_key", params.embeddingKey());
        ParamChecks.requiredAtLeast("n_neighbors", params.nNeighbors(), 2);
        ParamChecks.atLeast("local_connectivity", params.localConnectivity(), 1);
        ParamChecks.oneOf("init", params.init(), INITS);
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("UMAP", OutputNames.setting("n_neighbors", params.nNeighbors()));
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        int nNeighbors = params.nNeighbors();
        DenseMatrix points = LayoutInput.embedding("embeddings.umap", input, params.embeddingKey(), nNeighbors);
        Umap.Init init = Umap.Init.valueOf(params.init().toUpperCase(Locale.ROOT));
        context.progress("neighbours", 0);
        // umap-learn's n_neighbors counts the cell itself, a KnnGraph does not
        KnnGraph knn = input.neighbours(params.embeddingKey(), nNeighbors - 1);
        context.checkCancelled();
        try (Workers workers = Workers.of(context)) {
            Umap.Result umap = Umap.layout(points, knn, new Umap.Options(params.localConnectivity(), init, 0,
                    context.seed()), workers, fraction -> context.progress("umap", 0.2 + 0.75 * fraction));
            String layoutLine = String.format(Locale.ROOT, "UMAP of '%s' (%,d cells x %d dimensions): n_neighbors=%d,"
                    + " local_connectivity=%d, init=%s, %d epochs over %,d edges, %d connected component%s",
                    params.embeddingKey(), points.rows(), points.cols(), nNeighbors, params.localConnectivity(),
                    params.init(), umap.epochs(), umap.edgeCount(), umap.components(), umap.components() == 1 ? "" : "s");
            return LayoutResults.of("UMAP", layoutLine, umap.layout(), knn, knn.k(), context, workers);
        }
    }
}
