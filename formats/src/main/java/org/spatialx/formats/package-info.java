/**
 * Readers and writers of the files spatial data lives in: instrument outputs (matrices, positions,
 * transcripts, boundaries in HDF5, Parquet and CSV) and the AnnData/SpatialData layouts SpatialX
 * stores. Technologies, the server's ingestion and the analyses read and write through this module.
 */
package org.spatialx.formats;
