package org.spatialx.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One decoded request: query string, form or multipart text fields, JSON body and file parts,
 * looked up by name regardless of how the client sent them (protocol 1.4). Scalars follow the
 * Python encoding: booleans may be {@code True}/{@code False} (protocol 11.3).
 */
public final class ApiRequest {

    private final String method;
    private final String route;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> fields;
    private final JsonNode json;
    private final List<FilePart> files;

    public ApiRequest(String method, String route, Map<String, List<String>> query,
                      Map<String, List<String>> fields, JsonNode json, List<FilePart> files) {
        this.method = method;
        this.route = route;
        this.query = query;
        this.fields = fields;
        this.json = json == null || !json.isObject() ? JsonNodeFactory.instance.objectNode() : json;
        this.files = files;
    }

    public String method() {
        return method;
    }

    /** The path after the family prefix, e.g. {@code openapi/study/list}. */
    public String route() {
        return route;
    }

    /** The JSON body (an empty object when the body was not a JSON object). */
    public JsonNode json() {
        return json;
    }

    /** The file part named {@code field}, or null. */
    public FilePart file(String field) {
        for (FilePart part : files) {
            if (part.field().equals(field)) {
                return part;
            }
        }
        return null;
    }

    /** Every file part (the server deletes those not moved away after the handler). */
    public List<FilePart> files() {
        return files;
    }

    /**
     * The first value of {@code name} from the JSON body, the form/multipart fields or the query; null if absent.
     * A JSON object or array is refused: every field read this way is a single value ({@link #list} reads lists).
     */
    public String text(String name) {
        JsonNode node = json.get(name);
        if (node != null && !node.isNull()) {
            if (!node.isValueNode()) {
                throw ApiException.badRequest("'" + name + "' must be a single value (a string or a number), got a"
                        + " JSON " + (node.isArray() ? "array" : "object") + " in " + route + ".");
            }
            return node.asText();
        }
        List<String> values = fields.get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        values = query.get(name);
        return values != null && !values.isEmpty() ? values.get(0) : null;
    }

    /** {@link #text} or {@code fallback}. */
    public String text(String name, String fallback) {
        String value = text(name);
        return value == null ? fallback : value;
    }

    /** {@link #text}, failing with a clear message when absent or empty. */
    public String required(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("Missing '" + name + "' in the " + route + " request; send it as "
                    + "protocol section 2 describes for this endpoint.");
        }
        return value;
    }

    /**
     * An integer field, or {@code fallback} when absent. Written as an integer or as a whole number in decimal
     * or exponent notation ({@code 100.0}, {@code 1e6}: what a JSON encoder may send); anything outside the
     * 64-bit range, a fraction, {@code Infinity} or {@code NaN} is refused rather than rounded or saturated.
     */
    public long longValue(String name, long fallback) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            try {
                BigDecimal number = new BigDecimal(trimmed);
                if (number.precision() - number.scale() <= 19) { // no huge exponent is ever expanded
                    BigInteger whole = number.toBigIntegerExact();
                    if (whole.bitLength() < Long.SIZE) {
                        return whole.longValue();
                    }
                }
            } catch (NumberFormatException | ArithmeticException ignored) {
                // reported below
            }
            throw ApiException.badRequest("'" + name + "' must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", got '" + shorten(value) + "' in " + route + ".");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    /** A required integer field. */
    public long requiredLong(String name) {
        required(name);
        return longValue(name, 0);
    }

    /** A boolean: JSON true/false, or {@code True}/{@code False}/{@code true}/{@code 1}/{@code 0} as text. */
    public boolean bool(String name, boolean fallback) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("'" + name + "' must be True or False, got '" + value
                    + "' in " + route + ".");
        };
    }

    /** Every value of a repeated key ({@code tags=a&tags=b}) or a JSON array. */
    public List<String> list(String name) {
        JsonNode node = json.get(name);
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> out.add(item.asText()));
            return out;
        }
        if (node != null && !node.isNull()) {
            out.add(node.asText());
            return out;
        }
        out.addAll(fields.getOrDefault(name, List.of()));
        out.addAll(query.getOrDefault(name, List.of()));
        return out;
    }

    /** True when the field is present anywhere in the request. */
    public boolean has(String name) {
        return json.has(name) || fields.containsKey(name) || query.containsKey(name);
    }
}
