package org.spatialx.api;

/**
 * Study type numbers (protocol 5.4); spatial studies are type 1.
 */
public enum StudyType implements WireEnum {
    SINGLECELL_STUDY_TYPE_NUMBER(0),
    SPATIAL_STUDY_TYPE_NUMBER(1);

    private final int value;

    StudyType(int value) {
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
    public static StudyType fromValue(int wire) {
        return WireEnum.lookup(StudyType.class, Integer.toString(wire));
    }
}
