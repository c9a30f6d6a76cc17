package org.spatialx.formats.matrix;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.List;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/** Reads {@code X} of an AnnData {@code .h5ad} (CSR, CSC or dense) with {@code obs} and {@code var} names. */
public final class H5adMatrix {

    private H5adMatrix() {
    }

    /** {@code X} as cells (obs) x genes (var). */
    public static ExpressionMatrix read(Path file) {
        ChunkInflater.prepare(); // loads the native inflater while the file is opened
        try (HdfFile hdf = new HdfFile(file)) {
            List<String> obs = Hdf5Arrays.strings(hdf, file, "/obs/" + indexName(hdf, "/obs"));
            List<String> var = Hdf5Arrays.strings(hdf, file, "/var/" + indexName(hdf, "/var"));
            Node x = hdf.getByPath("/X");
            if (x instanceof Dataset dense) {
                return denseMatrix(file, dense, obs, var);
            }
            String encoding = attribute(x, "encoding-type", "csr_matrix");
            int[] indptr = Hdf5Arrays.ints(hdf, file, "/X/indptr");
            int[] indices = Hdf5Arrays.ints(hdf, file, "/X/indices");
            MatrixValues data = Hdf5Arrays.values(hdf, file, "/X/data");
            if (encoding.equals("csr_matrix")) {
                return new ExpressionMatrix(obs, var, var, indptr, indices, data);
            }
            if (!encoding.equals("csc_matrix")) {
                throw new IllegalArgumentException(file + ": X has encoding '" + encoding
                        + "'; expected csr_matrix, csc_matrix or a dense array");
            }
            SparseBuilder builder = new SparseBuilder();
            for (int gene = 0; gene < var.size(); gene++) {
                for (int i = indptr[gene]; i < indptr[gene + 1]; i++) {
                    builder.add(indices[i], gene, data.get(i));
                }
            }
            SparseBuilder.Csr csr = builder.build(obs.size());
            return new ExpressionMatrix(obs, var, var, csr.indptr(), csr.indices(), csr.values());
        }
    }

    /**
     * The obsm entry {@code key} (e.g. {@code spatial}) as a cells x dims matrix of doubles, or empty
     * when the file has no such entry.
     */
    public static java.util.Optional<org.spatialx.api.data.DenseMatrix> obsm(Path file, String key) {
        try (HdfFile hdf = new HdfFile(file)) {
            String path = "/obsm/" + key;
            if (!Hdf5Arrays.exists(hdf, path) || !(hdf.getByPath(path) instanceof Dataset dataset)) {
                return java.util.Optional.empty();
            }
            int[] dims = dataset.getDimensions();
            if (dims.length != 2) {
                throw new IllegalArgumentException(file + ": obsm/" + key + " has " + dims.length
                        + " dimensions; expected cells x dims");
            }
            Object data = dataset.getData();
            double[] values = new double[dims[0] * dims[1]];
            for (int r = 0; r < dims[0]; r++) {
                Object row = java.lang.reflect.Array.get(data, r);
                for (int c = 0; c < dims[1]; c++) {
                    values[r * dims[1] + c] = ((Number) java.lang.reflect.Array.get(row, c)).doubleValue();
                }
            }
            return java.util.Optional.of(new org.spatialx.api.data.DenseMatrix(dims[0], dims[1], values));
        }
    }

    private static ExpressionMatrix denseMatrix(Path file, Dataset dense, List<String> obs, List<String> var) {
        Object data = dense.getData();
        if (!(data instanceof Object[] rows) || rows.length != obs.size()) {
            throw new IllegalArgumentException(file + ": dense X is not " + obs.size() + " x " + var.size());
        }
        SparseBuilder builder = new SparseBuilder();
        for (int cell = 0; cell < rows.length; cell++) {
            Object row = rows[cell];
            for (int gene = 0; gene < var.size(); gene++) {
                builder.add(cell, gene, ((Number) java.lang.reflect.Array.get(row, gene)).doubleValue());
            }
        }
        SparseBuilder.Csr csr = builder.build(obs.size());
        return new ExpressionMatrix(obs, var, var, csr.indptr(), csr.indices(), csr.values());
    }

    private static String indexName(HdfFile hdf, String group) {
        return attribute(hdf.getByPath(group), "_index", "_index");
    }

    private static String attribute(Node node, String name, String fallback) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            return fallback;
        }
        Object value = attribute.getData();
        return value == null ? fallback : String.valueOf(value);
    }
}
