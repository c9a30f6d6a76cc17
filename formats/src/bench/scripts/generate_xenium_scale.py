"""Writes a Xenium-layout data set at scale for ReaderBenchmark, modelled on the bundled real files.

cell_feature_matrix.h5: 10x layout of XOA 1.x (examples/data/xenium/SFE_toy_Xenium_XOA1x_human_526cells):
  /matrix/{barcodes,data,indices,indptr,shape,features/{id,name,feature_type,genome,_all_tag_keys}},
  fixed-length byte strings, int32 counts, gzip chunks of 80,000 values (Cell Ranger's chunk size).
transcripts.parquet: the XOA 3.x schema of Xenium_Prime_Human_Prostate_FFPE_5K_MultiQC_subset
  (uint64 transcript_id, float32 coordinates, uint8 overlaps_nucleus, codeword columns), snappy, pyarrow's
  default row groups (1 Mi rows).
transcripts.csv.gz: the XOA 1.x header of the SFE toy csv.gz.

Usage: PYTHONPATH=<pyarrow> /usr/bin/python3 generate_xenium_scale.py OUT_DIR CELLS GENES TRANSCRIPTS [FILES]
FILES: comma-separated subset of h5,parquet,csv (default all three; csv.gz is by far the slowest to write).
"""
import gzip
import os
import sys

import h5py
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

out, n_cells, n_genes, n_tx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
files = set((sys.argv[5] if len(sys.argv) > 5 else "h5,parquet,csv").split(","))
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(5)
barcodes = np.array([f"cell{i:07d}-1".encode() for i in range(n_cells)])
genes = np.array([f"GENE{i:05d}".encode() for i in range(n_genes)])
ids = np.array([f"ENSG{i:011d}".encode() for i in range(n_genes)])
cells_str = barcodes.astype(str)

def write_matrix():
    # 30 values per 1,000 genes per cell on average (5k genes -> 150 per cell, 30 M for 200k cells)
    per_cell = rng.poisson(n_genes * 0.03, n_cells).clip(1, n_genes)
    indptr = np.zeros(n_cells + 1, dtype=np.int64)
    np.cumsum(per_cell, out=indptr[1:])
    nnz = int(indptr[-1])
    indices = np.empty(nnz, dtype=np.int32)
    for c in range(n_cells):
        indices[indptr[c]:indptr[c + 1]] = np.sort(rng.choice(n_genes, per_cell[c], replace=False))
    data = rng.geometric(0.5, nnz).astype(np.int32)
    with h5py.File(os.path.join(out, "cell_feature_matrix.h5"), "w") as f:
        m = f.create_group("matrix")
        def put(group, name, values):
            group.create_dataset(name, data=values, chunks=(min(80000, len(values)),), compression="gzip")
        put(m, "barcodes", barcodes)
        put(m, "data", data)
        put(m, "indices", indices)
        put(m, "indptr", indptr.astype(np.int32) if nnz < 2**31 else indptr)
        put(m, "shape", np.array([n_genes, n_cells], dtype=np.int32))
        feats = m.create_group("features")
        put(feats, "id", ids)
        put(feats, "name", genes)
        put(feats, "feature_type", np.array([b"Gene Expression"] * n_genes))
        put(feats, "genome", np.array([b"Unknown"] * n_genes))
        put(feats, "_all_tag_keys", np.array([b"genome"]))
    print("h5 written", nnz, "values", flush=True)


if "h5" in files:
    write_matrix()

schema = pa.schema([("transcript_id", pa.uint64()), ("cell_id", pa.string()), ("overlaps_nucleus", pa.uint8()),
                    ("feature_name", pa.string()), ("x_location", pa.float32()), ("y_location", pa.float32()),
                    ("z_location", pa.float32()), ("qv", pa.float32()), ("fov_name", pa.string()),
                    ("nucleus_distance", pa.float32()), ("codeword_index", pa.int32()),
                    ("codeword_category", pa.string()), ("is_gene", pa.bool_())])
gene_str = pa.array(genes.astype(str))
cell_arr = pa.array(np.concatenate([cells_str, np.array(["UNASSIGNED"])]))
fovs = pa.array([f"{chr(65 + i // 20)}{i % 20}" for i in range(200)])
writer = pq.ParquetWriter(os.path.join(out, "transcripts.parquet"), schema, compression="snappy") \
    if "parquet" in files else None
csv = gzip.open(os.path.join(out, "transcripts.csv.gz"), "wb", compresslevel=6) if "csv" in files else None
batch = 1_000_000
written = 0
while written < n_tx:
    n = min(batch, n_tx - written)
    g = rng.integers(0, n_genes, n)
    c = rng.integers(0, n_cells + 1, n)
    table = pa.table({
        "transcript_id": pa.array(np.arange(written, written + n, dtype=np.uint64) + 281492156652070),
        "cell_id": cell_arr.take(pa.array(c)),
        "overlaps_nucleus": pa.array(rng.integers(0, 2, n).astype(np.uint8)),
        "feature_name": gene_str.take(pa.array(g)),
        "x_location": pa.array(rng.uniform(0, 10000, n).astype(np.float32)),
        "y_location": pa.array(rng.uniform(0, 8000, n).astype(np.float32)),
        "z_location": pa.array(rng.uniform(10, 30, n).astype(np.float32)),
        "qv": pa.array(rng.uniform(20, 40, n).astype(np.float32)),
        "fov_name": fovs.take(pa.array(rng.integers(0, 200, n))),
        "nucleus_distance": pa.array(rng.exponential(3, n).astype(np.float32)),
        "codeword_index": pa.array(g.astype(np.int32)),
        "codeword_category": pa.array(["predesigned_gene"] * n),
        "is_gene": pa.array(np.ones(n, dtype=bool)),
    }, schema=schema)
    if writer:
        writer.write_table(table)
    if csv:  # XOA 1.x csv header (no codeword columns)
        pacsv.write_csv(table.select(["transcript_id", "cell_id", "overlaps_nucleus", "feature_name", "x_location",
                                      "y_location", "z_location", "qv", "fov_name", "nucleus_distance"]), csv,
                        pacsv.WriteOptions(include_header=written == 0, quoting_style="none"))
    written += n
    print("transcripts", written, flush=True)
if writer:
    writer.close()
if csv:
    csv.close()
