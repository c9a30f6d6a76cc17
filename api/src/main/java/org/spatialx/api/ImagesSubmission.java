package org.spatialx.api;

/**
 * Element codes for submitting images (protocol 5.5); mirrors {@code ImagesSubmission}.
 */
public enum ImagesSubmission implements WireEnum {
    COSMX_VER1("IMAGES_COSMX_VER1"),
    COSMX_VER2("IMAGES_COSMX_VER2"),
    MERSCOPE_VER1("IMAGES_MERSCOPE_VER1"),
    MERSCOPE_VER2("IMAGES_MERSCOPE_VER2"),
    XENIUM("IMAGES_XENIUM"),
    XENIUM_HE("IMAGES_XENIUM_HE"),
    VISIUM("IMAGES_VISIUM"),
    VISIUM_HD("IMAGES_VISIUM_HD"),
    PROTEIN_OME_TIFF("IMAGES_PROTEIN_OME_TIFF"),
    PROTEIN_QPTIFF("IMAGES_PROTEIN_QPTIFF"),
    PROTEIN_MCD("IMAGES_PROTEIN_MCD"),
    PROTEIN_COSMX_VER2("IMAGES_PROTEIN_COSMX_VER2"),
    ZARR_SPATIALDATA("IMAGES_ZARR_SPATIALDATA"),
    TIFFFILE("IMAGES_TIFFFILE"),
    TIFFFILE_3D("IMAGES_TIFFFILE_3D"),
    TIFFFILE_HE("IMAGES_TIFFFILE_HE"),
    FROM_EXISTED("IMAGES_FROM_EXISTED"),
    PROTEIN_FROM_EXISTED("IMAGES_PROTEIN_FROM_EXISTED");

    private final String value;

    ImagesSubmission(String value) {
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
    public static ImagesSubmission fromValue(String text) {
        return WireEnum.lookup(ImagesSubmission.class, text);
    }
}
