package org.spatialx.api;

/**
 * Comparison used with {@code active} when listing studies (protocol 5.4).
 */
public enum StudyFilter implements WireEnum {
    EQUAL(0),
    NOT_LARGER(1),
    LARGER(2);

    private final int value;

    StudyFilter(int value) {
        this.value = value;
    }

    /** The integer sent on the wire. */
    @Override
    public Integer value() {
        return value;
    }

    /**
     * The member with this wire value.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static StudyFilter fromValue(int wire) {
        return WireEnum.lookup(StudyFilter.class, Integer.toString(wire));
    }
}
