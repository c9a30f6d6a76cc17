package org.spatialx.analysis.preprocess;

import java.util.Arrays;

/**
 * Highly variable genes, scanpy's {@code highly_variable_genes(flavor="seurat")}: each gene's
 * dispersion (variance / mean of the size-normalised values, before the transform), logged, is
 * z-scored within 20 equal-width bins of log mean expression, and the {@code n} genes with the
 * highest normalised dispersion are kept (ties at the cut-off are kept too, as scanpy does).
 *
 * <p>The seurat flavour because it is scanpy's default, it works on the normalised values every
 * {@code normalize_method} produces (seurat_v3 needs raw counts and a LOESS fit), and it is what
 * {@code sc.pp.highly_variable_genes(adata, n_top_genes=n)} does after {@code log1p}. scanpy takes
 * {@code expm1} of logged data to get back the normalised values; here they are computed directly
 * from the counts and size factors, for every method.
 *
 * @param means                 log1p of each gene's mean (scanpy's {@code means})
 * @param dispersions           log of each gene's dispersion, NaN when it does not vary
 * @param normalizedDispersions the dispersion z-scored within its mean bin, NaN when it does not vary
 * @param selected              the kept genes' column indices, ascending
 */
public record HighlyVariableGenes(double[] means, double[] dispersions, double[] normalizedDispersions,
        int[] selected) {

    /** Number of mean-expression bins (scanpy's {@code n_bins}). */
    public static final int BINS = 20;

    /**
     * Ranks the genes of {@code normalized} (statistics of size-normalised values) and keeps the top
     * {@code nTopGenes}; every gene when {@code nTopGenes} is null or not smaller than the gene count.
     */
    public static HighlyVariableGenes select(GeneStatistics normalized, Integer nTopGenes) {
        int genes = normalized.mean().length;
        double[] means = new double[genes];
        double[] dispersions = new double[genes];
        for (int gene = 0; gene < genes; gene++) {
            double mean = normalized.mean()[gene] == 0 ? 1e-12 : normalized.mean()[gene];
            double dispersion = normalized.variance()[gene] / mean;
            dispersions[gene] = dispersion == 0 ? Double.NaN : Math.log(dispersion);
            means[gene] = Math.log1p(mean);
        }
        double[] normalizedDispersions = normalizeWithinBins(means, dispersions);
        int[] selected;
        if (nTopGenes == null || nTopGenes >= genes) {
            selected = new int[genes];
            Arrays.setAll(selected, i -> i);
        } else {
            selected = top(normalizedDispersions, nTopGenes);
        }
        return new HighlyVariableGenes(means, dispersions, normalizedDispersions, selected);
    }

    /** The bin of every gene: pandas' {@code cut(means, 20)}, equal-width right-closed bins. */
    static int[] bins(double[] means) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double m : means) {
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        double[] edges = new double[BINS + 1];
        boolean constant = min == max;
        if (constant) {
            min -= min != 0 ? 0.001 * Math.abs(min) : 0.001;
            max += max != 0 ? 0.001 * Math.abs(max) : 0.001;
        }
        double step = (max - min) / BINS;
        for (int i = 0; i < BINS; i++) {
            edges[i] = i * step + min;
        }
        edges[BINS] = max;
        if (!constant) {
            edges[0] -= (max - min) * 0.001; // pandas widens the first bin to include the minimum
        }
        int[] bins = new int[means.length];
        for (int gene = 0; gene < means.length; gene++) {
            int first = 0; // first edge >= mean, as numpy's searchsorted(side="left")
            while (first < BINS && edges[first] < means[gene]) {
                first++;
            }
            bins[gene] = Math.max(0, first - 1);
        }
        return bins;
    }

    private static double[] normalizeWithinBins(double[] means, double[] dispersions) {
        int[] bins = bins(means);
        double[] sum = new double[BINS];
        int[] count = new int[BINS];
        for (int gene = 0; gene < means.length; gene++) {
            if (!Double.isNaN(dispersions[gene])) {
                sum[bins[gene]] += dispersions[gene];
                count[bins[gene]]++;
            }
        }
        double[] binMean = new double[BINS];
        double[] squares = new double[BINS];
        for (int bin = 0; bin < BINS; bin++) {
            binMean[bin] = count[bin] == 0 ? Double.NaN : sum[bin] / count[bin];
        }
        for (int gene = 0; gene < means.length; gene++) {
            if (!Double.isNaN(dispersions[gene])) {
                double d = dispersions[gene] - binMean[bins[gene]];
                squares[bins[gene]] += d * d;
            }
        }
        double[] binStd = new double[BINS];
        for (int bin = 0; bin < BINS; bin++) {
            if (count[bin] < 2) {
                // a bin with one gene: scanpy sets its normalised dispersion to 1 (std := mean, mean := 0)
                binStd[bin] = binMean[bin];
                binMean[bin] = 0;
            } else {
                binStd[bin] = Math.sqrt(squares[bin] / (count[bin] - 1));
            }
        }
        double[] normalized = new double[means.length];
        for (int gene = 0; gene < means.length; gene++) {
            normalized[gene] = (dispersions[gene] - binMean[bins[gene]]) / binStd[bins[gene]];
        }
        return normalized;
    }

    /** The genes whose normalised dispersion reaches the {@code n}-th highest (NaN counting as 0, as scanpy's nan_to_num). */
    private static int[] top(double[] normalizedDispersions, int n) {
        double[] ranked = Arrays.stream(normalizedDispersions).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (ranked.length == 0) {
            int[] all = new int[normalizedDispersions.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int keep = Math.min(n, ranked.length);
        double cutOff = ranked[ranked.length - keep];
        return java.util.stream.IntStream.range(0, normalizedDispersions.length)
                .filter(gene -> finite(normalizedDispersions[gene]) >= cutOff)
                .toArray();
    }

    /** numpy's {@code nan_to_num}: NaN to 0, infinities to the largest finite values. */
    private static double finite(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return value;
    }
}
