package org.spatialx.analysis.prediction;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.Species;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.prediction.metadata_reference(cluster_key, species, anno_type="sub", title=None)}:
 * predicts the cell type of each cluster from BioTuring's reference atlases. Runs on SpatialX.
 */
@Extension
public final class MetadataReferenceAnalysis extends DeclaredAnalysis<MetadataReferenceAnalysis.Params> {

    /** The accepted {@code anno_type} values: sub or major cell types. */
    public static final List<String> ANNOTATION_TYPES = List.of("sub", "major");

    /**
     * The wire params (protocol 7.2).
     *
     * @param clusterKey the obs column of clusters to name, e.g. {@code Connector - Louvain}
     * @param annoType   sub or major cell types
     * @param species    the data's species, a {@link Species} wire value
     * @param name       the call's title
     */
    public record Params(@Required String clusterKey, String annoType, @Required String species, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, "sub", null, null);
        }
    }

    /** The kind's declaration. */
    public MetadataReferenceAnalysis() {
        super(AnalysisGroups.PREDICTION, "metadata_reference", "Metadata Reference",
                "celltype_prediction", "prediction",
                Params.defaults(), "Cell type prediction of clusters from a reference (runs on SpatialX)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("cluster_key", params.clusterKey());
        ParamChecks.oneOf("anno_type", params.annoType(), ANNOTATION_TYPES);
        ParamChecks.wireValue("species", params.species(), Species.class);
    }

    /** The name SpatialX lists such predictions under. */
    @Override
    public String defaultOutputName(Params params) {
        return "MetaReference prediction";
    }
}
