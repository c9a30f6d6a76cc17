package org.spatialx.api.ingestion;

/** What the rows of a technology's table are: cells (segmented) or spots/bins/beads on a capture array. */
public enum Centers {
    /** Cells: positions are stored as cell centres ({@code cell_centers}, obsm {@code Spatial Cell centers}). */
    CELLS,
    /** Spots, bins or beads: stored as circles ({@code spot}, obsm {@code Spatial Spot centers}). */
    SPOTS
}
