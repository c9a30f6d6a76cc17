package org.spatialx.analysis.embeddings;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.embeddings.umap(embedding_key, n_neighbors=15, local_connectivity=1, init="pca",
 * deterministic=True, title=None)}: a UMAP of an embedding.
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
}
