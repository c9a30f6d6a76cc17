package org.spatialx.core;

/**
 * Optional arguments of {@code create_study} (protocol 4.3).
 *
 * @param description free text (default empty)
 */
public record CreateStudyOptions(String description) {

    /** The Python default: {@code description=""}. */
    public static CreateStudyOptions defaults() {
        return new CreateStudyOptions("");
    }
}
