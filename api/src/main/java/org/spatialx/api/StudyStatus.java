package org.spatialx.api;

/**
 * Study, sample and data status numbers (protocol 5.4); 3 means deleted and hidden.
 */
public enum StudyStatus implements WireEnum {
    CREATED_STATUS(0),
    SUCCESS_STATUS(1),
    PROCESSING_STATUS(2),
    DELETE_STATUS(3);

    private final int value;

    StudyStatus(int value) {
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
    public static StudyStatus fromValue(int wire) {
        return WireEnum.lookup(StudyStatus.class, Integer.toString(wire));
    }
}
