package org.spatialx.api;

/**
 * Technology strings of combined data sets (protocol 5.2); mirrors {@code CombinedTechnologies}.
 */
public enum CombinedTechnologies implements WireEnum {
    VISIUM("Visium"),
    VISIUM_HD("Visium HD"),
    GEOMX("GeoMx"),
    SINGLE_CELL_TRANSCRIPTOMICS("Single cell transcriptomics"),
    SINGLE_CELL_PROTEOMICS("Single cell proteomics");

    private final String value;

    CombinedTechnologies(String value) {
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
    public static CombinedTechnologies fromValue(String text) {
        return WireEnum.lookup(CombinedTechnologies.class, text);
    }
}
