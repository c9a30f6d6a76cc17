/**
 * Values read from instrument outputs and exchanged with analyses: sparse expression matrices in
 * the file's element type, cell positions, transcripts, cell polygons, dense embeddings, neighbour
 * graphs and per-cell or per-gene columns. Readers live in the {@code formats} module.
 */
package org.spatialx.api.data;
