"""The reference side of ReaderBenchmark: reads one file with h5py, pandas or pyarrow and prints wall time
and peak RSS (ru_maxrss). Usage: reference_readers.py h5|parquet-pandas|parquet-pyarrow|csv-pandas FILE"""
import resource
import sys
import time

what, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if what == "h5":
    import h5py
    with h5py.File(path) as f:
        m = f["matrix"]
        data, indices, indptr = m["data"][:], m["indices"][:], m["indptr"][:]
        barcodes, ids, names = m["barcodes"][:], m["features/id"][:], m["features/name"][:]
    result = f"{len(barcodes):,} cells x {len(ids):,} genes, {len(data):,} values, total {data.sum(dtype='float64'):.0f}"
else:
    columns = ["feature_name", "x_location", "y_location", "z_location", "cell_id"]
    if what == "parquet-pyarrow":  # streaming, one record batch at a time
        import pyarrow.compute as pc
        import pyarrow.parquet as pq
        rows, sum_x = 0, 0.0
        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            rows += batch.num_rows
            sum_x += pc.sum(batch.column(1).cast("float64")).as_py()
    else:
        import pandas as pd
        df = pd.read_parquet(path, columns=columns) if what == "parquet-pandas" else pd.read_csv(path, usecols=columns)
        rows, sum_x = len(df), df.x_location.astype("float64").sum()
    result = f"{rows:,} transcripts, sum x {sum_x:.1f}"
seconds = time.perf_counter() - start
print(f"python {what} {path.split('/')[-1]}: {result}: {seconds:.2f} s, peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} kB")
