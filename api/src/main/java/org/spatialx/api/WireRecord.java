package org.spatialx.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record of the SpatialX wire format whose fields can also be read by their wire names, the
 * way the notebook indexes dicts ({@code studies[0]["study_id"]}, protocol 11.27). Fields a
 * server sends beyond the documented ones are kept in {@link #extras()}, in server order.
 *
 * <p>A record read from a server remembers which fields the server sent and in which order
 * ({@link #sentFields()}): printed with {@code format_print} or handed to a script it shows exactly
 * those, as the Python SDK shows the server's dict; a documented field the server did not send is
 * still readable (its accessor answers null) but is not added. A record built in Java has no sent
 * fields and is written with its documented fields, then its extras.
 */
public interface WireRecord {

    /** Fields the server sent beyond the documented ones, in the order it sent them. */
    Map<String, Object> extras();

    /**
     * The wire names of every field the server sent, documented or extra, in the order it sent
     * them; null for a record built in Java rather than read from a server.
     */
    List<String> sentFields();

    /**
     * The value of the field whose wire name is {@code field} (a documented field or an extra),
     * like Python's {@code record["study_id"]}.
     *
     * @throws IllegalArgumentException naming the available fields when there is no such field
     */
    default Object get(String field) {
        for (RecordComponent component : getClass().getRecordComponents()) {
            JsonProperty wire = component.getAccessor().getAnnotation(JsonProperty.class);
            if (wire != null && wire.value().equals(field)) {
                try {
                    return component.getAccessor().invoke(this);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + field + " of " + getClass().getSimpleName(), e);
                }
            }
        }
        if (extras().containsKey(field)) {
            return extras().get(field);
        }
        throw new IllegalArgumentException("No field '" + field + "' in " + getClass().getSimpleName()
                + "; available fields: " + String.join(", ", fieldNames()));
    }

    /**
     * True when {@code field} is a field of this record as a script sees it: one the server sent,
     * or for a record built in Java a documented field or an extra.
     */
    default boolean has(String field) {
        return sentFields() != null ? sentFields().contains(field) : fieldNames().contains(field);
    }

    /** The wire names of the documented fields followed by those of the extras. */
    default List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : getClass().getRecordComponents()) {
            JsonProperty wire = component.getAccessor().getAnnotation(JsonProperty.class);
            if (wire != null) {
                names.add(wire.value());
            }
        }
        names.addAll(extras().keySet());
        return names;
    }

    /** An unmodifiable copy of {@code sentFields}, or null (a record built in Java). */
    static List<String> copySentFields(List<String> sentFields) {
        return sentFields == null ? null : List.copyOf(sentFields);
    }

    /** An unmodifiable copy of {@code extras} keeping its order (null becomes empty). */
    static Map<String, Object> copyExtras(Map<String, Object> extras) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
