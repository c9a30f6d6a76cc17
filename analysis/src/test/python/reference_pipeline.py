#!/usr/bin/python3
"""The Python stack the analysis module is compared with: scanpy's pipeline written with the
packages scanpy itself uses (numpy, scipy, pandas, sklearn, umap-learn/pynndescent, igraph,
leidenalg), since scanpy is not installed. Each function cites the scanpy (1.9/1.10) code it
mirrors. Inputs and outputs are .npy files in one folder (the Java tests write and read them).

Usage (by hand or from the Java tests):
  reference_pipeline.py check                                  exit 0 when every package imports
  reference_pipeline.py serve                                  runs commands read from stdin, one JSON list of
                                                               arguments a line, answering "ok" or "error: ..."
                                                               (the tests keep one process: imports and numba
                                                               compilations happen once)
  reference_pipeline.py hvg DIR METHOD N_TOP                    counts_* -> hvg_{means,dispersions,norm,selected}
  reference_pipeline.py pca DIR METHOD N_TOP N_COMPS            exact sklearn PCA of the scaled matrix -> pca_*
  reference_pipeline.py connectivities DIR LOCAL_CONNECTIVITY   knn_{indices,distances} -> umap_conn_{indptr,indices,data}
  reference_pipeline.py knn DIR K SEED                          embedding -> pynndescent_indices (umap-learn's nearest_neighbors)
  reference_pipeline.py cluster DIR ALGORITHM RESOLUTION SEEDS  conn_{indptr,indices,data} -> membership_SEED per seed (leiden|louvain)
  reference_pipeline.py pipeline DIR METHOD N_TOP N_NEIGHBORS RESOLUTION SEED
                                                                counts_* -> pipeline_{labels,pca}: the whole chain
  reference_pipeline.py bench DIR METHOD N_TOP N_NEIGHBORS RESOLUTION SEED
                                                                the chain timed, one JSON line per step
Counts are counts_indptr, counts_indices, counts_data (CSR cells x genes) and counts_shape.
"""
import json
import os
import sys
import time

import numpy as np


def load_counts(folder):
    import scipy.sparse as sp
    shape = tuple(int(v) for v in np.load(os.path.join(folder, "counts_shape.npy")))
    indptr = np.load(os.path.join(folder, "counts_indptr.npy"))
    indices = np.load(os.path.join(folder, "counts_indices.npy"))
    data = np.load(os.path.join(folder, "counts_data.npy"))
    # AnnData holds X as float32, as scanpy's readers give it
    return sp.csr_matrix((data.astype(np.float32, copy=False), indices, indptr), shape=shape)


def save(folder, name, array):
    np.save(os.path.join(folder, name + ".npy"), np.ascontiguousarray(array))


def normalize(X, method):
    """scanpy.pp.normalize_total(target_sum=1e4) then log1p (or sqrt), in place on a float32 CSR."""
    if method == "raw":
        return X
    counts = np.asarray(X.sum(axis=1)).ravel() / 1e4
    counts += counts == 0  # scanpy: a cell without counts is divided by 1
    X.data /= np.repeat(counts, np.diff(X.indptr)).astype(np.float32)
    if method == "log1p-normalized":
        np.log1p(X.data, out=X.data)
    elif method == "sqrt-normalized":
        np.sqrt(X.data, out=X.data)
    else:
        raise ValueError("unknown method " + method)
    return X


def linear_scale(X, method):
    """Back to the size-normalised values: scanpy's expm1 of logged data (squared for sqrt, as the Java side documents)."""
    X = X.copy()
    if method == "log1p-normalized":
        np.expm1(X.data, out=X.data)
    elif method == "sqrt-normalized":
        np.square(X.data, out=X.data)
    return X


def mean_var(X):
    """scanpy's _get_mean_var: mean and the variance with Bessel's correction, in float64."""
    mean = np.asarray(X.mean(axis=0, dtype=np.float64)).ravel()
    squares = X.copy()
    squares.data = squares.data.astype(np.float64) ** 2
    mean_sq = np.asarray(squares.mean(axis=0)).ravel()
    var = (mean_sq - mean ** 2) * (X.shape[0] / (X.shape[0] - 1))
    return mean, var


def hvg_seurat(X, method, n_top_genes, n_bins=20):
    """scanpy.pp.highly_variable_genes(flavor="seurat", n_top_genes=...) (_highly_variable_genes_single_batch)."""
    import pandas as pd
    mean, var = mean_var(linear_scale(X, method))
    mean[mean == 0] = 1e-12
    dispersion = var / mean
    dispersion[dispersion == 0] = np.nan
    dispersion = np.log(dispersion)
    mean = np.log1p(mean)
    df = pd.DataFrame({"means": mean, "dispersions": dispersion})
    df["mean_bin"] = pd.cut(df["means"], bins=n_bins)
    disp_grouped = df.groupby("mean_bin", observed=True)["dispersions"]
    disp_mean_bin = disp_grouped.mean()
    disp_std_bin = disp_grouped.std(ddof=1)
    one_gene_per_bin = disp_std_bin.isnull()
    disp_std_bin[one_gene_per_bin.values] = disp_mean_bin[one_gene_per_bin.values].values
    disp_mean_bin[one_gene_per_bin.values] = 0
    norm = (df["dispersions"].values - disp_mean_bin[df["mean_bin"].values].values) \
        / disp_std_bin[df["mean_bin"].values].values
    if n_top_genes is None or n_top_genes >= X.shape[1]:
        selected = np.ones(X.shape[1], dtype=bool)
    else:
        ranked = norm[~np.isnan(norm)]
        ranked[::-1].sort()
        n = min(n_top_genes, ranked.size)
        selected = np.nan_to_num(norm) >= ranked[n - 1]
    return mean, dispersion, norm, selected


def scale_stats(X):
    """scanpy.pp.scale's centre and scale: mean, std with Bessel's correction (0 -> 1), and the variance."""
    mean, var = mean_var(X)
    std = np.sqrt(var)
    std[std == 0] = 1
    return mean, std, var


def pca_implicit(X, n_comps, seed):
    """scanpy's _pca_with_sparse (ARPACK on a LinearOperator, centring implicit) with the scaling implicit too."""
    from scipy.sparse.linalg import LinearOperator, svds
    from sklearn.utils.extmath import svd_flip
    mean, std, var = scale_stats(X)
    inv = 1 / std
    XT = X.T  # a CSC view, no copy

    def matvec(v):
        v = np.ravel(v) * inv
        return X.dot(v) - mean.dot(v)

    def matmat(m):
        m = m * inv[:, None]
        return X.dot(m) - mean.dot(m)[None, :]

    def rmatvec(v):
        v = np.ravel(v)
        return (XT.dot(v) - mean * v.sum()) * inv

    def rmatmat(m):
        return (XT.dot(m) - np.outer(mean, m.sum(axis=0))) * inv[:, None]

    op = LinearOperator(shape=X.shape, matvec=matvec, matmat=matmat, rmatvec=rmatvec, rmatmat=rmatmat,
                        dtype=np.float64)
    random_init = np.random.RandomState(seed).rand(np.min(X.shape))
    u, s, v = svds(op, k=n_comps, solver="arpack", v0=random_init)
    u, v = svd_flip(u, v)
    order = np.argsort(-s)
    scores = (u * s)[:, order]
    ev = s[order] ** 2 / (X.shape[0] - 1)
    return scores, ev / (var / std ** 2).sum()


def pca_exact(X, n_comps):
    """sklearn PCA (full SVD) of the dense scaled matrix: the exact reference."""
    from sklearn.decomposition import PCA
    dense = X.toarray().astype(np.float64)
    mean, std, _ = scale_stats(X)
    dense = (dense - mean) / std
    pca = PCA(n_components=n_comps, svd_solver="full")
    scores = pca.fit_transform(dense)
    return scores, pca.components_.T, pca.explained_variance_ratio_


def umap_knn(embedding, n_neighbors, seed):
    """scanpy's compute_neighbors_umap: umap-learn's nearest_neighbors (pynndescent), the cell itself first."""
    from umap.umap_ import nearest_neighbors
    indices, distances, _ = nearest_neighbors(embedding, n_neighbors, "euclidean", {}, False,
                                              np.random.RandomState(seed), verbose=False)
    return indices, distances


def umap_connectivities(indices, distances, local_connectivity):
    """scanpy's _compute_connectivities_umap: umap-learn's fuzzy_simplicial_set on a precomputed kNN."""
    import scipy.sparse as sp
    from umap.umap_ import fuzzy_simplicial_set
    n = indices.shape[0]
    X = sp.coo_matrix(([], ([], [])), shape=(n, 1))
    connectivities = fuzzy_simplicial_set(X, indices.shape[1], None, None, knn_indices=indices,
                                          knn_dists=distances, set_op_mix_ratio=1.0,
                                          local_connectivity=local_connectivity)
    if isinstance(connectivities, tuple):
        connectivities = connectivities[0]
    return connectivities.tocsr()


def communities(adjacency, algorithm, resolution, seed):
    """scanpy.tl.leiden (flavor leidenalg): igraph from the adjacency, directed as scanpy's
    get_igraph_from_adjacency makes it, RB configuration with the weights, n_iterations=-1.
    Louvain: igraph's community_multilevel (Blondel et al.) with the weights and the resolution on the
    undirected graph (scanpy's tl.louvain flavor "igraph"); louvain-igraph is not installed, and
    leidenalg 0.9's optimiser crashes without refinement ("Given vertex is not in the graph")."""
    import igraph as ig
    import leidenalg
    sources, targets = adjacency.nonzero()
    weights = np.asarray(adjacency[sources, targets]).ravel()
    if algorithm == "leiden":
        g = ig.Graph(directed=True)
        g.add_vertices(adjacency.shape[0])
        g.add_edges(list(zip(sources, targets)))
        g.es["weight"] = weights
        partition = leidenalg.find_partition(g, leidenalg.RBConfigurationVertexPartition,
                                             resolution_parameter=resolution,
                                             weights=np.array(g.es["weight"]).astype(np.float64),
                                             n_iterations=-1, seed=seed)
        return np.array(partition.membership, dtype=np.int32), partition.modularity
    upper = sources < targets
    g = ig.Graph(n=adjacency.shape[0], edges=list(zip(sources[upper], targets[upper])), directed=False)
    clustering = g.community_multilevel(weights=weights[upper], resolution=resolution)
    return np.array(clustering.membership, dtype=np.int32), clustering.modularity


def rss_reset():
    """Resets the peak resident set size (Linux 4.0+), so that each step's peak is its own."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def rss_peak_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pipeline(folder, method, n_top, n_neighbors, resolution, seed, timed=False):
    steps = []

    def step(name, function):
        rss_reset()
        start = time.perf_counter()
        value = function()
        seconds = time.perf_counter() - start
        steps.append((name, seconds, rss_peak_mib()))
        if timed:
            print(json.dumps({"side": "python", "step": name, "seconds": round(seconds, 3),
                              "peak_rss_mib": round(steps[-1][2], 1)}), flush=True)
        return value

    X = load_counts(folder)
    X = step("normalize", lambda: normalize(X, method))
    selected = step("hvg", lambda: hvg_seurat(X, method, n_top)[3])
    n_comps = min(50, X.shape[0] - 1, int(selected.sum()) - 1)
    scores, ratios = step("pca", lambda: pca_implicit(X[:, selected], n_comps, seed))
    del X

    def neighbours():
        indices, distances = umap_knn(scores.astype(np.float32), n_neighbors, seed)
        return umap_connectivities(indices, distances, 1.0)
    connectivities = step("neighbours", neighbours)
    labels, modularity = step("leiden", lambda: communities(connectivities, "leiden", resolution, seed))
    return scores, ratios, labels, modularity, steps


def main(argv):
    command = argv[1]
    if command == "check":
        import scipy, sklearn, pandas, umap, pynndescent, igraph, leidenalg  # noqa: F401
        return 0
    folder = argv[2]
    if command == "hvg":
        n_top = None if argv[4] == "None" else int(argv[4])
        X = normalize(load_counts(folder), argv[3])
        means, dispersions, norm, selected = hvg_seurat(X, argv[3], n_top)
        save(folder, "hvg_means", means)
        save(folder, "hvg_dispersions", dispersions)
        save(folder, "hvg_norm", norm)
        save(folder, "hvg_selected", np.flatnonzero(selected).astype(np.int32))
    elif command == "pca":
        n_top = None if argv[4] == "None" else int(argv[4])
        X = normalize(load_counts(folder), argv[3])
        selected = hvg_seurat(X, argv[3], n_top)[3]
        scores, loadings, ratios = pca_exact(X[:, selected], int(argv[5]))
        save(folder, "pca_scores", scores)
        save(folder, "pca_loadings", loadings)
        save(folder, "pca_ratios", ratios)
    elif command == "connectivities":
        indices = np.load(os.path.join(folder, "knn_indices.npy"))
        distances = np.load(os.path.join(folder, "knn_distances.npy"))
        n = indices.shape[0]
        # umap-learn's lists start with the cell itself at distance 0
        indices = np.hstack([np.arange(n, dtype=indices.dtype)[:, None], indices])
        distances = np.hstack([np.zeros((n, 1)), distances]).astype(np.float32)
        conn = umap_connectivities(indices, distances, float(argv[3]))
        conn.sort_indices()
        save(folder, "umap_conn_indptr", conn.indptr.astype(np.int32))
        save(folder, "umap_conn_indices", conn.indices.astype(np.int32))
        save(folder, "umap_conn_data", conn.data.astype(np.float64))
    elif command == "knn":
        embedding = np.load(os.path.join(folder, "embedding.npy")).astype(np.float32)
        start = time.perf_counter()
        indices, _ = umap_knn(embedding, int(argv[3]) + 1, int(argv[4]))
        save(folder, "pynndescent_indices", indices[:, 1:].astype(np.int32))
        save(folder, "pynndescent_seconds", np.array([time.perf_counter() - start]))
    elif command == "cluster":
        import scipy.sparse as sp
        indptr = np.load(os.path.join(folder, "conn_indptr.npy"))
        indices = np.load(os.path.join(folder, "conn_indices.npy"))
        data = np.load(os.path.join(folder, "conn_data.npy"))
        n = indptr.size - 1
        adjacency = sp.csr_matrix((data, indices, indptr), shape=(n, n))
        for seed in argv[5].split(","):
            membership, _ = communities(adjacency, argv[3], float(argv[4]), int(seed))
            save(folder, "membership_" + seed, membership)
    elif command in ("pipeline", "bench"):
        n_top = None if argv[4] == "None" else int(argv[4])
        scores, ratios, labels, modularity, steps = pipeline(folder, argv[3], n_top, int(argv[5]), float(argv[6]),
                                                             int(argv[7]), timed=command == "bench")
        save(folder, "pipeline_labels", labels)
        save(folder, "pipeline_ratios", ratios)
        if command == "bench":
            print(json.dumps({"side": "python", "step": "total", "seconds": round(sum(s[1] for s in steps), 3),
                              "peak_rss_mib": round(max(s[2] for s in steps), 1),
                              "clusters": int(labels.max() + 1)}), flush=True)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


def serve():
    import traceback
    for line in sys.stdin:
        try:
            code = main([sys.argv[0]] + json.loads(line))
            answer = "ok" if code == 0 else "error: exit code %d" % code
        except Exception:  # noqa: BLE001 - every failure goes back to the caller
            answer = "error: " + traceback.format_exc().replace("\n", "\\n")
        print(answer, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(serve() if sys.argv[1:] == ["serve"] else main(sys.argv))
