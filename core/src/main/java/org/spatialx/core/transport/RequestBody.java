package org.spatialx.core.transport;

import java.util.List;
import java.util.Map;

/** What a request carries (protocol 1.4): a JSON value, form fields, or a multipart body. */
public sealed interface RequestBody permits RequestBody.Json, RequestBody.Form, MultipartBody {

    /** The {@code {}} body Python sends with GETs and query-string POSTs (protocol 11.2). */
    Json EMPTY_JSON = new Json(Map.of());

    /**
     * A JSON body ({@code Content-Type: application/json}) laid out like Python's {@code json.dumps}.
     *
     * @param value a map, list or record; enums inside are sent as their wire values
     */
    record Json(Object value) implements RequestBody {
    }

    /**
     * A form body ({@code application/x-www-form-urlencoded}) with Python's scalar rules:
     * {@code True}/{@code False}, {@code None} omitted, lists as repeated keys.
     *
     * @param fields the fields in wire order
     */
    record Form(List<Map.Entry<String, Object>> fields) implements RequestBody {
        /** Copies the fields. */
        public Form {
            fields = List.copyOf(fields);
        }
    }
}
