package org.spatialx.analysis.pca;

import org.spatialx.api.data.DenseMatrix;

/**
 * Principal components of a scaled expression matrix.
 *
 * @param scores                 one row per cell, one column per component (scanpy's {@code X_pca})
 * @param loadings               one row per gene, one column per component (scanpy's {@code varm["PCs"]})
 * @param explainedVariance      variance of each component ({@code s^2 / (cells - 1)})
 * @param explainedVarianceRatio that variance over the total variance of the scaled matrix
 */
public record PcaResult(DenseMatrix scores, DenseMatrix loadings, double[] explainedVariance,
        double[] explainedVarianceRatio) {

    /** Number of components. */
    public int components() {
        return explainedVariance.length;
    }
}
