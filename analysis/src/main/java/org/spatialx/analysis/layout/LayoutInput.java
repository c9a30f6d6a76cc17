package org.spatialx.analysis.layout;

import java.util.Locale;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.data.DenseMatrix;

/** The checks UMAP and t-SNE run on the embedding they lay out, each failing with a message that names the fix. */
public final class LayoutInput {

    private LayoutInput() {
    }

    /**
     * The embedding {@code key} of {@code input}, checked: it exists (the message lists those that do),
     * has at least one dimension, more than {@code neighbours} cells and only finite values.
     *
     * @param call       the call, for messages ({@code embeddings.umap})
     * @param neighbours the neighbours per cell the layout needs, named {@code n_neighbors} in messages
     */
    public static DenseMatrix embedding(String call, AnalysisInput input, String key, int neighbours) {
        if (!input.embeddingKeys().contains(key)) {
            throw new AnalysisException(call + ": data set " + input.dataId() + " has no embedding '" + key
                    + "'; its embeddings are: " + (input.embeddingKeys().isEmpty()
                    ? "(none; run embeddings.pca first)" : String.join(", ", input.embeddingKeys())));
        }
        DenseMatrix points = input.embedding(key);
        if (points.cols() == 0) {
            throw new AnalysisException(call + ": embedding '" + key + "' has no dimensions.");
        }
        if (neighbours >= points.rows()) {
            throw new AnalysisException(String.format(Locale.ROOT, "%s: n_neighbors=%d needs more than %d cells;"
                    + " data set %s has %d. Pass a smaller n_neighbors.", call, neighbours, neighbours,
                    input.dataId(), points.rows()));
        }
        double[] values = points.values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new AnalysisException(call + ": embedding '" + key + "' has a missing or infinite value at cell "
                        + i / points.cols() + ", dimension " + i % points.cols()
                        + "; a layout needs finite coordinates for every cell.");
            }
        }
        return points;
    }
}
