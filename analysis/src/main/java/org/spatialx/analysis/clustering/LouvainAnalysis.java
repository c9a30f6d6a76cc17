package org.spatialx.analysis.clustering;

import org.pf4j.Extension;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.clustering.louvain}: Louvain communities of the cells' neighbour graph (modularity with resolution), protocol 7.2. The {@code n_neighbors} nearest
 * neighbours of every cell in the embedding give UMAP connectivities (with {@code local_connectivity}),
 * on which Louvain (Blondel et al. 2008)
 * moves single cells and aggregates, maximising modularity at {@code resolution} as scanpy's {@code tl.louvain}
 * does after {@code pp.neighbors}. The clusters, numbered by size (largest 0), are a categorical
 * metadata column (obs) named after the title.
 */
@Extension
public final class LouvainAnalysis extends CommunityAnalysis<LouvainAnalysis.Params> {

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
            int localConnectivity, String name) implements CommunityAnalysis.Parameters {

        /** The Python defaults: n_neighbors 90, local_connectivity 1. */
        public static Params defaults() {
            return new Params(null, null, 90, 1, null);
        }
    }

    /** The kind. */
    public LouvainAnalysis() {
        super(CommunityDetection.Algorithm.LOUVAIN, "Louvain", Params.class, Params.defaults(),
                "Louvain communities of the cells' neighbour graph (modularity with resolution)");
    }
}
