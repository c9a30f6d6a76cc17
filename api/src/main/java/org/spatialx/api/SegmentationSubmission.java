package org.spatialx.api;

/**
 * Element codes for submitting segmentation or spots (protocol 5.6); mirrors {@code SegmentationSubmission}.
 */
public enum SegmentationSubmission implements WireEnum {
    COSMX_VER1("SEGMENTATION_COSMX_VER1"),
    COSMX_VER2("SEGMENTATION_COSMX_VER2"),
    MERSCOPE_VER1("SEGMENTATION_MERSCOPE_VER1"),
    MERSCOPE_VER2("SEGMENTATION_MERSCOPE_VER2"),
    XENIUM("SEGMENTATION_XENIUM"),
    XENIUM_HE("SEGMENTATION_XENIUM_HE"),
    VISIUM("SPOT_VISIUM"),
    VISIUM_HD("SPOT_VISIUM_HD"),
    SLIDE_SEQ("SPOT_SLIDE_SEQ"),
    STOMICS_BINS("SEGMENTATION_STOMICS_BINS"),
    STOMICS_CELL_BINS("SEGMENTATION_STOMICS_CELL_BINS"),
    ZARR_SPATIALDATA("SEGMENTATION_ZARR_SPATIALDATA"),
    PARQUET("SEGMENTATION_PARQUET"),
    GEOJSON("SEGMENTATION_GEOJSON"),
    FEATHER("SEGMENTATION_FEATHER"),
    HALO("SEGMENTATION_HALO"),
    CELL_MASKS("SEGMENTATION_CELL_MASKS");

    private final String value;

    SegmentationSubmission(String value) {
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
    public static SegmentationSubmission fromValue(String text) {
        return WireEnum.lookup(SegmentationSubmission.class, text);
    }
}
