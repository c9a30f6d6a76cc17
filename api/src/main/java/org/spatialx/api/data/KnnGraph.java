package org.spatialx.api.data;

import java.util.Objects;

/**
 * The {@code k} nearest neighbours of every cell (itself excluded), nearest first: neighbour
 * {@code j} of cell {@code i} is {@code indices[i*k + j]} at {@code distances[i*k + j]}.
 *
 * @param cells     number of cells
 * @param k         neighbours per cell
 * @param indices   {@code cells * k} neighbour indices
 * @param distances {@code cells * k} distances (Euclidean unless the producer says otherwise)
 */
public record KnnGraph(int cells, int k, int[] indices, double[] distances) {

    /** Checks the array lengths. */
    public KnnGraph {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(distances, "distances");
        if ((long) cells * k != indices.length || indices.length != distances.length) {
            throw new IllegalArgumentException("A kNN graph of " + cells + " cells and k = " + k + " needs "
                    + ((long) cells * k) + " indices and distances, got " + indices.length + " and "
                    + distances.length);
        }
    }

    /** Neighbour {@code j} of {@code cell}. */
    public int neighbour(int cell, int j) {
        return indices[cell * k + j];
    }

    /** Distance to neighbour {@code j} of {@code cell}. */
    public double distance(int cell, int j) {
        return distances[cell * k + j];
    }
}
