package org.spatialx.api.technology;

import java.util.List;
import java.util.Objects;

/**
 * A logical part of an instrument's output (experiment, images, transcripts, ...), with the ordered
 * {@link Alternative}s it may be found as.
 *
 * @param name         logical name shown in reports, e.g. {@code transcripts}
 * @param wireKey      key of the SampleData pair it fills (protocol sections 6 and 5.10), or
 *                     {@code null} for an element that is only checked and reported
 * @param required     whether the data set is unusable without it
 * @param alternatives where to look, most preferred first
 * @param description  one line for users; may be empty
 */
public record Element(String name, String wireKey, boolean required, List<Alternative> alternatives, String description) {

    /** Copies the alternatives and rejects an element that has none. */
    public Element {
        Objects.requireNonNull(name, "name");
        alternatives = List.copyOf(alternatives);
        description = description == null ? "" : description;
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("Element '" + name + "' needs at least one alternative");
        }
    }

    /** A required element filling the SampleData pair {@code wireKey}. */
    public static Element required(String name, String wireKey, Alternative... alternatives) {
        return new Element(name, wireKey, true, List.of(alternatives), "");
    }

    /** An optional element filling the SampleData pair {@code wireKey} when present. */
    public static Element optional(String name, String wireKey, Alternative... alternatives) {
        return new Element(name, wireKey, false, List.of(alternatives), "");
    }

    /** An optional element that is reported but never sent (e.g. Xenium's {@code cells.parquet}). */
    public static Element reported(String name, Alternative... alternatives) {
        return new Element(name, null, false, List.of(alternatives), "");
    }

    /** A copy with a description. */
    public Element describedAs(String text) {
        return new Element(name, wireKey, required, alternatives, text);
    }

    /** Whether this element fills a SampleData pair. */
    public boolean sent() {
        return wireKey != null;
    }
}
