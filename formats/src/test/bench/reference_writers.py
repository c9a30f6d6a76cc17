"""Reference writers for the storage benchmark: anndata.write_zarr for the table, pyarrow for the points.

Usage: reference_writers.py table CELLS GENES PER_CELL DIR | points TRANSCRIPTS GENES DIR
Prints one line with the write's wall time (generation excluded) and the process's peak RSS.
"""
import resource
import sys
import time

import numpy as np


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(cells, genes, per_cell, out):
    import anndata
    import pandas as pd
    import scipy.sparse as sp
    t0 = time.time()
    rng = np.random.default_rng(42)
    step = max(1, genes // per_cell)
    start = rng.integers(0, genes, cells)
    cols = np.sort((start[:, None] + np.arange(per_cell)[None, :] * step) % genes, axis=1)
    data = rng.integers(1, 21, cells * per_cell).astype(np.int32)
    X = sp.csr_matrix((data, cols.ravel().astype(np.int32), np.arange(0, cells * per_cell + 1, per_cell)),
                      shape=(cells, genes))
    obs = pd.DataFrame({"n_genes_by_counts": np.diff(X.indptr).astype(float),
                        "total_counts": np.asarray(X.sum(axis=1)).ravel().astype(float)},
                       index=[f"cell-{c}" for c in range(cells)])
    var = pd.DataFrame({"gene_ids": [f"ENSG{g:011d}" for g in range(genes)]}, index=[f"Gene{g}" for g in range(genes)])
    a = anndata.AnnData(X=X, obs=obs, var=var, obsm={"spatial": rng.uniform(0, 10000, (cells, 2))}, dtype=np.int32)
    generated = time.time() - t0
    t1 = time.time()
    a.X = sp.csc_matrix(a.X)  # protocol 7.4 stores X as CSC; the conversion is part of the write
    a.write_zarr(out)
    print(f"anndata.write_zarr table {cells:,} cells x {genes:,} genes, {X.nnz:,} int32 values "
          f"(generated in {generated:.2f} s): write {time.time() - t1:.2f} s, peak RSS {peak_rss_mib():.0f} MiB")


def points(transcripts, genes, out):
    import os
    import pyarrow as pa
    import pyarrow.parquet as pq
    t0 = time.time()
    rng = np.random.default_rng(11)
    gene = rng.integers(0, genes, transcripts)
    x = rng.uniform(0, 10000, transcripts)
    y = rng.uniform(0, 10000, transcripts)
    z = rng.uniform(0, 30, transcripts)
    cell = rng.integers(0, 200000, transcripts)
    names = np.array([f"GENE{g}" for g in range(genes)], dtype=object)
    cell_ids = np.where(cell % 10 == 0, "UNASSIGNED", np.char.add("cell-", cell.astype(str))).astype(object)
    generated = time.time() - t0
    t1 = time.time()
    order = np.argsort(gene, kind="stable")
    bounds = np.searchsorted(gene[order], np.arange(genes + 1))
    os.makedirs(f"{out}/points.parquet", exist_ok=True)
    part = 0
    for g in range(genes):
        idx = order[bounds[g]:bounds[g + 1]]
        if len(idx) == 0:
            continue
        t = pa.table({"x": x[idx], "y": y[idx], "z": z[idx],
                      "gene": pa.array(np.full(len(idx), names[g], dtype=object)).dictionary_encode(),
                      "cell_id": cell_ids[idx]})
        pq.write_table(t, f"{out}/points.parquet/part.{part}.parquet", compression="snappy")
        part += 1
    print(f"pyarrow points {transcripts:,} transcripts, {genes:,} genes (generated in {generated:.2f} s): "
          f"write {time.time() - t1:.2f} s, peak RSS {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "table":
        table(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        points(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
