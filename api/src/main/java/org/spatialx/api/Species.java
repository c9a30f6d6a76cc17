package org.spatialx.api;

/**
 * Species of a study (protocol 5.4); mirrors {@code Species}.
 */
public enum Species implements WireEnum {
    HUMAN("human"),
    MOUSE("mouse"),
    OTHERS("others"),
    NON_HUMAN_PRIMATE("nonHumanPrimate");

    private final String value;

    Species(String value) {
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
    public static Species fromValue(String text) {
        return WireEnum.lookup(Species.class, text);
    }
}
