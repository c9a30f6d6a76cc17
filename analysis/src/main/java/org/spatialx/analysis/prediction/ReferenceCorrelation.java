package org.spatialx.analysis.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * Label transfer from a labelled reference to clusters, as SingleR does it for clusters (Aran et al.
 * 2019): each reference label's mean log-normalised profile and each cluster's, over the genes both data
 * sets have (matched by name, without regard to case); the informative genes are, for each label, the
 * {@value #GENES_PER_LABEL} genes most above that label's mean in the other labels; a cluster takes the
 * label whose profile has the highest Spearman correlation with its own over the informative genes, and
 * that correlation is its score.
 */
final class ReferenceCorrelation {

    static final int GENES_PER_LABEL = 50;

    private ReferenceCorrelation() {
    }

    /** What the reference holds and what was compared, for the log. */
    record Outcome(List<Prediction> predictions, int sharedGenes, int informativeGenes, int labels) {
    }

    /**
     * The label of every cluster of {@code query} ({@code clusters} per cell, {@code 0 .. clusterCount-1})
     * from {@code reference} labelled by {@code labels}.
     *
     * @throws IllegalArgumentException when the two have fewer than 10 genes in common
     */
    static Outcome predict(ExpressionMatrix query, int[] clusters, int clusterCount, ExpressionMatrix reference,
            Column.Categorical labels, Workers workers) {
        Map<String, Integer> queryColumns = new HashMap<>();
        for (int g = 0; g < query.geneCount(); g++) {
            queryColumns.putIfAbsent(query.geneNames().get(g).toUpperCase(Locale.ROOT), g);
        }
        List<Integer> shared = new ArrayList<>();
        List<Integer> sharedQuery = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int g = 0; g < reference.geneCount(); g++) {
            String name = reference.geneNames().get(g).toUpperCase(Locale.ROOT);
            Integer column = queryColumns.get(name);
            if (column != null && seen.add(name)) {
                shared.add(g);
                sharedQuery.add(column);
            }
        }
        if (shared.size() < 10) {
            throw new IllegalArgumentException("the reference and the data set have " + shared.size()
                    + " genes in common (by name); at least 10 are needed");
        }
        int[] referenceGenes = shared.stream().mapToInt(Integer::intValue).toArray();
        int labelCount = labels.categories().size();
        ClusterProfiles profiles = ClusterProfiles.of(reference, labels.codes(), labelCount, referenceGenes, workers);
        int[] informative = informative(profiles);
        int[] queryGenes = new int[informative.length];
        int[] referenceInformative = new int[informative.length];
        for (int i = 0; i < informative.length; i++) {
            queryGenes[i] = sharedQuery.get(informative[i]);
            referenceInformative[i] = informative[i];
        }
        ClusterProfiles clusterProfiles = ClusterProfiles.of(query, clusters, clusterCount, queryGenes, workers);
        double[][] labelRanks = new double[labelCount][];
        for (int l = 0; l < labelCount; l++) {
            double[] values = new double[informative.length];
            for (int i = 0; i < informative.length; i++) {
                values[i] = profiles.mean(l, referenceInformative[i]);
            }
            labelRanks[l] = ranks(values);
        }
        List<Prediction> predictions = new ArrayList<>();
        for (int c = 0; c < clusterCount; c++) {
            double[] values = new double[informative.length];
            for (int i = 0; i < informative.length; i++) {
                values[i] = clusterProfiles.mean(c, i);
            }
            double[] clusterRanks = ranks(values);
            int best = -1;
            int second = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            double secondScore = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < labelCount; l++) {
                if (profiles.sizes()[l] == 0) {
                    continue;
                }
                double rho = pearson(clusterRanks, labelRanks[l]);
                if (rho > bestScore) {
                    second = best;
                    secondScore = bestScore;
                    best = l;
                    bestScore = rho;
                } else if (rho > secondScore) {
                    second = l;
                    secondScore = rho;
                }
            }
            predictions.add(new Prediction(best < 0 ? MarkerScores.UNASSIGNED : labels.categories().get(best),
                    best < 0 ? Double.NaN : bestScore, second < 0 ? null : labels.categories().get(second),
                    second < 0 ? Double.NaN : secondScore, informative.length));
        }
        return new Outcome(predictions, shared.size(), informative.length, labelCount);
    }

    /** The union over labels of each label's genes most above the other labels' mean, in gene order. */
    private static int[] informative(ClusterProfiles profiles) {
        int labels = profiles.groups();
        int genes = profiles.genes();
        boolean[] chosen = new boolean[genes];
        for (int l = 0; l < labels; l++) {
            if (profiles.sizes()[l] == 0) {
                continue;
            }
            double[] difference = new double[genes];
            Integer[] order = new Integer[genes];
            for (int g = 0; g < genes; g++) {
                double others = 0;
                int counted = 0;
                for (int o = 0; o < labels; o++) {
                    if (o != l && profiles.sizes()[o] > 0) {
                        others += profiles.mean(o, g);
                        counted++;
                    }
                }
                difference[g] = profiles.mean(l, g) - (counted == 0 ? 0 : others / counted);
                order[g] = g;
            }
            Arrays.sort(order, (a, b) -> Double.compare(difference[b], difference[a]) != 0
                    ? Double.compare(difference[b], difference[a]) : Integer.compare(a, b));
            for (int i = 0; i < Math.min(GENES_PER_LABEL, genes); i++) {
                if (difference[order[i]] > 0) {
                    chosen[order[i]] = true;
                }
            }
        }
        int count = 0;
        for (boolean c : chosen) {
            count += c ? 1 : 0;
        }
        if (count < 2) {
            Arrays.fill(chosen, true);
        }
        return java.util.stream.IntStream.range(0, genes).filter(g -> chosen[g]).toArray();
    }

    /** Average ranks, ties sharing the mean of their ranks. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
