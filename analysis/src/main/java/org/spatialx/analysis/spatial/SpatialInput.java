package org.spatialx.analysis.spatial;

import java.util.Locale;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.data.DenseMatrix;

/** What the spatial analyses check in their input and how they report region or niche sizes. */
final class SpatialInput {

    private SpatialInput() {
    }

    /** The cell centres in microns, one (x, y) row per cell, all finite. */
    static DenseMatrix positions(String call, AnalysisInput input) {
        DenseMatrix positions = input.spatial();
        if (positions.rows() != input.cellCount() || positions.cols() < 2) {
            throw new AnalysisException(call + ": data set " + input.dataId() + " has " + positions.rows() + " x "
                    + positions.cols() + " spatial coordinates for " + input.cellCount() + " cells; it needs an (x, y)"
                    + " centre for every cell.");
        }
        for (int i = 0; i < positions.rows(); i++) {
            if (!Double.isFinite(positions.get(i, 0)) || !Double.isFinite(positions.get(i, 1))) {
                throw new AnalysisException(call + ": cell " + i + " of data set " + input.dataId()
                        + " has no finite spatial position (" + positions.get(i, 0) + ", " + positions.get(i, 1)
                        + ").");
            }
        }
        return positions;
    }

    /** The first 20 sizes, then an ellipsis. */
    static String sizes(int[] sizes) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < Math.min(sizes.length, 20); c++) {
            text.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d", sizes[c]));
        }
        return sizes.length > 20 ? text.append(", ...").toString() : text.toString();
    }
}
