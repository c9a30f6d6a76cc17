package org.spatialx.analysis.clustering;

import org.pf4j.Extension;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.clustering.leiden}: Leiden communities of the cells' neighbour graph (leidenalg's RB configuration / modularity), protocol 7.2. The {@code n_neighbors} nearest
 * neighbours of every cell in the embedding give UMAP connectivities (with {@code local_connectivity}),
 * on which Leiden (Traag, Waltman and van Eck 2019)
 * refines every community before aggregating, so that no community ends up internally disconnected, maximising modularity at {@code resolution} as scanpy's {@code tl.leiden}
 * does after {@code pp.neighbors}. The clusters, numbered by size (largest 0), are a categorical
 * metadata column (obs) named after the title.
 */
@Extension
public final class LeidenAnalysis extends CommunityAnalysis<LeidenAnalysis.Params> {

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
    public LeidenAnalysis() {
        super(CommunityDetection.Algorithm.LEIDEN, "Leiden", Params.class, Params.defaults(),
                "Leiden communities of the cells' neighbour graph (leidenalg's RB configuration / modularity)");
    }
}
