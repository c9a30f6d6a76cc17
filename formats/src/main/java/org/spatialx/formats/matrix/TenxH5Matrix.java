package org.spatialx.formats.matrix;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * Reads a 10x Genomics feature-barcode matrix .h5 (Space Ranger {@code *_feature_bc_matrix.h5},
 * Xenium {@code cell_feature_matrix.h5}): {@code /matrix} holds genes x barcodes in compressed
 * sparse columns, which is exactly barcodes x genes in compressed sparse rows.
 */
public final class TenxH5Matrix {

    private TenxH5Matrix() {
    }

    /** The matrix of {@code file} as cells (barcodes) x genes. */
    public static ExpressionMatrix read(Path file) {
        ChunkInflater.prepare(); // loads the native inflater while the file is opened
        try (HdfFile hdf = new HdfFile(file)) {
            List<String> barcodes = Hdf5Arrays.strings(hdf, file, "/matrix/barcodes");
            List<String> ids;
            List<String> names;
            if (Hdf5Arrays.exists(hdf, "/matrix/features/id")) {
                ids = Hdf5Arrays.strings(hdf, file, "/matrix/features/id");
                names = Hdf5Arrays.strings(hdf, file, "/matrix/features/name");
            } else {
                // Cell Ranger 2 layout: /matrix/genes and /matrix/gene_names
                ids = Hdf5Arrays.strings(hdf, file, "/matrix/genes");
                names = Hdf5Arrays.strings(hdf, file, "/matrix/gene_names");
            }
            int[] indptr = Hdf5Arrays.ints(hdf, file, "/matrix/indptr");
            int[] indices = Hdf5Arrays.ints(hdf, file, "/matrix/indices");
            MatrixValues data = Hdf5Arrays.values(hdf, file, "/matrix/data");
            return new ExpressionMatrix(barcodes, ids, names, indptr, indices, data);
        }
    }
}
