package org.spatialx.api;

/**
 * Element codes for submitting expression matrices (protocol 5.8); mirrors {@code ExpressionSubmission}.
 */
public enum ExpressionSubmission implements WireEnum {
    IMPORT_ANNDATA("IMPORT_ANNDATA"),
    VISIUM("ANNOTATED_DATA_VISIUM"),
    VISIUM_HD("ANNOTATED_DATA_VISIUM_HD"),
    SLIDE_SEQ("ANNOTATED_DATA_SLIDE_SEQ"),
    GEOMX("ANNOTATED_DATA_GEOMX"),
    STOMICS_BINS("ANNOTATED_DATA_STOMICS_BINS"),
    STOMICS_CELL_BINS("ANNOTATED_DATA_STOMICS_CELL_BINS"),
    MERGE_MULTIPLE_ANNDATA("MERGE_MULTIPLE_ANNDATA");

    private final String value;

    ExpressionSubmission(String value) {
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
    public static ExpressionSubmission fromValue(String text) {
        return WireEnum.lookup(ExpressionSubmission.class, text);
    }
}
