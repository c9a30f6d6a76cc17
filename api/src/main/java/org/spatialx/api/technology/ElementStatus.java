package org.spatialx.api.technology;

/** Outcome of looking for one {@link Element}. */
public enum ElementStatus {
    /** One of the alternatives is present. */
    FOUND,
    /** Absent, and the element is optional. */
    MISSING_OPTIONAL,
    /** Absent, and the element is required: the data set cannot be submitted as this technology. */
    MISSING_REQUIRED
}
