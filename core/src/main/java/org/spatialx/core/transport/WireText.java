package org.spatialx.core.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.spatialx.api.WireEnum;
import org.spatialx.core.print.PythonFloat;

/**
 * The scalar rules of query strings, form bodies and multipart text parts (protocol 1.4): Python
 * {@code str()} of each value ({@code True}/{@code False}, {@code 0.25}, enums as their wire
 * value), {@code None} omitted, lists as repeated keys; percent-encoding like Python's
 * {@code urlencode} ({@code quote_plus}).
 */
public final class WireText {

    private WireText() {
    }

    /** The text of one scalar: booleans {@code True}/{@code False}, floats Python style, enums their value. */
    public static String scalar(Object value) {
        return switch (value) {
            case Boolean b -> b ? "True" : "False";
            case WireEnum wire -> String.valueOf(wire.value());
            case Enum<?> member -> member.name();
            case Double d -> PythonFloat.repr(d);
            case Float f -> PythonFloat.repr(f);
            default -> String.valueOf(value);
        };
    }

    /**
     * Expands {@code (key, value)} pairs to wire pairs: null values dropped, collections and
     * arrays one pair per non-null item, everything else through {@link #scalar(Object)}.
     */
    public static List<Map.Entry<String, String>> expand(List<Map.Entry<String, Object>> pairs) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, Object> pair : pairs) {
            Object value = pair.getValue();
            if (value instanceof Object[] array) {
                value = List.of(array);
            }
            if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (item != null) {
                        out.add(Map.entry(pair.getKey(), scalar(item)));
                    }
                }
            } else if (value != null) {
                out.add(Map.entry(pair.getKey(), scalar(value)));
            }
        }
        return out;
    }

    /** {@code key=value&key2=value2} of the expanded pairs, encoded like Python's {@code urlencode}. */
    public static String urlencode(List<Map.Entry<String, Object>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : expand(pairs)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(quotePlus(pair.getKey())).append('=').append(quotePlus(pair.getValue()));
        }
        return out.toString();
    }

    /** Python's {@code quote_plus}: unreserved characters kept, space as {@code +}, the rest as UTF-8 {@code %XX}. */
    public static String quotePlus(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-encodes the characters a URL path may not contain; {@code /} and existing escapes are kept. */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
