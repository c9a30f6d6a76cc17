package org.spatialx.api;

/**
 * Kinds of submission (protocol 5.3), with the rule that derives one from a technology.
 */
public enum SubmissionType implements WireEnum {
    SPATIAL_TRANSCRIPTOMICS("SUBMIT_SPATIAL_TRANSCRIPTOMICS"),
    SPATIAL_BULK("SUBMIT_SPATIAL_BULK"),
    SPATIAL_PROTEOMICS("SUBMIT_SPATIAL_PROTEOMICS"),
    PROCESSED_SPATIAL_DATA("SUBMIT_PROCESSED_SPATIAL_DATA"),
    OTHERS_FORMAT_DATA("SUBMIT_OTHERS_FORMAT_DATA"),
    COMBINED_DATASETS("COMBINED_DATASETS"),
    ADDING_ELEMENTS("ADDING_ELEMENTS");

    private final String value;

    SubmissionType(String value) {
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
    public static SubmissionType fromValue(String text) {
        return WireEnum.lookup(SubmissionType.class, text);
    }

    /**
     * The submission type of a technology, by the rule of protocol 5.3: transcriptomics
     * instruments, bulk (spot) instruments, proteomics, processed data, and
     * {@link #OTHERS_FORMAT_DATA} for anything else (including {@code VISIUM_HD_TO_SC} and
     * every {@link CombinedTechnologies} value).
     *
     * @param technology a {@link Technologies} wire value or name; any other text is allowed
     */
    public static SubmissionType detect(String technology) {
        if (technology == null) {
            return OTHERS_FORMAT_DATA;
        }
        return switch (technology) {
            case "COSMX_VER1", "COSMX_VER2", "MERSCOPE_VER1", "MERSCOPE_VER2", "XENIUM", "XENIUM_HE" ->
                    SPATIAL_TRANSCRIPTOMICS;
            case "VISIUM", "VISIUM_HD", "SLIDE_SEQ" -> SPATIAL_BULK;
            case "PROTEIN_OME_TIFF", "PROTEIN_QPTIFF", "PROTEIN_MCD" -> SPATIAL_PROTEOMICS;
            case "SPATIALDATA_ZARR", "SPATIALDATA_H5AD", "SPATIALDATA_RDS" -> PROCESSED_SPATIAL_DATA;
            default -> OTHERS_FORMAT_DATA;
        };
    }

    /** {@link #detect(String)} for an enum member. */
    public static SubmissionType detect(Technologies technology) {
        return detect(technology.value());
    }
}
