package org.spatialx.analysis.embeddings;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.embeddings.tsne(embedding_key, n_neighbors=90, perplexity=30, local_connectivity=1,
 * init="pca", title=None)}: a t-SNE of an embedding.
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
}
