package org.spatialx.api;

/**
 * What {@code combine_multiple_datasets} does with the metadata of the combined data sets
 * ({@code metadata_action}, protocol 4.3).
 */
public enum MetadataAction implements WireEnum {
    /** Drop the data sets' metadata (the default). */
    IGNORE("ignore"),
    /** Merge metadata of the same name into one. */
    COMBINE("combine"),
    /** Keep each data set's metadata apart. */
    SEPARATE("separate");

    private final String value;

    MetadataAction(String value) {
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
    public static MetadataAction fromValue(String text) {
        return WireEnum.lookup(MetadataAction.class, text);
    }
}
