/**
 * Two-dimensional layouts of an embedding: UMAP (fuzzy simplicial set, spectral, PCA or random start,
 * SGD with negative sampling) and t-SNE (perplexity affinities, Barnes-Hut or FFT-interpolated
 * repulsion, scikit-learn's gradient descent), with what they share: starting layouts and the
 * neighbour preservation a layout is reported with.
 */
package org.spatialx.analysis.layout;
