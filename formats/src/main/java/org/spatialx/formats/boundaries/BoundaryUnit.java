package org.spatialx.formats.boundaries;


/** The unit of a boundary file's vertex coordinates. */
public enum BoundaryUnit {

    /** Microns in the slide's frame (Xenium, MERSCOPE). */
    MICRONS("um"),
    /** Pixels of the stitched (global) image (CosMx). */
    PIXELS("px");

    private final String symbol;

    BoundaryUnit(String symbol) {
        this.symbol = symbol;
    }

    /** {@code um} or {@code px}, the unit names {@link org.spatialx.api.data.CellPositions} uses. */
    public String symbol() {
        return symbol;
    }
}
