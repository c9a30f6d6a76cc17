package org.spatialx.analysis.spatial;

import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.pca.RandomizedPca;
import org.spatialx.analysis.preprocess.GeneStatistics;
import org.spatialx.analysis.preprocess.HighlyVariableGenes;
import org.spatialx.analysis.preprocess.ScaledExpression;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * The expression profile of each cell that region segmentation averages over neighbourhoods: the
 * principal components of the log-normalised counts (scanpy's {@code normalize_total} to 1e4 then
 * {@code log1p}), scaled per gene, on the {@value #TOP_GENES} most variable genes when there are more
 * (seurat flavour, as {@code embeddings.pca}), every gene of a smaller panel otherwise.
 */
final class ExpressionComponents {

    static final int COMPONENTS = 30;
    static final int TOP_GENES = 2_000;

    private ExpressionComponents() {
    }

    /** {@code cells x min(30, cells - 1, genes - 1)} principal component scores of {@code counts}. */
    static DenseMatrix of(ExpressionMatrix counts, long seed, Workers workers, DoubleConsumer progress) {
        Normalization normalization = Normalization.of(NormalizeMethod.LOG1P_NORMALIZE);
        int[] genes;
        if (counts.geneCount() > TOP_GENES) {
            genes = HighlyVariableGenes.select(GeneStatistics.ofNormalized(counts, normalization, workers), TOP_GENES)
                    .selected();
        } else {
            genes = new int[counts.geneCount()];
            Arrays.setAll(genes, g -> g);
        }
        ScaledExpression scaled = ScaledExpression.of(counts, normalization, genes, workers);
        int components = Math.min(COMPONENTS, RandomizedPca.defaultComponents(counts.cellCount(), genes.length));
        return RandomizedPca.fit(scaled, RandomizedPca.Options.of(components, seed), workers, progress).scores();
    }
}
