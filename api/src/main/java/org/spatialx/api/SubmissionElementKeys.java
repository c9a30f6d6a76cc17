package org.spatialx.api;

/**
 * Keys of the {@code files}/{@code folders}/{@code args} pairs of a SampleData (protocol 5.10); mirrors {@code SubmissionElementKeys}.
 */
public enum SubmissionElementKeys implements WireEnum {
    IMAGES("images"),
    PROTEIN_IMAGES("protein_images"),
    SEGMENTATION("segmentation"),
    TRANSCRIPTS("transcripts"),
    CELL_CENTERS("cell_centers"),
    MATRIX("matrix"),
    EXPRESSION("annotated_data"),
    ALIGNMENT("alignment"),
    SCALEFACTORS("scalefactors"),
    TISSUE_POSITIONS("tissue_positions"),
    MPP("mpp"),
    IMAGES_ID("images_id"),
    SEGMENTATION_ID("segmentation_id"),
    SPATIAL_ID("spatial_id"),
    NUCLEI_CHANNELS("nuclei_channels"),
    MEMBRANE_CHANNELS("membrane_channels"),
    REFERENCE_ANNDATA_PATHS("reference_anndata_paths"),
    INCLUDED_IMAGES("included_images"),
    INCLUDED_SEGMENTATION("included_segmentation"),
    METADATA_ACTION("metadata_action");

    private final String value;

    SubmissionElementKeys(String value) {
        this.value = value;
    }

    /** The exact string sent on the wire. */
    @Override
    public String value() {
        return value;
    }

    /**
     * The member whose wire value or name equals {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static SubmissionElementKeys fromValue(String text) {
        return WireEnum.lookup(SubmissionElementKeys.class, text);
    }
}
