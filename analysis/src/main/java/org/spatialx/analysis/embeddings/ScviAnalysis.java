package org.spatialx.analysis.embeddings;

import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.SpatialXOnly;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;

/**
 * {@code analysis.embeddings.scvi(n_latents=20, title=None, batch_key=None, n_top_genes=2000)}: an scVI
 * latent space. Runs on SpatialX (no local implementation: scVI trains a neural network).
 */
@Extension
public final class ScviAnalysis extends DeclaredAnalysis<ScviAnalysis.Params> {

    /**
     * The wire params (protocol 7.2).
     *
     * @param nLatents  dimensions of the latent space
     * @param name      the call's title
     * @param batchKey  an obs column whose batches scVI corrects for, or none
     * @param nTopGenes how many highly variable genes it trains on, or all genes when null
     */
    public record Params(Integer nLatents, String name, String batchKey, Integer nTopGenes) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(20, null, null, 2000);
        }
    }

    /** The kind's declaration. */
    public ScviAnalysis() {
        super(AnalysisGroups.EMBEDDINGS, "scvi", "scVI", "scVI", "embedding",
                Params.defaults(), "scVI latent embedding (runs on SpatialX)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredAtLeast("n_latents", params.nLatents(), 1);
        ParamChecks.atLeast("n_top_genes", params.nTopGenes(), 1);
    }

    /** Says in the log and as the error that scVI runs on SpatialX (no JVM implementation of its training). */
    /** Runs on SpatialX only: {@link #run} just says why and what to use locally instead. */
    @Override
    public boolean runsLocally() {
        return false;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        throw SpatialXOnly.refuse(context, "embeddings.scvi", "scVI trains a variational autoencoder with"
                + " scvi-tools (PyTorch), which this local server does not have", "locally, embeddings.pca with a"
                + " batch_key integrates batches with Harmony");
    }

    /** The requested number of genes; SpatialX writes the number it used ({@code 486 top genes} on a 486-gene panel). */
    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("scVI", params.nLatents() + " latents",
                params.nTopGenes() == null ? "all genes" : params.nTopGenes() + " top genes");
    }
}
