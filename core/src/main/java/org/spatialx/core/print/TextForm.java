package org.spatialx.core.print;

/**
 * A value that {@code format_print} renders through its own text form instead of as a
 * container (protocol 10: "other objects their own text form", e.g. the {@code Studies} table).
 */
public interface TextForm {

    /** The text {@code format_print} shows for this value. */
    String textForm();
}
