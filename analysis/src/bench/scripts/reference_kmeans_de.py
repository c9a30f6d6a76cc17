"""The Python side of the k-means and DE benchmark, on the files of generate_kmeans_de_data.py.

Usage: reference_kmeans_de.py kmeans|wilcoxon|t-test DIR
Prints the analysis's own wall time (after loading), a check value and the process's peak RSS.

kmeans: scikit-learn 1.2's KMeans(n_clusters=10, init="k-means++", n_init=10, algorithm="lloyd").
wilcoxon / t-test: scanpy 1.9's pipeline written out with numpy/scipy (scanpy itself is not installed):
normalize_total(target_sum=1e4) and log1p on a float32 copy, then rank_genes_groups(groups=[group 1],
reference=group 2) as scanpy computes it: group means and variances from the sparse rows (_get_mean_var);
for wilcoxon, chunks of at most 10^7 values of both groups' columns made dense and ranked
(scipy.stats.rankdata, average ties) with scipy's tie correction; for t-test, ttest_ind_from_stats (Welch);
Benjamini-Hochberg, log2 fold change of expm1 means, genes sorted by score.
"""
import os
import resource
import sys
import time
from math import floor

import numpy as np
from scipy import sparse, stats

mode, folder = sys.argv[1], sys.argv[2]


def read(name, dtype):
    return np.fromfile(os.path.join(folder, name), dtype=dtype)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if mode == "kmeans":
    from sklearn.cluster import KMeans
    cells = read("shape.i4", "<i4")[0]
    points = read("embedding.f64", "<f8").reshape(cells, 50)
    start = time.perf_counter()
    model = KMeans(n_clusters=10, init="k-means++", n_init=10, max_iter=300, tol=1e-4, algorithm="lloyd",
                   random_state=0).fit(points)
    elapsed = time.perf_counter() - start
    print(f"python kmeans: {elapsed:.3f} s, inertia {model.inertia_:.6g}, {model.n_iter_} iterations,"
          f" peak RSS {peak_rss_mib():.0f} MiB")
    sys.exit()

cells, genes = read("shape.i4", "<i4")
counts = sparse.csr_matrix((read("data.i4", "<i4"), read("indices.i4", "<i4"), read("indptr.i4", "<i4")),
                           shape=(cells, genes))
mask1 = np.zeros(cells, dtype=bool)
mask1[read("group1.i4", "<i4")] = True
mask2 = np.zeros(cells, dtype=bool)
mask2[read("group2.i4", "<i4")] = True
start = time.perf_counter()

# sc.pp.normalize_total(target_sum=1e4) + sc.pp.log1p: a float32 copy scaled in place
X = counts.astype(np.float32)
totals = np.asarray(X.sum(axis=1)).ravel()
totals[totals == 0] = 1
X.data /= np.repeat((totals / 1e4).astype(np.float32), np.diff(X.indptr))
np.log1p(X.data, out=X.data)


def mean_var(part):  # scanpy's _get_mean_var on a sparse matrix
    mean = np.asarray(part.mean(axis=0), dtype=np.float64).ravel()
    mean_sq = np.asarray(part.multiply(part).mean(axis=0), dtype=np.float64).ravel()
    n = part.shape[0]
    return mean, (mean_sq - mean ** 2) * (n / (n - 1))


def tie_correction(ranks):  # scanpy's _tiecorrect: 1 - sum(t^3 - t) / (n^3 - n) per column, vectorised
    n = np.float64(ranks.shape[0])
    ordered = np.sort(ranks, axis=0)
    starts = np.insert(ordered[1:] != ordered[:-1], (0, ordered.shape[0] - 1), True, axis=0)
    positions = np.sort(np.where(starts, np.arange(starts.shape[0])[:, None], 0), axis=0)
    tied = np.diff(positions, axis=0).astype(np.float64)
    return 1.0 - np.sum(tied ** 3 - tied, axis=0) / (n ** 3 - n)


X1, X2 = X[mask1], X[mask2]
n1, n2 = X1.shape[0], X2.shape[0]
mean1, var1 = mean_var(X1)
mean2, var2 = mean_var(X2)
if mode == "wilcoxon":
    scores = np.zeros(genes)
    ties = np.zeros(genes)
    chunk = max(1, floor(10_000_000 / (n1 + n2)))
    for left in range(0, genes, chunk):
        right = min(genes, left + chunk)
        dense = sparse.vstack((X1[:, left:right], X2[:, left:right])).toarray()
        ranks = stats.rankdata(dense, axis=0)
        scores[left:right] = ranks[:n1].sum(axis=0)
        ties[left:right] = tie_correction(ranks)
    std = np.sqrt(ties * n1 * n2 * (n1 + n2 + 1) / 12.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = (scores - n1 * (n1 + n2 + 1) / 2.0) / std
    scores[np.isnan(scores)] = 0
    pvals = 2 * stats.norm.sf(np.abs(scores))
else:
    with np.errstate(invalid="ignore"):
        scores, pvals = stats.ttest_ind_from_stats(mean1, np.sqrt(var1), n1, mean2, np.sqrt(var2), n2,
                                                   equal_var=False)
    scores[np.isnan(scores)] = 0
    pvals[np.isnan(pvals)] = 1
order = np.argsort(pvals)
adjusted = np.empty(genes)
adjusted[order] = np.minimum(np.minimum.accumulate((pvals[order] * genes / np.arange(1, genes + 1))[::-1])[::-1], 1)
fold = np.log2((np.expm1(mean1) + 1e-9) / (np.expm1(mean2) + 1e-9))
ranking = np.argsort(scores)[::-1]
elapsed = time.perf_counter() - start
print(f"python {mode}: {elapsed:.3f} s, {np.count_nonzero(adjusted < 0.05)} genes with adjusted p < 0.05,"
      f" top gene {ranking[0]}, peak RSS {peak_rss_mib():.0f} MiB")
