package org.spatialx.api.data;

import java.util.List;
import java.util.Objects;

/**
 * A sparse cells x genes count matrix in compressed sparse rows: the non-zero values of cell
 * {@code c} are {@code values[indptr[c] .. indptr[c+1])} at gene columns {@code indices[...]}.
 *
 * @param cellIds   one id per row (barcode, cell id)
 * @param geneIds   one id per column (Ensembl id, or the gene name when the file has no ids)
 * @param geneNames one display name per column
 * @param indptr    row pointers, length cells + 1
 * @param indices   gene column of each stored value
 * @param values    the stored values, in the element type the file holds (int counts stay int)
 */
public record ExpressionMatrix(List<String> cellIds, List<String> geneIds, List<String> geneNames, int[] indptr,
        int[] indices, MatrixValues values) {

    /** Checks that the arrays agree with each other. */
    public ExpressionMatrix {
        cellIds = List.copyOf(cellIds);
        geneIds = List.copyOf(geneIds);
        geneNames = List.copyOf(geneNames);
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(values, "values");
        if (indptr.length != cellIds.size() + 1 || indices.length != values.size()
                || indptr[indptr.length - 1] != values.size() || geneNames.size() != geneIds.size()) {
            throw new IllegalArgumentException("Inconsistent sparse matrix: " + cellIds.size() + " cells, "
                    + geneIds.size() + " genes, indptr " + indptr.length + ", " + values.size() + " values");
        }
    }

    /** Number of cells (rows). */
    public int cellCount() {
        return cellIds.size();
    }

    /** Number of genes (columns). */
    public int geneCount() {
        return geneIds.size();
    }

    /** Number of stored values. */
    public int nonZeroCount() {
        return values.size();
    }

    /** Sum of every value. */
    public double total() {
        return values.sum();
    }

    /** Sum of one cell's values. */
    public double cellTotal(int cell) {
        return values.sum(indptr[cell], indptr[cell + 1]);
    }

    /** The value at ({@code cell}, {@code gene}); 0 when not stored. */
    public double get(int cell, int gene) {
        for (int i = indptr[cell]; i < indptr[cell + 1]; i++) {
            if (indices[i] == gene) {
                return values.get(i);
            }
        }
        return 0;
    }
}
