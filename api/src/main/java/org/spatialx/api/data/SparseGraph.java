package org.spatialx.api.data;

import java.util.Objects;

/**
 * A weighted graph over cells in compressed sparse rows: the edges of cell {@code i} go to
 * {@code indices[indptr[i] .. indptr[i+1])} with the same range of {@code weights}. A neighbour
 * graph's connectivities (scanpy's {@code obsp["connectivities"]}) or a spatial weight matrix.
 *
 * @param cells   number of cells
 * @param indptr  row pointers, length {@code cells + 1}
 * @param indices target cell of each edge
 * @param weights weight of each edge
 */
public record SparseGraph(int cells, int[] indptr, int[] indices, double[] weights) {

    /** Checks that the arrays agree. */
    public SparseGraph {
        Objects.requireNonNull(indptr, "indptr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(weights, "weights");
        if (indptr.length != cells + 1 || indices.length != weights.length || indptr[cells] != indices.length) {
            throw new IllegalArgumentException("Inconsistent sparse graph: " + cells + " cells, indptr "
                    + indptr.length + ", " + indices.length + " indices, " + weights.length + " weights");
        }
    }

    /** Number of stored edges. */
    public int edgeCount() {
        return indices.length;
    }
}
