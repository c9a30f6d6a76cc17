package org.spatialx.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code .zarray} of a zarr v2 array: shape, chunk shape, element type and compressor. Only C order
 * is supported; string arrays carry the {@code vlen-utf8} filter.
 *
 * @param shape       the array's shape (1 or 2 dimensions)
 * @param chunks      the chunk shape, one entry per dimension
 * @param type        the element type
 * @param order       the byte order of stored values (we write little-endian)
 * @param compression the chunk compressor
 * @param separator   the chunk key separator ({@code .} by default, {@code /} when the array says so)
 */
public record ArrayMetadata(long[] shape, int[] chunks, DataType type, ByteOrder order, Compression compression,
        String separator) {

    /** Checks that shape and chunks agree. */
    public ArrayMetadata {
        if (shape.length != chunks.length || shape.length == 0 || shape.length > 2) {
            throw new ZarrException("Only 1- and 2-dimensional arrays are supported, with one chunk size per "
                    + "dimension: shape " + Arrays.toString(shape) + ", chunks " + Arrays.toString(chunks));
        }
        for (int c : chunks) {
            if (c <= 0) {
                throw new ZarrException("Chunk sizes must be positive: " + Arrays.toString(chunks));
            }
        }
    }

    /** A little-endian C-order array with the default {@code .} chunk key separator. */
    public static ArrayMetadata of(long[] shape, int[] chunks, DataType type, Compression compression) {
        return new ArrayMetadata(shape, chunks, type, ByteOrder.LITTLE_ENDIAN, compression, ".");
    }

    /** Number of elements along the first dimension. */
    public long length() {
        return shape[0];
    }

    /** Number of elements of one chunk. */
    public int chunkElements() {
        return Math.multiplyExact(chunks[0], chunks.length == 2 ? chunks[1] : 1);
    }

    /** Number of chunks along dimension {@code d}. */
    public long chunkCount(int d) {
        return (shape[d] + chunks[d] - 1) / chunks[d];
    }

    /** The key of chunk ({@code i}) or ({@code i}, {@code j}) relative to the array. */
    public String chunkKey(long i, long j) {
        return shape.length == 1 ? Long.toString(i) : i + separator + j;
    }

    /** The {@code .zarray} JSON, field for field as zarr-python 2 writes it. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        ArrayNode chunkNode = node.putArray("chunks");
        for (int c : chunks) {
            chunkNode.add(c);
        }
        node.set("compressor", compression.toJson());
        node.put("dtype", type.dtype());
        if (type == DataType.STRING) {
            node.put("fill_value", 0);
            node.putArray("filters").addObject().put("id", "vlen-utf8");
        } else {
            if (type == DataType.FLOAT32 || type == DataType.FLOAT64) {
                node.put("fill_value", 0.0);
            } else if (type == DataType.BOOL) {
                node.put("fill_value", false);
            } else {
                node.put("fill_value", 0);
            }
            node.putNull("filters");
        }
        node.put("order", "C");
        ArrayNode shapeNode = node.putArray("shape");
        for (long s : shape) {
            shapeNode.add(s);
        }
        node.put("zarr_format", 2);
        return node;
    }

    /** Parses a {@code .zarray}; {@code where} names the array in errors. */
    public static ArrayMetadata fromJson(JsonNode node, String where) {
        if (node.path("zarr_format").asInt() != 2) {
            throw new ZarrException(where + ": not a zarr v2 array (zarr_format " + node.path("zarr_format") + ")");
        }
        if (!node.path("order").asText("C").equals("C")) {
            throw new ZarrException(where + ": Fortran-order arrays are not supported");
        }
        DataType.Parsed dtype = DataType.parse(node.path("dtype").asText());
        JsonNode filters = node.path("filters");
        if (dtype.type() == DataType.STRING) {
            if (!filters.isArray() || filters.size() != 1 || !filters.get(0).path("id").asText().equals("vlen-utf8")) {
                throw new ZarrException(where + ": object arrays are read only with the vlen-utf8 filter, found "
                        + filters);
            }
        } else if (filters.isArray() && !filters.isEmpty()) {
            throw new ZarrException(where + ": filters " + filters + " are not supported");
        }
        long[] shape = longs(node.path("shape"));
        int[] chunks = Arrays.stream(longs(node.path("chunks"))).mapToInt(Math::toIntExact).toArray();
        if (shape.length == 0) { // a numpy scalar: one element
            shape = new long[] {1};
            chunks = new int[] {1};
        }
        return new ArrayMetadata(shape, chunks, dtype.type(), dtype.order(),
                Compression.fromJson(node.get("compressor"), where), node.path("dimension_separator").asText("."));
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayMetadata that && Arrays.equals(shape, that.shape)
                && Arrays.equals(chunks, that.chunks) && type == that.type && order.equals(that.order)
                && compression.equals(that.compression) && separator.equals(that.separator);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(chunks);
    }

    @Override
    public String toString() {
        return "ArrayMetadata[" + type.dtype() + " " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunks)
                + ", " + (compression.id() == null ? "uncompressed" : compression.id()) + "]";
    }
}
