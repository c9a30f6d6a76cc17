package org.spatialx.technologies.transcripts;

/**
 * One decoded transcript.
 *
 * @param gene   the gene (target) name
 * @param x      x position, in the file's unit (microns for Xenium and MERSCOPE, pixels for CosMx)
 * @param y      y position
 * @param z      z position, or NaN when the file has none
 * @param cellId the cell it was assigned to as written in the file, or empty when the file has no such column
 */
public record Transcript(String gene, double x, double y, double z, String cellId) {
}
