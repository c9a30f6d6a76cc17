package org.spatialx.api;

/**
 * The {@code enable_status} of studies, samples and data, with its display text (protocol 5.4).
 */
public enum EnableStatus implements WireEnum {
    CREATED(0),
    READY_TO_USE(1),
    PROCESSING(2),
    DELETED(3);

    private final int value;

    EnableStatus(int value) {
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
    public static EnableStatus fromValue(int wire) {
        return WireEnum.lookup(EnableStatus.class, Integer.toString(wire));
    }

    /** The text SpatialX shows for this status ("Created", "Ready to use", "Processing", "Deleted"). */
    public String displayText() {
        return switch (this) {
            case CREATED -> "Created";
            case READY_TO_USE -> "Ready to use";
            case PROCESSING -> "Processing";
            case DELETED -> "Deleted";
        };
    }

    /** Whether an entry with this status is hidden from listings (status 3 and above). */
    public static boolean isHidden(int enableStatus) {
        return enableStatus >= DELETED.value;
    }
}
