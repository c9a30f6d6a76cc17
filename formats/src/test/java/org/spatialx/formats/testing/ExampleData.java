package org.spatialx.formats.testing;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/** Real instrument outputs bundled in examples/data (provenance and licences in examples/data/NOTICE.md). */
public final class ExampleData {

    private ExampleData() {
    }

    /** A bundled file or folder, e.g. {@code xenium/SFE_toy_Xenium_XOA1x_human_526cells}. */
    public static Path bundled(String relative) {
        String dir = System.getProperty("spatialx.examples.dir", "../examples/data");
        Path path = Path.of(dir, relative).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("Bundled example data missing: " + path);
        }
        return path;
    }

    /**
     * A 10x {@code cell_feature_matrix.h5} read with jHDF in its stored element type: the file's
     * genes x cells CSC is the cells x genes CSR of {@link ExpressionMatrix}.
     */
    public static ExpressionMatrix tenxMatrix(Path h5) {
        try (HdfFile file = new HdfFile(h5)) {
            Object data = file.getDatasetByPath("matrix/data").getData();
            MatrixValues values = switch (data) {
                case int[] ints -> new MatrixValues.Ints(ints);
                case float[] floats -> new MatrixValues.Floats(floats);
                case double[] doubles -> new MatrixValues.Doubles(doubles);
                default -> throw new IllegalStateException("matrix/data of " + h5 + " is " + data.getClass());
            };
            int[] indices = ints(file.getDatasetByPath("matrix/indices").getData());
            int[] indptr = ints(file.getDatasetByPath("matrix/indptr").getData());
            List<String> barcodes = Arrays.asList((String[]) file.getDatasetByPath("matrix/barcodes").getData());
            List<String> ids = Arrays.asList((String[]) file.getDatasetByPath("matrix/features/id").getData());
            List<String> names = Arrays.asList((String[]) file.getDatasetByPath("matrix/features/name").getData());
            return new ExpressionMatrix(barcodes, ids, names, indptr, indices, values);
        }
    }

    private static int[] ints(Object array) {
        return array instanceof long[] longs ? Arrays.stream(longs).mapToInt(Math::toIntExact).toArray() : (int[]) array;
    }
}
