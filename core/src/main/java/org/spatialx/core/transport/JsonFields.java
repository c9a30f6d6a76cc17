package org.spatialx.core.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON objects for request bodies with their keys in the protocol's order (Python sends them in
 * the order its dict literals list them, protocol 1.4).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A map of {@code key1, value1, key2, value2, ...} in this order. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("JsonFields.of takes keys and values in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
