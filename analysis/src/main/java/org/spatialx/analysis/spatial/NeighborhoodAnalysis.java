package org.spatialx.analysis.spatial;

import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.spatial_analysis.neighborhood_analysis(radius, mpp, annotation_key="",
 * deconvolution_key="", tau=None, n_centroids=30, title=None)}: cell neighbourhoods (niches) from the
 * cell types around each cell, given either as an annotation or as a deconvolution result. Runs on
 * SpatialX.
 */
@Extension
public final class NeighborhoodAnalysis extends DeclaredAnalysis<NeighborhoodAnalysis.Params> {

    /** The sub type when the neighbourhoods are built from an annotation (cell type labels). */
    public static final String FROM_ANNOTATION = "neighborhood_proportions_analysis";
    /** The sub type when they are built from deconvolution abundances. */
    public static final String FROM_DECONVOLUTION = "deconvolution_neighborhood_analysis";

    /**
     * The wire params (protocol 7.2).
     *
     * @param radius           radius in microns of a neighbourhood
     * @param mpp              microns per pixel
     * @param annotationKey    an obs column of cell types, or empty
     * @param deconvolutionKey a deconvolution result, or empty; exactly one of the two keys is given
     * @param tau              the temperature of the soft assignment to niches, or none for the server's default
     * @param nCentroids       the number of niches
     * @param name             the call's title
     */
    public record Params(@Required Double radius, @Required Double mpp, String annotationKey, String deconvolutionKey,
            Double tau, Integer nCentroids, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, null, "", "", null, 30, null);
        }
    }

    /** The kind's declaration. */
    public NeighborhoodAnalysis() {
        super(AnalysisGroups.SPATIAL_ANALYSIS, "neighborhood_analysis", "Neighborhood Analysis",
                FROM_DECONVOLUTION, "neighborhood",
                Params.defaults(), "Cell neighbourhoods from cell types or deconvolution (runs on SpatialX)");
    }

    /** Depends on which key is given (protocol 7.2). */
    @Override
    public String subType(Params params) {
        return given(params.annotationKey()) ? FROM_ANNOTATION : FROM_DECONVOLUTION;
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredPositive("radius", params.radius());
        ParamChecks.requiredPositive("mpp", params.mpp());
        boolean annotation = given(params.annotationKey());
        boolean deconvolution = given(params.deconvolutionKey());
        if (annotation == deconvolution) {
            throw new AnalysisException("Request exactly one of `annotation_key` or `deconvolution_key` (got "
                    + (annotation ? "both" : "neither") + ").");
        }
        ParamChecks.positive("tau", params.tau());
        ParamChecks.requiredAtLeast("n_centroids", params.nCentroids(), 1);
    }

    /** The Python SDK does not append extra keyword arguments (such as {@code data_id}) to these params. */
    @Override
    public boolean extraKeywordsInParams() {
        return false;
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("Neighborhood analysis", OutputNames.setting("radius", params.radius()),
                OutputNames.setting("n_centroids", params.nCentroids()));
    }

    private static boolean given(String key) {
        return key != null && !key.isEmpty();
    }
}
