package org.spatialx.api;

/**
 * Element codes for submitting transcripts (protocol 5.7); the notebook's {@code TrasncriptsSubmission} (the shell exports both spellings; the name never reaches the wire).
 */
public enum TranscriptsSubmission implements WireEnum {
    COSMX_VER1("TRANSCRIPTS_COSMX_VER1"),
    COSMX_VER2("TRANSCRIPTS_COSMX_VER2"),
    MERSCOPE_VER1("TRANSCRIPTS_MERSCOPE_VER1"),
    MERSCOPE_VER2("TRANSCRIPTS_MERSCOPE_VER2"),
    XENIUM("TRANSCRIPTS_XENIUM"),
    XENIUM_HE("TRANSCRIPTS_XENIUM_HE"),
    ZARR_SPATIALDATA("TRANSCRIPTS_ZARR_SPATIALDATA"),
    DATAFRAME("TRANSCRIPTS_DATAFRAME");

    private final String value;

    TranscriptsSubmission(String value) {
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
    public static TranscriptsSubmission fromValue(String text) {
        return WireEnum.lookup(TranscriptsSubmission.class, text);
    }
}
