package org.spatialx.analysis.embeddings;

import org.pf4j.Extension;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;

/**
 * {@code analysis.embeddings.scvi(n_latents=20, title=None, batch_key=None, n_top_genes=2000)}: an scVI
 * latent space. Runs on SpatialX (no local implementation: scVI trains a neural network).
 */
@Extension
public final class ScviAnalysis implements Analysis<ScviAnalysis.Params> {

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

    @Override
    public String group() {
        return AnalysisGroups.EMBEDDINGS;
    }

    @Override
    public String name() {
        return "scvi";
    }

    @Override
    public String defaultTitle() {
        return "scVI";
    }

    @Override
    public String groupType() {
        return "embedding";
    }

    @Override
    public String subType(Params params) {
        return "scVI";
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
        return "scVI latent embedding (runs on SpatialX)";
    }

    @Override
    public void validate(Params params) {
        ParamChecks.required("n_latents", params.nLatents());
        ParamChecks.atLeast("n_latents", params.nLatents(), 1);
        ParamChecks.atLeast("n_top_genes", params.nTopGenes(), 1);
    }

    /** SpatialX writes the number of genes it used ({@code 486 top genes} on a 486-gene panel); this is the request's. */
    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("scVI", params.nLatents() + " latents",
                params.nTopGenes() == null ? "all genes" : params.nTopGenes() + " top genes");
    }
}
