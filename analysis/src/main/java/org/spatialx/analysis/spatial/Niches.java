package org.spatialx.analysis.spatial;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of niches: average-linkage (UPGMA) hierarchical clustering of the niches' mean compositions,
 * Euclidean; niches are numbered in the order of the dendrogram's leaves, so niches of similar
 * composition get neighbouring numbers. Merges join the closest pair (the lower indices on ties); the
 * cluster holding the lower-numbered centre goes left.
 */
final class Niches {

    private Niches() {
    }

    /** The leaf order of the dendrogram of {@code k} centres of dimension {@code d} ({@code k x d}, row-major). */
    static int[] dendrogramOrder(double[] centres, int k, int d) {
        List<List<Integer>> members = new ArrayList<>();
        double[][] distance = new double[k][k];
        for (int a = 0; a < k; a++) {
            members.add(new ArrayList<>(List.of(a)));
            for (int b = 0; b < a; b++) {
                double squared = 0;
                for (int c = 0; c < d; c++) {
                    double diff = centres[a * d + c] - centres[b * d + c];
                    squared += diff * diff;
                }
                distance[a][b] = Math.sqrt(squared);
                distance[b][a] = distance[a][b];
            }
        }
        boolean[] alive = new boolean[k];
        java.util.Arrays.fill(alive, true);
        for (int merges = 0; merges < k - 1; merges++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; alive[a] && b < k; b++) {
                    if (alive[b] && distance[a][b] < best) {
                        best = distance[a][b];
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            int sizeA = members.get(bestA).size();
            int sizeB = members.get(bestB).size();
            for (int c = 0; c < k; c++) {
                if (alive[c] && c != bestA && c != bestB) {
                    double merged = (sizeA * distance[bestA][c] + sizeB * distance[bestB][c]) / (sizeA + sizeB);
                    distance[bestA][c] = merged;
                    distance[c][bestA] = merged;
                }
            }
            members.get(bestA).addAll(members.get(bestB));
            alive[bestB] = false;
        }
        for (int a = 0; a < k; a++) {
            if (alive[a]) {
                return members.get(a).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return new int[0];
    }
}
