package org.spatialx.core.print;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple, which {@code parse_to_str} prints like a list but in parentheses, {@code ()}
 * when empty (protocol 10). Java has no tuple type: the shell hands a script's tuples to
 * {@link FormatPrint} as this.
 *
 * @param items the items in order ({@code None} allowed)
 */
public record PythonTuple(List<?> items) {

    /** Copies the items. */
    public PythonTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }
}
