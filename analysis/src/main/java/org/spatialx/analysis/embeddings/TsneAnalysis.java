package org.spatialx.analysis.embeddings;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.embeddings.tsne(embedding_key, n_neighbors=90, perplexity=30, local_connectivity=1,
 * init="pca", title=None)}: a t-SNE of an embedding.
 */
@Extension
public final class TsneAnalysis implements Analysis<TsneAnalysis.Params> {

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

    @Override
    public String group() {
        return AnalysisGroups.EMBEDDINGS;
    }

    @Override
    public String name() {
        return "tsne";
    }

    @Override
    public String defaultTitle() {
        return "t-SNE";
    }

    @Override
    public String groupType() {
        return "embedding";
    }

    @Override
    public String subType(Params params) {
        return "t-SNE";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return Params.defaults();
    }

    @Override
    public String description() {
        return "t-SNE of an embedding";
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("embedding_key", params.embeddingKey());
        ParamChecks.required("n_neighbors", params.nNeighbors());
        ParamChecks.atLeast("n_neighbors", params.nNeighbors(), 2);
        ParamChecks.atLeast("local_connectivity", params.localConnectivity(), 1);
        ParamChecks.oneOf("init", params.init(), INITS);
        ParamChecks.required("perplexity", params.perplexity());
        ParamChecks.positive("perplexity", params.perplexity());
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("t-SNE", OutputNames.setting("perplexity", params.perplexity()));
    }
}
