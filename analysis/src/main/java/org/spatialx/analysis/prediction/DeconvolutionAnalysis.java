package org.spatialx.analysis.prediction;

import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.SpatialXOnly;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;

/**
 * {@code analysis.prediction.deconvolution(model_id, title=None, n_cells_per_location=30,
 * detection_alpha=20)}: cell type abundances per spot from a trained reference model (cell2location's
 * parameters; models listed by {@code list_deconvolution_models()}). Runs on SpatialX.
 */
@Extension
public final class DeconvolutionAnalysis extends DeclaredAnalysis<DeconvolutionAnalysis.Params> {

    /** Why deconvolution and its model listing need SpatialX. */
    static final String WHY = "it applies cell2location models trained on SpatialX's reference atlases, which a"
            + " local server does not have";
    /** What to do locally instead. */
    static final String INSTEAD = "locally, prediction.metadata_reference names clusters from a reference you give"
            + " (reference=, reference_label=) or from bundled marker genes";

    /**
     * The answer a local server gives to {@code list_deconvolution_models()} (protocol 7.2): the models
     * live on SpatialX.
     */
    public static final String LIST_MODELS_LOCALLY = SpatialXOnly.message("list_deconvolution_models", WHY, INSTEAD);

    /**
     * The wire params (protocol 7.2).
     *
     * @param modelId           the reference model
     * @param name              the call's title
     * @param nCellsPerLocation the expected number of cells per spot
     * @param detectionAlpha    the regularisation of the per-spot detection sensitivity
     */
    public record Params(@Required String modelId, String name, Integer nCellsPerLocation, Double detectionAlpha) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, null, 30, 20.0);
        }
    }

    /** The kind's declaration. */
    public DeconvolutionAnalysis() {
        super(AnalysisGroups.PREDICTION, "deconvolution", "Deconvolution", "deconvolution", "prediction",
                Params.defaults(), "Cell type deconvolution of spots with a reference model (runs on SpatialX)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("model_id", params.modelId());
        ParamChecks.requiredAtLeast("n_cells_per_location", params.nCellsPerLocation(), 1);
        ParamChecks.requiredPositive("detection_alpha", params.detectionAlpha());
    }

    /** Says in the log and as the error that deconvolution runs on SpatialX. */
    /** Runs on SpatialX only: {@link #run} just says why and what to use locally instead. */
    @Override
    public boolean runsLocally() {
        return false;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        throw SpatialXOnly.refuse(context, "prediction.deconvolution", WHY, INSTEAD);
    }

    /** The Python SDK does not append extra keyword arguments (such as {@code data_id}) to these params. */
    @Override
    public boolean extraKeywordsInParams() {
        return false;
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("Deconvolution", OutputNames.setting("n_cells_per_location", params.nCellsPerLocation()),
                OutputNames.setting("detection_alpha", params.detectionAlpha()));
    }
}
