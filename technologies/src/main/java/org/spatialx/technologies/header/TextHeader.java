package org.spatialx.technologies.header;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.spatialx.api.technology.DetectionContext;

/** Reads the first lines of text files (plain or gzip) and picks fields out of them. */
public final class TextHeader {

    /** How much of a file detection reads: enough for a header, never a whole data file. */
    public static final int HEAD_BYTES = 64 * 1024;

    private TextHeader() {
    }

    /** The first bytes of {@code relativePath} as text, gunzipped when it is gzip; empty when unreadable. */
    public static Optional<String> head(DetectionContext context, String relativePath) {
        return context.storage().readHead(context.resolve(relativePath), HEAD_BYTES).map(TextHeader::decode);
    }

    /** The first line of {@code relativePath}, quotes and a byte-order mark removed. */
    public static Optional<String> firstLine(DetectionContext context, String relativePath) {
        return head(context, relativePath).map(text -> {
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "").replace("\"", "");
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        });
    }

    /** The string value of a top-level JSON field {@code "name": "value"}, read without a JSON library. */
    public static Optional<String> jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The number of a JSON field {@code "name": 5}. */
    public static Optional<String> jsonNumber(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?[0-9.]+)").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first group of {@code regex} in {@code text}. */
    public static Optional<String> find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String decode(byte[] bytes) {
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0 && out.size() < HEAD_BYTES) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException truncated) {
                // only the head of the stream was read: keep what was inflated
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
