package org.spatialx.api.data;

import java.util.Set;

/**
 * One decoded transcript.
 *
 * @param gene   the gene (target) name
 * @param x      x position, in the file's unit (microns for Xenium and MERSCOPE, pixels for CosMx)
 * @param y      y position
 * @param z      z position, or NaN when the file has none
 * @param cellId the cell it was assigned to, or empty when the file has no such column. As written
 *               in the file, except for CosMx, whose {@code cell_ID} restarts in every FOV: there it
 *               is {@code <fov>_<cell_ID>} (the unassigned {@code 0} stays {@code 0})
 */
public record Transcript(String gene, double x, double y, double z, String cellId) {

    /** The cell ids instruments write for a transcript outside every cell. */
    private static final Set<String> UNASSIGNED = Set.of("", "0", "-1", "UNASSIGNED");

    /** Whether this transcript lies in a cell (Xenium {@code UNASSIGNED}, CosMx 0, MERSCOPE -1 do not). */
    public boolean inCell() {
        return !UNASSIGNED.contains(cellId);
    }
}
