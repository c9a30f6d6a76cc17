"""Generates the UMAP and t-SNE benchmark's embedding: CELLS cells of a 50-component PCA-like embedding.

Usage: generate_layout_data.py DIR CELLS [SEED]
Writes DIR/embedding.f64 (raw little-endian float64, CELLS x 50): 15 cell types of unequal sizes, each a
centre ~ N(0, 3^2) plus a position along the type's own direction (a trajectory, uniform in -4..4), plus
noise whose standard deviation falls from 1 to 0.3 over the components, as in a PCA.
"""
import os
import sys

import numpy as np

folder, cells = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
rng = np.random.default_rng(seed)
os.makedirs(folder, exist_ok=True)
types = 15
proportions = rng.dirichlet(np.full(types, 2.0))
kind = rng.choice(types, size=cells, p=proportions)
centres = rng.normal(0, 3, size=(types, 50))
directions = rng.normal(size=(types, 50))
directions /= np.linalg.norm(directions, axis=1, keepdims=True)
noise = np.linspace(1.0, 0.3, 50)
embedding = (centres[kind] + rng.uniform(-4, 4, size=(cells, 1)) * directions[kind]
             + rng.normal(size=(cells, 50)) * noise)
embedding.astype("<f8").tofile(os.path.join(folder, "embedding.f64"))
