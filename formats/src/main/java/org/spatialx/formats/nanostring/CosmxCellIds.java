package org.spatialx.formats.nanostring;


/**
 * CosMx numbers cells per field of view, so a cell id is unique only with its FOV: every reader of
 * CosMx tables (expression matrix, cell metadata, transcripts, polygons) names a cell
 * {@code <fov>_<cell_ID>} through this one rule, so that they join.
 */
public final class CosmxCellIds {

    /** The cell id CosMx gives transcripts outside any cell. */
    public static final String UNASSIGNED = "0";

    private CosmxCellIds() {
    }

    /**
     * {@code <fov>_<cell>} (both trimmed); the unassigned cell {@value #UNASSIGNED} keeps its bare id,
     * and without a FOV ({@code null}) the cell id is returned as it is.
     */
    public static String qualified(String fov, String cell) {
        String id = cell.trim();
        return fov == null || id.equals(UNASSIGNED) ? id : fov.trim() + "_" + id;
    }
}
