package org.spatialx.core.study;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.spatialx.api.WireRecord;

/**
 * The indexing rules the notebook's objects share ({@code studies[0]}, {@code study["SP-..."]},
 * {@code sample[0]["data_id"]}): a whole number is a position (negative from the end, like a Python
 * list); a text is a field of the object's record, else the id of a child.
 */
final class NotebookItems {

    private NotebookItems() {
    }

    /**
     * The child at {@code position} ({@code -1} is the last).
     *
     * @throws IndexOutOfBoundsException (Python's {@code IndexError}) naming the valid range
     */
    static <T> T at(List<T> children, int position, String owner, String kind) {
        int index = position < 0 ? children.size() + position : position;
        if (index < 0 || index >= children.size()) {
            throw new IndexOutOfBoundsException(owner + " has " + children.size() + " " + kind
                    + (children.size() == 1 ? "" : "s") + "; index " + position + " is out of range");
        }
        return children.get(index);
    }

    /**
     * The value of {@code key} among the fields of {@code records} (first match), else the child
     * whose id is {@code key}.
     *
     * @throws NoSuchElementException (Python's {@code KeyError}) naming the fields and child ids
     */
    static <T> Object item(Object key, String owner, List<? extends WireRecord> records, List<T> children,
                           Function<T, String> id, String kind) {
        if (key instanceof Number position) {
            return at(children, position.intValue(), owner, kind);
        }
        String name = String.valueOf(key);
        for (WireRecord record : records) {
            if (record != null && record.has(name)) {
                return record.get(name);
            }
        }
        for (T child : children) {
            if (name.equals(id.apply(child))) {
                return child;
            }
        }
        String fields = records.stream().filter(r -> r != null)
                .flatMap(r -> (r.sentFields() != null ? r.sentFields() : r.fieldNames()).stream())
                .distinct().collect(Collectors.joining(", "));
        String ids = children.stream().map(id).collect(Collectors.joining(", "));
        throw new NoSuchElementException(owner + " has no field or " + kind + " '" + name + "'; fields: " + fields
                + (ids.isEmpty() ? "; no " + kind + "s" : "; " + kind + "s: " + ids));
    }
}
