/** {@code analysis.embeddings}: scVI, UMAP, t-SNE and imported embeddings (PCA lives here too). */
package org.spatialx.analysis.embeddings;
