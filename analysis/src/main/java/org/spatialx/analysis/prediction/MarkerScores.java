package org.spatialx.analysis.prediction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which reference cell type each cluster is, from marker genes. Each gene's cluster means are
 * standardised across clusters (z-scores; a gene equal in every cluster scores 0); a cell type's score
 * in a cluster is the weighted sum of its markers' z-scores divided by the root of the summed squared
 * weights (Stouffer's combination, so types with more markers found are not favoured by their number
 * alone), a marker weighing {@code 1 / sqrt(number of types listing it)} (specific markers count more,
 * as in scType). Only types with at least {@value #MIN_MARKERS} markers in the data compete; a cluster
 * whose best score is not positive is {@value #UNASSIGNED}. At the major level, a major type scores as
 * its best sub type (a union of all its sub types' markers would drown the few that fit).
 */
final class MarkerScores {

    static final int MIN_MARKERS = 2;
    static final String UNASSIGNED = "Unassigned";

    private MarkerScores() {
    }

    /** The marker genes of {@code reference} found in {@code geneNames} (case-insensitive), as column indices. */
    static Map<String, Integer> panel(List<String> geneNames) {
        Map<String, Integer> columns = new HashMap<>();
        for (int g = 0; g < geneNames.size(); g++) {
            columns.putIfAbsent(geneNames.get(g).toUpperCase(Locale.ROOT), g);
        }
        return columns;
    }

    /**
     * The prediction of every cluster.
     *
     * @param profiles cluster means of the genes {@code genes} (column indices of the data, in profile order)
     * @param columns  upper-case gene name to column index of the data
     */
    static List<Prediction> predict(MarkerReference reference, ClusterProfiles profiles, int[] genes,
            Map<String, Integer> columns, boolean major) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int k = 0; k < genes.length; k++) {
            position.put(genes[k], k);
        }
        int clusters = profiles.groups();
        double[] z = new double[clusters * genes.length];
        for (int k = 0; k < genes.length; k++) {
            double mean = 0;
            for (int c = 0; c < clusters; c++) {
                mean += profiles.mean(c, k);
            }
            mean /= clusters;
            double variance = 0;
            for (int c = 0; c < clusters; c++) {
                variance += (profiles.mean(c, k) - mean) * (profiles.mean(c, k) - mean);
            }
            double sd = Math.sqrt(variance / Math.max(1, clusters - 1));
            for (int c = 0; c < clusters; c++) {
                z[c * genes.length + k] = sd > 0 ? (profiles.mean(c, k) - mean) / sd : 0;
            }
        }
        Map<String, Integer> listings = new HashMap<>();
        for (MarkerReference.CellType type : reference.types()) {
            for (String marker : type.markers()) {
                listings.merge(marker, 1, Integer::sum);
            }
        }
        List<Prediction> predictions = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            String best = UNASSIGNED;
            String second = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            double secondScore = Double.NEGATIVE_INFINITY;
            int bestMarkers = 0;
            Map<String, Double> scores = new LinkedHashMap<>();
            Map<String, Integer> evidence = new HashMap<>();
            for (MarkerReference.CellType type : reference.types()) {
                double sum = 0;
                double squares = 0;
                int found = 0;
                for (String marker : type.markers()) {
                    Integer column = columns.get(marker);
                    Integer k = column == null ? null : position.get(column);
                    if (k != null) {
                        double weight = 1 / Math.sqrt(listings.get(marker));
                        sum += weight * z[c * genes.length + k];
                        squares += weight * weight;
                        found++;
                    }
                }
                if (found < MIN_MARKERS) {
                    continue;
                }
                double score = sum / Math.sqrt(squares);
                String name = major ? type.major() : type.name();
                if (score > scores.getOrDefault(name, Double.NEGATIVE_INFINITY)) {
                    scores.put(name, score);
                    evidence.put(name, found);
                }
            }
            for (Map.Entry<String, Double> entry : scores.entrySet()) {
                double score = entry.getValue();
                if (score > bestScore) {
                    second = best;
                    secondScore = bestScore;
                    best = entry.getKey();
                    bestScore = score;
                    bestMarkers = evidence.get(entry.getKey());
                } else if (score > secondScore) {
                    second = entry.getKey();
                    secondScore = score;
                }
            }
            if (!(bestScore > 0)) {
                predictions.add(new Prediction(UNASSIGNED, Double.isFinite(bestScore) ? bestScore : Double.NaN,
                        best.equals(UNASSIGNED) ? null : best, Double.isFinite(bestScore) ? bestScore : Double.NaN,
                        bestMarkers));
            } else {
                predictions.add(new Prediction(best, bestScore, second == null || second.equals(UNASSIGNED) ? null
                        : second, Double.isFinite(secondScore) ? secondScore : Double.NaN, bestMarkers));
            }
        }
        return predictions;
    }
}
