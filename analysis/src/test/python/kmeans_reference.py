"""scikit-learn's KMeans on points written by the Java tests (.npy, float64, n x d).

Usage: kmeans_reference.py POINTS N D K SEED [OUR_LABELS]
Prints inertia, iterations, fit seconds and, given our labels (.npy, int32), the adjusted Rand index
between the two clusterings. The settings are scikit-learn 1.2's defaults, spelled out.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

path, n, d, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
points = np.load(path).reshape(n, d)
start = time.perf_counter()
model = KMeans(n_clusters=k, init="k-means++", n_init=10, max_iter=300, tol=1e-4, algorithm="lloyd",
               random_state=seed).fit(points)
elapsed = time.perf_counter() - start
print(repr(float(model.inertia_)))
print(model.n_iter_)
print(repr(elapsed))
if len(sys.argv) > 6:
    ours = np.load(sys.argv[6])
    print(repr(float(adjusted_rand_score(ours, model.labels_))))
