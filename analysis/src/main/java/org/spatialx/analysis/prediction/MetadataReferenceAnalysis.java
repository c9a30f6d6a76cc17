package org.spatialx.analysis.prediction;

import java.util.List;
import org.pf4j.Extension;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.Species;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.prediction.metadata_reference(cluster_key, species, anno_type="sub", title=None)}:
 * predicts the cell type of each cluster from BioTuring's reference atlases. Runs on SpatialX.
 */
@Extension
public final class MetadataReferenceAnalysis implements Analysis<MetadataReferenceAnalysis.Params> {

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

    @Override
    public String group() {
        return AnalysisGroups.PREDICTION;
    }

    @Override
    public String name() {
        return "metadata_reference";
    }

    @Override
    public String defaultTitle() {
        return "Metadata Reference";
    }

    @Override
    public String groupType() {
        return "prediction";
    }

    @Override
    public String subType(Params params) {
        return "celltype_prediction";
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
        return "Cell type prediction of clusters from a reference (runs on SpatialX)";
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("cluster_key", params.clusterKey());
        ParamChecks.required("anno_type", params.annoType());
        ParamChecks.oneOf("anno_type", params.annoType(), ANNOTATION_TYPES);
        ParamChecks.required("species", params.species());
        ParamChecks.wireValue("species", params.species(), Species.class);
    }

    /** The name SpatialX lists such predictions under. */
    @Override
    public String defaultOutputName(Params params) {
        return "MetaReference prediction";
    }
}
