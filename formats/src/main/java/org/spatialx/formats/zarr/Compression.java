package org.spatialx.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.io.ByteArrayInputStream;
import java.util.zip.Inflater;

/**
 * A chunk compressor of zarr v2, by numcodecs id: {@code zlib} (what we write) or none, and for
 * reading also {@code gzip} and {@code blosc} (anndata's default: its LZ4 and zlib inner codecs with
 * byte shuffle, see {@link Blosc}).
 *
 * @param id    {@code zlib}, {@code gzip}, {@code blosc}, or {@code null} for uncompressed chunks
 * @param level the compression level (1 = fastest)
 */
public record Compression(String id, int level) {

    /** Uncompressed chunks. */
    public static final Compression NONE = new Compression(null, 0);
    /** numcodecs {@code Zlib(level=1)}: fast, and every zarr reader has it. */
    public static final Compression ZLIB = new Compression("zlib", 1);

    /** The {@code compressor} entry of {@code .zarray}. */
    JsonNode toJson() {
        if (id == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("level", level);
        return node;
    }

    /** Reads the {@code compressor} entry of {@code .zarray}; {@code where} names the array in errors. */
    static Compression fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        String id = node.path("id").asText();
        if (!id.equals("zlib") && !id.equals("gzip") && !id.equals("blosc")) {
            throw new ZarrException(where + ": compressor '" + id + "' is not supported (zlib, blosc, gzip or none); "
                    + "rewrite the array with compressor=numcodecs.Zlib()");
        }
        return new Compression(id, node.path("level").asInt(1));
    }

    /** Compresses a chunk. */
    byte[] encode(byte[] raw, int length) {
        if ("blosc".equals(id) || "gzip".equals(id)) {
            throw new UnsupportedOperationException(id + " is read, not written: write zlib or uncompressed chunks");
        }
        if (id == null) {
            return length == raw.length ? raw : java.util.Arrays.copyOf(raw, length);
        }
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(raw, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Decompresses a chunk of {@code expected} bytes (or -1 when unknown: strings). */
    byte[] decode(byte[] stored, int expected, String where) {
        if (id == null) {
            return stored;
        }
        if (id.equals("blosc")) {
            byte[] raw = Blosc.decode(stored, where);
            if (expected >= 0 && raw.length != expected) {
                throw new ZarrException(where + ": chunk decodes to " + raw.length + " bytes, expected " + expected);
            }
            return raw;
        }
        try {
            if (id.equals("gzip")) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                    return in.readAllBytes();
                }
            }
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(stored);
                if (expected >= 0) {
                    byte[] out = new byte[expected];
                    int n = 0;
                    while (n < expected && !inflater.finished()) {
                        int got = inflater.inflate(out, n, expected - n);
                        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        n += got;
                    }
                    if (n != expected) {
                        throw new ZarrException(where + ": chunk inflates to " + n + " bytes, expected " + expected);
                    }
                    return out;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
                byte[] buffer = new byte[64 * 1024];
                while (!inflater.finished()) {
                    int got = inflater.inflate(buffer);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new ZarrException(where + ": truncated zlib chunk");
                    }
                    out.write(buffer, 0, got);
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        } catch (IOException | DataFormatException e) {
            throw new ZarrException(where + ": corrupt " + id + " chunk: " + e.getMessage(), e);
        }
    }
}
