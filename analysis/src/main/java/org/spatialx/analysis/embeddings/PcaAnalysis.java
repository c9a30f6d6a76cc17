package org.spatialx.analysis.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;
import org.spatialx.analysis.integration.BatchLabels;
import org.spatialx.analysis.integration.Harmony;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.pca.PcaResult;
import org.spatialx.analysis.pca.RandomizedPca;
import org.spatialx.analysis.preprocess.GeneStatistics;
import org.spatialx.analysis.preprocess.HighlyVariableGenes;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * {@code analysis.embeddings.pca}: principal components of the normalised expression (protocol
 * 7.2). Counts are normalised per {@code normalize_method}, restricted to the {@code n_top_genes}
 * highly variable genes (all genes when null), scaled per gene to unit variance and decomposed by
 * randomized PCA into 50 components (fewer for small tables); with a {@code batch_key} the
 * components are integrated across batches by Harmony. The result is an embedding (obsm) named
 * after the title. docs/analysis.md says what differs from scanpy.
 */
@Extension
public final class PcaAnalysis implements Analysis<PcaAnalysis.Params> {

    /**
     * The wire params, in protocol order.
     *
     * @param normalizeMethod how counts are normalised ({@code normalize_method})
     * @param name            the call's title
     * @param batchKey        a per-cell column naming each cell's batch, or null for no integration
     * @param nTopGenes       how many highly variable genes PCA uses, or null for every gene
     */
    public record Params(NormalizeMethod normalizeMethod, String name, String batchKey, Integer nTopGenes) {

        /** The Python defaults: {@code log1p-normalized}, no title, no batch, every gene. */
        public static Params defaults() {
            return new Params(NormalizeMethod.LOG1P_NORMALIZE, null, null, null);
        }
    }

    @Override
    public String group() {
        return AnalysisGroups.EMBEDDINGS;
    }

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public String defaultTitle() {
        return "PCA";
    }

    @Override
    public String groupType() {
        return "embedding";
    }

    @Override
    public String subType(Params params) {
        return "PCA";
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
        return "PCA of the normalised expression (50 components), optionally integrated across batches by Harmony";
    }

    @Override
    public void validate(Params params) {
        if (params.normalizeMethod() == null) {
            throw new AnalysisException("embeddings.pca needs a normalize_method: log1p-normalized, sqrt-normalized or raw");
        }
        if (params.nTopGenes() != null && params.nTopGenes() < 2) {
            throw new AnalysisException("embeddings.pca: n_top_genes must be at least 2 (or None for every gene), got "
                    + params.nTopGenes());
        }
        if (params.batchKey() != null && params.batchKey().isBlank()) {
            throw new AnalysisException("embeddings.pca: batch_key is blank; pass the name of a metadata column or None");
        }
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        ExpressionMatrix counts = input.counts();
        BatchLabels batches = params.batchKey() == null ? null
                : BatchLabels.of(params.batchKey(), input.obs(params.batchKey()));
        if (counts.cellCount() < 3 || counts.geneCount() < 2) {
            throw new AnalysisException("embeddings.pca needs at least 3 cells and 2 genes; data set " + input.dataId()
                    + " has " + counts.cellCount() + " cells and " + counts.geneCount() + " genes");
        }
        try (Workers workers = Workers.of(context)) {
            context.progress("normalize", 0);
            Normalization normalization = Normalization.of(params.normalizeMethod());
            context.checkCancelled();
            int[] genes = selectGenes(counts, normalization, params.nTopGenes(), workers, context);
            context.progress("scale", 0.1);
            ScaledExpression scaled = ScaledExpression.of(counts, normalization, genes, workers);
            int components = RandomizedPca.defaultComponents(scaled.cells(), scaled.genes());
            double pcaShare = batches == null ? 0.85 : 0.6;
            context.progress("pca", 0.15);
            PcaResult pca = RandomizedPca.fit(scaled, RandomizedPca.Options.of(components, context.seed()), workers,
                    fraction -> context.progress("pca", 0.15 + pcaShare * fraction));
            List<String> summary = new ArrayList<>();
            DenseMatrix embedding = pca.scores();
            summary.add(String.format(Locale.ROOT, "PCA: %d components of %,d genes over %,d cells (%s)",
                    components, scaled.genes(), scaled.cells(), params.normalizeMethod().value()));
            summary.add(varianceLine(pca));
            if (batches != null && batches.count() > 1) {
                context.progress("harmony", 0.15 + pcaShare);
                Harmony.Result harmony = Harmony.integrate(embedding, batches.codes(), batches.count(),
                        Harmony.Options.defaults(context.seed()), workers,
                        fraction -> context.progress("harmony", 0.15 + pcaShare + (0.85 - pcaShare) * fraction));
                embedding = harmony.corrected();
                summary.add(String.format(Locale.ROOT,
                        "Harmony on batch_key '%s': %d batches, %d clusters, %d rounds%s", params.batchKey(),
                        batches.count(), harmony.clusters(), harmony.rounds(),
                        harmony.converged() ? " (converged)" : " (round limit reached)"));
            } else if (batches != null) {
                summary.add("batch_key '" + params.batchKey() + "' has one batch: nothing to integrate");
            }
            context.progress("done", 1);
            AnalysisResult.Builder result = AnalysisResult.builder().embedding(context.outputName(), embedding);
            for (String line : summary) {
                context.log(line);
                result.summary(line);
            }
            return result.build();
        }
    }

    private static int[] selectGenes(ExpressionMatrix counts, Normalization normalization, Integer nTopGenes,
            Workers workers, AnalysisContext context) {
        if (nTopGenes == null || nTopGenes >= counts.geneCount()) {
            int[] all = new int[counts.geneCount()];
            java.util.Arrays.setAll(all, i -> i);
            context.log(String.format(Locale.ROOT, "PCA on every gene (%,d)", all.length));
            return all;
        }
        context.progress("highly variable genes", 0.02);
        GeneStatistics statistics = GeneStatistics.ofNormalized(counts, normalization, workers);
        int[] selected = HighlyVariableGenes.select(statistics, nTopGenes).selected();
        context.log(String.format(Locale.ROOT, "PCA on %,d highly variable genes of %,d (seurat flavour, n_top_genes=%d)",
                selected.length, counts.geneCount(), nTopGenes));
        return selected;
    }

    private static String varianceLine(PcaResult pca) {
        StringBuilder line = new StringBuilder("explained variance ratio:");
        double total = 0;
        for (int c = 0; c < pca.components(); c++) {
            total += pca.explainedVarianceRatio()[c];
            if (c < 10) {
                line.append(String.format(Locale.ROOT, " PC%d %.4f", c + 1, pca.explainedVarianceRatio()[c]));
            }
        }
        if (pca.components() > 10) {
            line.append(" ...");
        }
        return line.append(String.format(Locale.ROOT, " (total %.4f)", total)).toString();
    }
}
