"""Per-gene DE statistics with scipy, on a count matrix and two groups written by the Java tests.

Usage: de_reference.py DIR NORMALIZE
DIR holds .npy arrays: indptr, indices, data (CSR counts, cells x genes), normalized (the same
entries normalised by the Java side), shape (cells, genes), group1, group2 (row indices). NORMALIZE is raw, log1p-normalized or sqrt-normalized: counts / (cell total /
1e4), then log1p or sqrt, as scanpy's normalize_total + log1p.

Means, fractions and fold changes come from this script's own normalisation of the counts. The tests run
on the Java side's normalised values: equal count/total ratios of different cells (2/100 and 4/200) are
ties only up to the last bit of log1p, which numpy's and Java's log1p may round differently; on the same
values the rank ties are the same.

Prints one line per gene: Wilcoxon p-value (scipy.stats.mannwhitneyu, two-sided, asymptotic, tie-corrected,
use_continuity=False: scanpy's rank_genes_groups applies no continuity correction), Welch t and p-value
(scipy.stats.ttest_ind(equal_var=False)), log2 fold change (scanpy's formula on the count scale), mean and
fraction of non-zero cells in each group; then one line each with the Benjamini-Hochberg adjusted
p-values of both tests (statsmodels' fdr_bh, written out).
"""
import os
import sys
import warnings

import numpy as np
from scipy import sparse, stats

folder, normalize = sys.argv[1], sys.argv[2]


def read(name):
    return np.load(os.path.join(folder, name + ".npy"))


cells, genes = read("shape")
matrix = sparse.csr_matrix((read("data"), read("indices"), read("indptr")),
                           shape=(cells, genes))
if normalize != "raw":
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    divisors = np.where(totals == 0, 1.0, totals / 1e4)
    scaled = matrix.data / np.repeat(divisors, np.diff(matrix.indptr))
    matrix.data = np.log1p(scaled) if normalize == "log1p-normalized" else np.sqrt(scaled)
rows1, rows2 = read("group1"), read("group2")
group1 = matrix[rows1].toarray()
group2 = matrix[rows2].toarray()
theirs = sparse.csr_matrix((read("normalized"), matrix.indices, matrix.indptr), shape=(cells, genes))
tested1 = theirs[rows1].toarray()
tested2 = theirs[rows2].toarray()
to_counts = {"raw": lambda m: m, "log1p-normalized": np.expm1, "sqrt-normalized": np.square}[normalize]
mean1, mean2 = group1.mean(axis=0), group2.mean(axis=0)
fold = np.log2((to_counts(mean1) + 1e-9) / (to_counts(mean2) + 1e-9))


def benjamini_hochberg(p):
    p = np.where(np.isnan(p), 1.0, p)
    order = np.argsort(p)
    ranked = p[order] / (np.arange(1, len(p) + 1) / len(p))
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(adjusted, 1)
    return out


wilcoxon_p = np.empty(genes)
t = np.empty(genes)
t_p = np.empty(genes)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for g in range(genes):
        wilcoxon_p[g] = stats.mannwhitneyu(tested1[:, g], tested2[:, g], use_continuity=False,
                                           alternative="two-sided", method="asymptotic").pvalue
        welch = stats.ttest_ind(tested1[:, g], tested2[:, g], equal_var=False)
        t[g], t_p[g] = welch.statistic, welch.pvalue
for g in range(genes):
    print(" ".join(repr(float(v)) for v in (wilcoxon_p[g], t[g], t_p[g], fold[g], mean1[g], mean2[g],
                                            (group1[:, g] != 0).mean(), (group2[:, g] != 0).mean())))
print(" ".join(repr(float(v)) for v in benjamini_hochberg(wilcoxon_p)))
print(" ".join(repr(float(v)) for v in benjamini_hochberg(t_p)))
