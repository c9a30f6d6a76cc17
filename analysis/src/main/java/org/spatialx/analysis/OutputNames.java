package org.spatialx.analysis;

import java.math.BigDecimal;

/**
 * How results are named when the caller gives no title, in SpatialX's style: the method, then
 * {@code key=value} parts joined by {@code " - "} ({@code UMAP - n_neighbors=15},
 * {@code Louvain clustering - resolution=0.1}, {@code scVI - 20 latents - 486 top genes}).
 */
public final class OutputNames {

    private OutputNames() {
    }

    /** {@code method} followed by each part, joined by {@code " - "}. */
    public static String of(String method, String... parts) {
        StringBuilder name = new StringBuilder(method);
        for (String part : parts) {
            name.append(" - ").append(part);
        }
        return name.toString();
    }

    /** {@code key=value}, the value written as SpatialX lists it ({@code resolution=1}, {@code resolution=0.1}). */
    public static String setting(String key, Number value) {
        return key + "=" + number(value);
    }

    /**
     * A number as the listings show it: whole numbers without a fraction ({@code 1}, not {@code 1.0}),
     * others in plain decimal notation ({@code 0.2125}).
     */
    public static String number(Number value) {
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
