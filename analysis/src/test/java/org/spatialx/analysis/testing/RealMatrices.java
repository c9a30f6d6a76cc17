package org.spatialx.analysis.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.matrix.H5adMatrix;
import org.spatialx.formats.matrix.TenxH5Matrix;
import org.spatialx.formats.matrix.TranscriptCounts;

/**
 * Real expression matrices for the comparisons, read with the instrument readers: the bundled
 * examples (permissive licences, examples/data/NOTICE.md) and, when present, the larger CosMx
 * breast cancer set of ../shared/testdata.
 */
public final class RealMatrices {

    private RealMatrices() {
    }

    public static Path bundled(String relative) {
        Path path = Path.of(System.getProperty("spatialx.examples.dir", "../examples/data"), relative)
                .toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("Bundled example data missing: " + path);
        }
        return path;
    }

    /** Xenium XOA 1.x toy, 526 cells (bundled, Artistic-2.0). */
    public static ExpressionMatrix xeniumToy() {
        return TenxH5Matrix.read(bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_feature_matrix.h5"));
    }

    /** CosMx lung, FOVs 2-3: 120 cells x 980 genes counted from the transcripts (bundled, MIT). */
    public static ExpressionMatrix cosmxLung() throws IOException {
        return TranscriptCounts.aggregate(bundled("cosmx/Lung12_GiottoData_mini_fov2-3/Lung12_tx_file.csv"));
    }

    /** squidpy's Visium mouse brain subset: 49 spots x 1,999 genes, log-normalised values (bundled, BSD-3-Clause). */
    public static ExpressionMatrix squidpyVisium() {
        return H5adMatrix.read(bundled("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"));
    }

    /**
     * CosMx breast cancer FOV 16 of DBKERO (SpaceTrooper): 905 cells x 1,010 targets, the largest real
     * matrix available; GPL, so read from ../shared/testdata and skipped when absent.
     */
    public static ExpressionMatrix cosmxBreast() {
        Path file = Path.of(System.getProperty("spatialx.shared.dir", "../../shared"), "testdata",
                "cosmx/DBKero_Breast_Case2_fov16_SpaceTrooper/DBKero_exprMat_file.csv").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), "The CosMx breast cancer matrix is not bundled and not found at " + file
                + " (set -Dspatialx.shared.dir to the folder holding testdata/)");
        return DelimitedMatrix.readCosmxExprMat(file);
    }

    /** The normalised counts as a dense cells x genes matrix (small real matrices only). */
    public static DenseMatrix denseNormalized(ExpressionMatrix counts, Normalization normalization) {
        DenseMatrix dense = DenseMatrix.zeros(counts.cellCount(), counts.geneCount());
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            double divisor = normalization.divisor(counts.cellTotal(cell));
            for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                dense.set(cell, counts.indices()[i], normalization.apply(counts.values().get(i), divisor));
            }
        }
        return dense;
    }
}
