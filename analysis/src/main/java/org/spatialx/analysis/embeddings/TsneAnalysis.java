package org.spatialx.analysis.embeddings;

import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.layout.LayoutInput;
import org.spatialx.analysis.layout.Tsne;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * {@code analysis.embeddings.tsne(embedding_key, n_neighbors=90, perplexity=30, local_connectivity=1,
 * init="pca", title=None)}: a two-dimensional t-SNE of an embedding ({@link Tsne}: scikit-learn's
 * Barnes-Hut t-SNE with its defaults), stored as an embedding (obsm) under the output name. The
 * affinities spread over each cell's {@code n_neighbors} nearest neighbours (at most cells - 1;
 * scikit-learn takes {@code 3 * perplexity + 1}, 91 for the default perplexity), so the perplexity must
 * be below that. {@code local_connectivity} belongs to UMAP's graph and does not change a t-SNE.
 */
@Extension
public final class TsneAnalysis extends DeclaredAnalysis<TsneAnalysis.Params> {

    /** The accepted {@code init} values. */
    public static final List<String> INITS = List.of("pca", "gaussian", "input");

    /**
     * The wire params (protocol 7.2; the wire order differs from the Python signature's).
     *
     * @param embeddingKey      the embedding to lay out
     * @param nNeighbors        neighbours whose affinities are computed
     * @param localConnectivity neighbours assumed connected at a local level
     * @param init              the initial layout: pca, gaussian or input
     * @param perplexity        the effective number of neighbours of the affinities
     * @param name              the call's title
     */
    public record Params(@Required String embeddingKey, Integer nNeighbors, Integer localConnectivity, String init,
            Double perplexity, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, 90, 1, "pca", 30.0, null);
        }
    }

    /** The kind's declaration. */
    public TsneAnalysis() {
        super(AnalysisGroups.EMBEDDINGS, "tsne", "t-SNE", "t-SNE", "embedding",
                Params.defaults(), "t-SNE of an embedding");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("embedding_key", params.embeddingKey());
        ParamChecks.requiredAtLeast("n_neighbors", params.nNeighbors(), 2);
        ParamChecks.atLeast("local_connectivity", params.localConnectivity(), 1);
        ParamChecks.oneOf("init", params.init(), INITS);
        ParamChecks.requiredPositive("perplexity", params.perplexity());
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("t-SNE", OutputNames.setting("perplexity", params.perplexity()));
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        int cells = input.cellCount();
        int neighbours = Math.min(params.nNeighbors(), cells - 1);
        double perplexity = params.perplexity();
        if (!(perplexity < neighbours)) {
            throw new AnalysisException(String.format(Locale.ROOT, "embeddings.tsne: perplexity=%s is too large for"
                    + " data set %s: each cell's affinities spread over min(n_neighbors=%d, cells - 1 = %d) = %d"
                    + " neighbours, and the perplexity must be below that. Pass a smaller perplexity%s.",
                    OutputNames.number(perplexity), input.dataId(), params.nNeighbors(), cells - 1, neighbours,
                    params.nNeighbors() < cells - 1 ? " or a larger n_neighbors" : ""));
        }
        DenseMatrix points = LayoutInput.embedding("embeddings.tsne", input, params.embeddingKey(), neighbours);
        Tsne.Init init = Tsne.Init.valueOf(params.init().toUpperCase(Locale.ROOT));
        context.progress("neighbours", 0);
        KnnGraph knn = input.neighbours(params.embeddingKey(), neighbours);
        context.checkCancelled();
        try (Workers workers = Workers.of(context)) {
            Tsne.Result tsne = Tsne.layout(points, knn, new Tsne.Options(perplexity, init, 0, context.seed()), workers,
                    fraction -> context.progress("t-SNE", 0.2 + 0.75 * fraction));
            String layoutLine = String.format(Locale.ROOT, "t-SNE of '%s' (%,d cells x %d dimensions): perplexity=%s,"
                    + " %d neighbours, init=%s, %,d iterations (Barnes-Hut, angle 0.5), %,d affinities,"
                    + " KL divergence %.4f", params.embeddingKey(), points.rows(), points.cols(),
                    OutputNames.number(perplexity), neighbours, params.init(), tsne.iterations(), tsne.affinities(),
                    tsne.divergence());
            return LayoutResults.of("t-SNE", layoutLine, tsne.layout(), knn, Math.min(15, neighbours), context,
                    workers);
        }
    }
}
