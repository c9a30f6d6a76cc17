package org.spatialx.api;

/**
 * Built-in group names (protocol 5.4); mirrors {@code DefaultGroup}.
 */
public enum DefaultGroup implements WireEnum {
    PERSONAL_WORKSPACE("Personal workspace"),
    ALL_MEMBERS("All members"),
    LENS_GROUP_ID_PERSONAL_WORKSPACE("personal"),
    LENS_GROUP_ID_ALL_MEMBERS("all_members");

    private final String value;

    DefaultGroup(String value) {
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
    public static DefaultGroup fromValue(String text) {
        return WireEnum.lookup(DefaultGroup.class, text);
    }
}
