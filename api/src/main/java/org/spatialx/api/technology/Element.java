package org.spatialx.api.technology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A logical part of an instrument's output (experiment, images, transcripts, ...), with the ordered
 * {@link Alternative}s it may be found as. Declared with one of the factories, which say whether
 * the element is required and whether it fills a SampleData pair:
 *
 * <table>
 *   <caption>Element factories</caption>
 *   <tr><th></th><th>sent as a SampleData pair</th><th>only checked and reported</th></tr>
 *   <tr><td>required</td><td>{@link #required}</td><td>{@link #checked}</td></tr>
 *   <tr><td>optional</td><td>{@link #optional}</td><td>{@link #reported}</td></tr>
 * </table>
 *
 * @param name         logical name shown in reports, e.g. {@code transcripts}
 * @param wireKey      key of the SampleData pair it fills (protocol sections 6 and 5.10); empty for
 *                     an element that is only checked and reported
 * @param required     whether the data set is unusable without it
 * @param alternatives where to look, most preferred first
 * @param description  one line for users; may be empty
 */
public record Element(String name, Optional<String> wireKey, boolean required, List<Alternative> alternatives,
        String description) {

    /** Copies the alternatives and rejects an element that has none, or a blank wire key. */
    public Element {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wireKey, "wireKey");
        alternatives = List.copyOf(alternatives);
        description = description == null ? "" : description;
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("Element '" + name + "' needs at least one alternative");
        }
        if (wireKey.isPresent() && wireKey.get().isBlank()) {
            throw new IllegalArgumentException("Element '" + name + "' has a blank wire key; declare an element"
                    + " that is not sent with Element.checked(...) or Element.reported(...)");
        }
    }

    /** A required element filling the SampleData pair {@code wireKey}. */
    public static Element required(String name, String wireKey, Alternative... alternatives) {
        return new Element(name, Optional.of(requireKey(name, wireKey)), true, List.of(alternatives), "");
    }

    /** An optional element filling the SampleData pair {@code wireKey} when present. */
    public static Element optional(String name, String wireKey, Alternative... alternatives) {
        return new Element(name, Optional.of(requireKey(name, wireKey)), false, List.of(alternatives), "");
    }

    /**
     * A required element that is checked but never sent: the data set is incomplete without it,
     * though the server finds it by itself (e.g. the barcodes file beside a matrix).
     */
    public static Element checked(String name, Alternative... alternatives) {
        return new Element(name, Optional.empty(), true, List.of(alternatives), "");
    }

    /** An optional element that is reported but never sent (e.g. Xenium's {@code cells.parquet}). */
    public static Element reported(String name, Alternative... alternatives) {
        return new Element(name, Optional.empty(), false, List.of(alternatives), "");
    }

    /** A copy with a description. */
    public Element describedAs(String text) {
        return new Element(name, wireKey, required, alternatives, text);
    }

    /** Whether this element fills a SampleData pair. */
    public boolean sent() {
        return wireKey.isPresent();
    }

    private static String requireKey(String name, String wireKey) {
        if (wireKey == null) {
            throw new IllegalArgumentException("Element '" + name + "' needs a wire key; declare an element that is"
                    + " not sent with Element.checked(...) (required) or Element.reported(...) (optional)");
        }
        return wireKey;
    }
}
