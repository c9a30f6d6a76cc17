package org.spatialx.api;

/**
 * Instrument technologies accepted by a submission (protocol 5.1); mirrors {@code spatialx_connector.Technologies}.
 */
public enum Technologies implements WireEnum {
    COSMX_VER1("COSMX_VER1"),
    COSMX_VER2("COSMX_VER2"),
    MERSCOPE_VER1("MERSCOPE_VER1"),
    MERSCOPE_VER2("MERSCOPE_VER2"),
    XENIUM("XENIUM"),
    XENIUM_HE("XENIUM_HE"),
    VISIUM("VISIUM"),
    VISIUM_HD("VISIUM_HD"),
    SLIDE_SEQ("SLIDE_SEQ"),
    VISIUM_HD_TO_SC("VISIUM_HD_TO_SC"),
    SPATIALDATA_ZARR("SPATIALDATA_ZARR"),
    SPATIALDATA_H5AD("SPATIALDATA_H5AD"),
    SPATIALDATA_RDS("SPATIALDATA_RDS"),
    PROTEIN_OME_TIFF("PROTEIN_OME_TIFF"),
    PROTEIN_QPTIFF("PROTEIN_QPTIFF"),
    PROTEIN_MCD("PROTEIN_MCD");

    private final String value;

    Technologies(String value) {
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
    public static Technologies fromValue(String text) {
        return WireEnum.lookup(Technologies.class, text);
    }
}
