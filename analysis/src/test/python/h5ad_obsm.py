"""Prints the obs names of an .h5ad, one per line, and writes obsm[KEY] as float64 (raw little-endian).

Usage: h5ad_obsm.py FILE KEY OUT
"""
import sys

import h5py
import numpy as np

path, key, out = sys.argv[1:4]
with h5py.File(path, "r") as f:
    index = f["obs"].attrs.get("_index", "_index")
    for name in f["obs"][index].asstr()[:]:
        print(name)
    np.asarray(f["obsm"][key], dtype="<f8").tofile(out)
