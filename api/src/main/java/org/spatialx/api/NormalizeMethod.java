package org.spatialx.api;

/**
 * Expression normalisation used by analyses (protocol 5.4).
 */
public enum NormalizeMethod implements WireEnum {
    RAW("raw"),
    LOG1P_NORMALIZE("log1p-normalized"),
    SQRT_NORMALIZE("sqrt-normalized");

    private final String value;

    NormalizeMethod(String value) {
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
    public static NormalizeMethod fromValue(String text) {
        return WireEnum.lookup(NormalizeMethod.class, text);
    }
}
