package org.spatialx.api.ingestion;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The files of one submitted data set as a {@link DataReader} sees them, by element name: the
 * SampleData's {@code files}/{@code folders} pairs (an element is found under its wire key) and,
 * for the technology's own layout, the elements detection finds beside them (Xenium's
 * {@code cell_matrix}, CosMx's {@code metadata}), which are never sent.
 */
public interface SubmittedFiles {

    /** The local file or folder of the element {@code name}, or empty when the data set has none. */
    Optional<Path> find(String name);

    /** The element {@code name}; fails naming the element and what the data set has instead. */
    Path require(String name);

    /** A technology or submission argument ({@code args} pair), e.g. {@code mpp}. */
    Optional<String> arg(String key);

    /** A numeric argument, e.g. CosMx {@code mpp = 0.18}; empty when absent or not a number. */
    default OptionalDouble number(String key) {
        Optional<String> text = arg(key);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** A short description for messages, e.g. the data set's folder. */
    String describe();
}
