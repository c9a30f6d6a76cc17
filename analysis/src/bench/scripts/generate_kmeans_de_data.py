"""Generates the k-means and DE benchmark's data set: CELLS cells in 10 clusters of unequal sizes.

Usage: generate_kmeans_de_data.py DIR CELLS GENES [SEED]
Writes raw little-endian arrays into DIR:
  embedding.f64             CELLS x 50, a PCA-like embedding: cluster centres ~ N(0, 3^2), unit noise
  indptr.i4 indices.i4 data.i4  counts, CSR cells x GENES, Poisson: gene means log-normal (median 0.05),
                            40 marker genes per cluster 5x higher, cell depths log-normal (sigma 0.3);
                            about 7-8% of the entries are non-zero
  shape.i4                  (CELLS, GENES)
  group1.i4 group2.i4       the cells of cluster 0 (about 20%) and all the others: one cluster against the rest
"""
import os
import sys

import numpy as np
from scipy import sparse

folder, cells, genes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
rng = np.random.default_rng(seed)
os.makedirs(folder, exist_ok=True)
clusters = 10
proportions = np.array([0.2, 0.15, 0.12, 0.1, 0.1, 0.09, 0.08, 0.06, 0.05, 0.05])
cluster = rng.choice(clusters, size=cells, p=proportions)

centres = rng.normal(0, 3, size=(clusters, 50))
embedding = centres[cluster] + rng.normal(0, 1, size=(cells, 50))
embedding.astype("<f8").tofile(os.path.join(folder, "embedding.f64"))
del embedding

base = np.minimum(np.exp(rng.normal(np.log(0.05), 1.0, size=genes)), 5.0)
means = np.tile(base, (clusters, 1))
for c in range(clusters):
    markers = rng.choice(genes, size=min(40, genes), replace=False)
    means[c, markers] *= 5
depth = np.exp(rng.normal(0, 0.3, size=cells))

indptr = [np.zeros(1, dtype=np.int64)]
offset = 0
with open(os.path.join(folder, "indices.i4"), "wb") as indices, open(os.path.join(folder, "data.i4"), "wb") as data:
    for start in range(0, cells, 25000):
        stop = min(cells, start + 25000)
        counts = rng.poisson(means[cluster[start:stop]] * depth[start:stop, None]).astype(np.int32)
        chunk = sparse.csr_matrix(counts)
        chunk.indices.astype("<i4").tofile(indices)
        chunk.data.astype("<i4").tofile(data)
        indptr.append(chunk.indptr[1:].astype(np.int64) + offset)
        offset += chunk.nnz
indptr = np.concatenate(indptr)
assert offset < 2 ** 31, "too many values for int32 indptr"
indptr.astype("<i4").tofile(os.path.join(folder, "indptr.i4"))
np.array([cells, genes], dtype="<i4").tofile(os.path.join(folder, "shape.i4"))
np.flatnonzero(cluster == 0).astype("<i4").tofile(os.path.join(folder, "group1.i4"))
np.flatnonzero(cluster != 0).astype("<i4").tofile(os.path.join(folder, "group2.i4"))
print(f"{cells} cells x {genes} genes, {offset} non-zero counts ({offset / cells / genes:.1%}),"
      f" group 1 {np.count_nonzero(cluster == 0)} cells")
