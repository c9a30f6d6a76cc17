"""umap-learn's UMAP, scikit-learn's TSNE and the trustworthiness of layouts, on an embedding written by the
Java tests (.npy) and benchmarks (raw little-endian float64, N x D); a layout is written the same way.

Usage:
  layout_reference.py umap EMBEDDING N D OUT N_NEIGHBORS INIT SEED   (INIT: spectral, pca or random)
  layout_reference.py tsne EMBEDDING N D OUT PERPLEXITY INIT SEED    (INIT: pca or random)
  layout_reference.py trustworthiness EMBEDDING N D LAYOUT [LAYOUT ...] K SAMPLE SEED
The layout commands write OUT (float64, N x 2) and print the fit's seconds. umap-learn 0.5.3 has no "pca"
start: it gets the first two principal components scaled to at most 10 with noise of 1e-4, what umap-learn
0.5.4 does for init="pca". trustworthiness prints, per layout, sklearn.manifold.trustworthiness against the
embedding on the same SAMPLE cells (all when SAMPLE >= N), then the kNN preservation: the share of each
sampled cell's K nearest neighbours in the embedding that are among its K nearest in the layout.
"""
import os
import sys
import tempfile
import time

os.environ.setdefault("NUMBA_CACHE_DIR", tempfile.gettempdir())

import numpy as np  # noqa: E402


def load(path, n, d):
    if path.endswith(".npy"):
        return np.load(path).reshape(n, d)
    return np.fromfile(path, dtype="<f8").reshape(n, d)


def main():
    command = sys.argv[1]
    if command == "umap":
        embedding, n, d, out, k, init, seed = sys.argv[2:9]
        x = load(embedding, int(n), int(d))
        import umap
        from sklearn.decomposition import PCA
        seed = int(seed)
        start = init
        if init == "pca":
            start = PCA(n_components=2, random_state=seed).fit_transform(x)
            start = 10 * start / np.abs(start).max()
            start = start + np.random.RandomState(seed).normal(scale=0.0001, size=start.shape)
        began = time.perf_counter()
        layout = umap.UMAP(n_neighbors=int(k), init=start, random_state=seed).fit_transform(x)
        print(time.perf_counter() - began)
    elif command == "tsne":
        embedding, n, d, out, perplexity, init, seed = sys.argv[2:9]
        x = load(embedding, int(n), int(d))
        from sklearn.manifold import TSNE
        began = time.perf_counter()
        layout = TSNE(n_components=2, perplexity=float(perplexity), init=init, learning_rate="auto",
                      random_state=int(seed), method="barnes_hut").fit_transform(x)
        print(time.perf_counter() - began)
    elif command == "trustworthiness":
        embedding, n, d = sys.argv[2:5]
        layouts = sys.argv[5:-3]
        k, sample, seed = (int(v) for v in sys.argv[-3:])
        n = int(n)
        x = load(embedding, n, int(d))
        from sklearn.manifold import trustworthiness
        from sklearn.neighbors import NearestNeighbors
        rows = np.arange(n) if sample >= n else np.sort(np.random.RandomState(seed).choice(n, sample, replace=False))
        near_x = NearestNeighbors(n_neighbors=k + 1).fit(x).kneighbors(x[rows], return_distance=False)
        for path in layouts:
            y = load(path, n, 2)
            near_y = NearestNeighbors(n_neighbors=k + 1).fit(y).kneighbors(y[rows], return_distance=False)
            kept = np.mean([len(set(a[1:]) & set(b[1:])) / k for a, b in zip(near_x, near_y)])
            print(trustworthiness(x[rows], y[rows], n_neighbors=k), kept)
        return
    else:
        raise SystemExit("unknown command " + command)
    if out.endswith(".npy"):
        np.save(out, layout.astype("<f8"))
    else:
        layout.astype("<f8").tofile(out)


main()
