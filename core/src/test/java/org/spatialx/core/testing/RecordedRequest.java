package org.spatialx.core.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request as the {@link RecordingHttpServer} received it.
 *
 * @param method   HTTP method
 * @param path     raw path (still percent-encoded)
 * @param rawQuery raw query string, or null
 * @param headers  header name (lower case) to values
 * @param body     raw body bytes
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                              byte[] body) {

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The decoded query pairs in wire order (repeated keys kept). */
    public List<Map.Entry<String, String>> queryPairs() {
        return decode(rawQuery);
    }

    /** The decoded form-urlencoded body pairs in wire order. */
    public List<Map.Entry<String, String>> formPairs() {
        return decode(bodyText());
    }

    /** Decodes {@code a=1&b=2} (with {@code +} as space) into ordered pairs. */
    public static List<Map.Entry<String, String>> decode(String encoded) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(Map.entry(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return pairs;
    }

    /** {@code METHOD path?query}, for assertion messages. */
    @Override
    public String toString() {
        return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + " " + bodyText();
    }
}
