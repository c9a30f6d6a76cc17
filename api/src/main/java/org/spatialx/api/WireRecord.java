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
 */
public interface WireRecord {

    /** Fields the server sent beyond the documented ones, in the order it sent them. */
    Map<String, Object> extras();

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

    /** An unmodifiable copy of {@code extras} keeping its order (null becomes empty). */
    static Map<String, Object> copyExtras(Map<String, Object> extras) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }
}
