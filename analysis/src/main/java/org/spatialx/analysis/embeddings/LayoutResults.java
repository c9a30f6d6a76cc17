package org.spatialx.analysis.embeddings;

import java.util.Locale;
import org.spatialx.analysis.layout.NeighbourPreservation;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.KnnGraph;

/** How a two-dimensional layout (UMAP, t-SNE) ends: its kNN preservation measured, both lines logged, the embedding stored. */
final class LayoutResults {

    private LayoutResults() {
    }

    /**
     * The result storing {@code layout} under the output name, after logging {@code layoutLine} and the share of
     * each cell's {@code k} nearest neighbours in the input ({@code knn}) that stay among its {@code k} nearest in
     * the layout ({@code method} names it in that line).
     */
    static AnalysisResult of(String method, String layoutLine, DenseMatrix layout, KnnGraph knn, int k,
            AnalysisContext context, Workers workers) {
        context.progress("neighbour preservation", 0.95);
        double preservation = NeighbourPreservation.of(knn, layout, k, context.seed(), workers);
        String preservationLine = String.format(Locale.ROOT, "kNN preservation %.3f: share of the %d nearest"
                + " neighbours in the embedding that stay among the %d nearest in the %s (%,d sampled cells)",
                preservation, k, k, method, Math.min(NeighbourPreservation.SAMPLE, layout.rows()));
        context.log(layoutLine);
        context.log(preservationLine);
        context.progress("done", 1);
        return AnalysisResult.builder()
                .embedding(context.outputName(), layout)
                .summary(layoutLine)
                .summary(preservationLine)
                .build();
    }
}
