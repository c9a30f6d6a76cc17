package org.spatialx.api.technology;

import java.util.Objects;

/**
 * The instrument or analysis software version a data set was written by.
 *
 * @param value  the version, e.g. {@code xenium-3.0.0.15}, or a text starting with {@code unknown}
 * @param source where it was read, e.g. {@code experiment.xenium analysis_sw_version}; or why it is unknown
 */
public record SoftwareVersion(String value, String source) {

    /** The value shown when detection ran over a listing that cannot read file content. */
    public static final String UNKNOWN_REMOTE = "unknown (remote listing)";

    /** Rejects null fields. */
    public SoftwareVersion {
        Objects.requireNonNull(value, "value");
        source = source == null ? "" : source;
    }

    /** A version read from {@code source}. */
    public static SoftwareVersion of(String value, String source) {
        return new SoftwareVersion(value, source);
    }

    /** An unknown version, with the reason. */
    public static SoftwareVersion unknown(String reason) {
        return new SoftwareVersion("unknown", reason);
    }

    /** Whether the version is known. */
    public boolean known() {
        return !value.startsWith("unknown");
    }
}
