"""The Python equivalent of the local server's ingestion of a Xenium-layout folder, for IngestionBenchmark:
h5py reads cell_feature_matrix.h5 into a scipy CSR matrix, pandas reads cells.parquet, the same QC
(min_genes=1, min_counts=1, 25 % mitochondrial/control counts) and QC columns, anndata writes the table with
write_zarr (zlib, as ours), pandas reads transcripts.parquet and pyarrow writes it partitioned by gene.
Prints one line per step with its time. Usage: python_ingestion.py DATA_FOLDER OUT_FOLDER
"""
import os
import sys
import time

import anndata
import h5py
import numcodecs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import scipy.sparse as sp

data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
t0 = time.time()
step = time.time()


def done(what):
    global step
    now = time.time()
    print(f"  {what}: {now - step:.1f} s", flush=True)
    step = now


with h5py.File(os.path.join(data, "cell_feature_matrix.h5"), "r") as f:
    m = f["matrix"]
    shape = m["shape"][:]
    x = sp.csc_matrix((m["data"][:], m["indices"][:], m["indptr"][:]), shape=(shape[0], shape[1])).T.tocsr()
    cells = m["barcodes"][:].astype(str)
    genes = m["features/name"][:].astype(str)
    ids = m["features/id"][:].astype(str)
done(f"read the matrix ({x.shape[0]} x {x.shape[1]}, {x.nnz} values)")
positions = pd.read_parquet(os.path.join(data, "cells.parquet"), columns=["cell_id", "x_centroid", "y_centroid"])
positions = positions.set_index("cell_id").loc[cells]
done("read the cell positions")
n_genes = np.diff(x.indptr)
totals = np.asarray(x.sum(axis=1)).ravel()
control = np.array([g.lower().startswith(("mt-", "negcontrol", "blank", "unassignedcodeword")) for g in genes])
controls = np.asarray(x[:, control].sum(axis=1)).ravel() if control.any() else np.zeros(x.shape[0])
keep = (n_genes >= 1) & (totals >= 1) & (controls <= 0.25 * totals)
adata = anndata.AnnData(X=x[keep], obs=pd.DataFrame({"n_genes_by_counts": n_genes[keep].astype(float),
                                                    "total_counts": totals[keep].astype(float)},
                                                   index=cells[keep]),
                        var=pd.DataFrame({"gene_ids": ids}, index=genes))
adata.obsm["spatial"] = positions[["x_centroid", "y_centroid"]].to_numpy()[keep]
done(f"QC and the AnnData (kept {keep.sum()} cells)")
adata.X = sp.csc_matrix(adata.X)
adata.write_zarr(os.path.join(out, "table.zarr"))
done("write_zarr of the table (X as CSC)")
tx = pd.read_parquet(os.path.join(data, "transcripts.parquet"),
                     columns=["feature_name", "x_location", "y_location", "z_location", "cell_id"])
done(f"read {len(tx)} transcripts")
table = pa.Table.from_pandas(tx.rename(columns={"feature_name": "gene", "x_location": "x", "y_location": "y",
                                                "z_location": "z"}), preserve_index=False)
pq.write_to_dataset(table, os.path.join(out, "points.parquet"), partition_cols=["gene"], max_partitions=100000)
done("wrote the transcripts partitioned by gene")
print(f"python ingestion: {time.time() - t0:.1f} s", flush=True)
