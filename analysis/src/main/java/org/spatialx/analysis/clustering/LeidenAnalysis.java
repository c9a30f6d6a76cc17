package org.spatialx.analysis.clustering;

import org.pf4j.Extension;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.clustering.leiden}: Leiden communities of the cells' neighbour graph (leidenalg's RB configuration / modularity), protocol 7.2. The {@code n_neighbors} nearest
 * neighbours of every cell in the embedding give UMAP connectivities (with {@code local_connectivity}),
 * on which Leiden maximises modularity at {@code resolution}, as scanpy's {@code tl.leiden} does
 * after {@code pp.neighbors}. The clusters, numbered by size (largest 0), are a categorical
 * metadata column (obs) named after the title.
 */
@Extension
public final class LeidenAnalysis implements Analysis<LeidenAnalysis.Params> {

    /**
     * The wire params, in protocol order.
     *
     * @param embeddingKey      the embedding whose neighbours are clustered (its display name)
     * @param resolution        modularity resolution; larger gives more, smaller clusters
     * @param nNeighbors        neighbours per cell, the cell itself included (as umap-learn counts)
     * @param localConnectivity neighbours every cell is assumed connected to
     * @param name              the call's title
     */
    public record Params(@Required String embeddingKey, @Required Double resolution, int nNeighbors,
            int localConnectivity, String name) {

        /** The Python defaults: n_neighbors 90, local_connectivity 1. */
        public static Params defaults() {
            return new Params(null, null, 90, 1, null);
        }
    }

    @Override
    public String group() {
        return AnalysisGroups.CLUSTERING;
    }

    @Override
    public String name() {
        return "leiden";
    }

    @Override
    public String defaultTitle() {
        return "Leiden";
    }

    @Override
    public String groupType() {
        return "clustering";
    }

    @Override
    public String subType(Params params) {
        return "Leiden";
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
        return "Leiden communities of the cells' neighbour graph (leidenalg's RB configuration / modularity)";
    }

    @Override
    public void validate(Params params) {
        GraphClustering.validate("clustering.leiden", params.embeddingKey(), params.resolution(), params.nNeighbors(),
                params.localConnectivity());
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        return GraphClustering.run("clustering.leiden", CommunityDetection.Algorithm.LEIDEN, params.embeddingKey(),
                params.resolution(), params.nNeighbors(), params.localConnectivity(), input, context);
    }
}
