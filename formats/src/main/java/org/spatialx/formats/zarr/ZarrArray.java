package org.spatialx.formats.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A zarr v2 array opened for reading: ranges of a 1-D array and row ranges of a 2-D array are read
 * chunk by chunk, so only the chunks that hold the requested elements are fetched and decoded. The
 * last decoded chunk is kept, so reading neighbouring ranges does not decode it twice. Not
 * thread-safe; open one per thread.
 */
public final class ZarrArray {

    private final ZarrStore store;
    private final String path;
    private final ArrayMetadata metadata;
    private ObjectNode attributes;
    private long cachedI = -1;
    private long cachedJ = -1;
    private Object cached;

    private ZarrArray(ZarrStore store, String path, ArrayMetadata metadata) {
        this.store = store;
        this.path = path;
        this.metadata = metadata;
    }

    /** Opens the array at {@code path}; fails naming the path when it is not an array. */
    public static ZarrArray open(ZarrStore store, String path) {
        byte[] zarray = ZarrGroup.readKey(store, ZarrStore.join(path, ".zarray"))
                .orElseThrow(() -> new ZarrException("No zarr array at '" + path + "' in " + store
                        + " (no .zarray)"));
        return new ZarrArray(store, path, ArrayMetadata.fromJson(Json.parse(zarray, path + "/.zarray"), path));
    }

    /** Whether {@code path} holds an array (has a {@code .zarray}). */
    public static boolean exists(ZarrStore store, String path) {
        return ZarrGroup.readKey(store, ZarrStore.join(path, ".zarray")).isPresent();
    }

    /** The array's path in its store. */
    public String path() {
        return path;
    }

    /** Shape, chunks, type and compressor. */
    public ArrayMetadata metadata() {
        return metadata;
    }

    /** The array's {@code .zattrs} (an empty object when it has none). */
    public ObjectNode attributes() {
        if (attributes == null) {
            attributes = ZarrGroup.readAttributes(store, path);
        }
        return attributes;
    }

    /** Number of elements along the first dimension. */
    public long length() {
        return metadata.shape()[0];
    }

    /** Number of columns of a 2-D array (1 for a 1-D array). */
    public int columns() {
        return metadata.shape().length == 2 ? Math.toIntExact(metadata.shape()[1]) : 1;
    }

    /** Elements {@code from .. from+count} of a 1-D integer array as ints (fails on values beyond int). */
    public int[] readInts(long from, int count) {
        requireInteger();
        int[] out = new int[count];
        scan(from, count, (chunk, offset, at, n) -> {
            ByteBuffer buffer = (ByteBuffer) chunk;
            if (metadata.type() == DataType.INT32) {
                buffer.asIntBuffer().get(offset, out, at, n);
                return;
            }
            for (int k = 0; k < n; k++) {
                long v = longAt(buffer, offset + k);
                if (v != (int) v) {
                    throw new ZarrException(path + "[" + (from + at + k) + "] = " + v + " does not fit an int");
                }
                out[at + k] = (int) v;
            }
        });
        return out;
    }

    /** Elements {@code from .. from+count} of a 1-D integer array as longs. */
    public long[] readLongs(long from, int count) {
        requireInteger();
        long[] out = new long[count];
        scan(from, count, (chunk, offset, at, n) -> {
            ByteBuffer buffer = (ByteBuffer) chunk;
            for (int k = 0; k < n; k++) {
                out[at + k] = longAt(buffer, offset + k);
            }
        });
        return out;
    }

    /** Elements {@code from .. from+count} of a 1-D float32 array. */
    public float[] readFloats(long from, int count) {
        if (metadata.type() != DataType.FLOAT32) {
            throw new ZarrException(path + " holds " + metadata.type().dtype() + ", not float32");
        }
        float[] out = new float[count];
        scan(from, count, (chunk, offset, at, n) -> ((ByteBuffer) chunk).asFloatBuffer().get(offset, out, at, n));
        return out;
    }

    /** Elements {@code from .. from+count} of a 1-D numeric array widened to doubles. */
    public double[] readDoubles(long from, int count) {
        requireNumeric();
        double[] out = new double[count];
        scan(from, count, (chunk, offset, at, n) -> {
            ByteBuffer buffer = (ByteBuffer) chunk;
            if (metadata.type() == DataType.FLOAT64) {
                buffer.asDoubleBuffer().get(offset, out, at, n);
                return;
            }
            for (int k = 0; k < n; k++) {
                out[at + k] = doubleAt(buffer, offset + k);
            }
        });
        return out;
    }

    /** Elements {@code from .. from+count} of a 1-D string array. */
    public List<String> readStrings(long from, int count) {
        if (metadata.type() != DataType.STRING) {
            throw new ZarrException(path + " holds " + metadata.type().dtype() + ", not strings");
        }
        String[] out = new String[count];
        scan(from, count, (chunk, offset, at, n) -> System.arraycopy((String[]) chunk, offset, out, at, n));
        return Arrays.asList(out);
    }

    /** The whole 1-D string array. */
    public List<String> readAllStrings() {
        return readStrings(0, Math.toIntExact(length()));
    }

    /** The whole 1-D numeric array as doubles. */
    public double[] readAllDoubles() {
        return readDoubles(0, Math.toIntExact(length()));
    }

    /** The whole 1-D integer array as ints. */
    public int[] readAllInts() {
        return readInts(0, Math.toIntExact(length()));
    }

    /**
     * Rows {@code from .. from+rows} of a 2-D numeric array, row-major, widened to doubles (a 1-D array
     * reads as one column).
     */
    public double[] readRows(int from, int rows) {
        if (metadata.shape().length == 1) {
            return readDoubles(from, rows);
        }
        requireNumeric();
        checkRange(from, rows);
        int cols = columns();
        double[] out = new double[Math.multiplyExact(rows, cols)];
        int chunkRows = metadata.chunks()[0];
        int chunkCols = metadata.chunks()[1];
        for (long ci = from / chunkRows; ci * chunkRows < from + rows; ci++) {
            for (long cj = 0; cj < metadata.chunkCount(1); cj++) {
                ByteBuffer buffer = (ByteBuffer) chunk(ci, cj);
                long r0 = Math.max(from, ci * chunkRows);
                long r1 = Math.min(from + rows, (ci + 1) * chunkRows);
                int c0 = Math.toIntExact(cj * chunkCols);
                int c1 = Math.min(cols, c0 + chunkCols);
                for (long r = r0; r < r1; r++) {
                    int local = Math.toIntExact((r - ci * chunkRows) * chunkCols);
                    int target = Math.toIntExact((r - from) * cols);
                    for (int c = c0; c < c1; c++) {
                        out[target + c] = doubleAt(buffer, local + c - c0);
                    }
                }
            }
        }
        return out;
    }

    private interface ChunkPart {
        void accept(Object chunk, int offset, int at, int n);
    }

    private void scan(long from, int count, ChunkPart part) {
        if (metadata.shape().length != 1) {
            throw new ZarrException(path + " is " + metadata.shape().length + "-dimensional; read it by rows");
        }
        checkRange(from, count);
        int size = metadata.chunks()[0];
        int done = 0;
        while (done < count) {
            long position = from + done;
            long index = position / size;
            int offset = (int) (position - index * size);
            int n = Math.min(size - offset, count - done);
            part.accept(chunk(index, 0), offset, done, n);
            done += n;
        }
    }

    private void checkRange(long from, int count) {
        if (from < 0 || count < 0 || from + count > length()) {
            throw new ZarrException(path + ": elements " + from + ".." + (from + count) + " are outside its "
                    + length());
        }
    }

    private void requireInteger() {
        if (!metadata.type().isInteger()) {
            throw new ZarrException(path + " holds " + metadata.type().dtype() + ", not integers");
        }
    }

    private void requireNumeric() {
        if (metadata.type() == DataType.STRING) {
            throw new ZarrException(path + " holds strings, not numbers");
        }
    }

    private long longAt(ByteBuffer buffer, int index) {
        return switch (metadata.type()) {
            case BOOL, INT8 -> buffer.get(index);
            case UINT8 -> buffer.get(index) & 0xFF;
            case INT16 -> buffer.getShort(index * 2);
            case UINT16 -> buffer.getShort(index * 2) & 0xFFFF;
            case INT32 -> buffer.getInt(index * 4);
            case UINT32 -> buffer.getInt(index * 4) & 0xFFFFFFFFL;
            case INT64, UINT64 -> buffer.getLong(index * 8);
            default -> throw new ZarrException(path + " holds " + metadata.type().dtype() + ", not integers");
        };
    }

    private double doubleAt(ByteBuffer buffer, int index) {
        return switch (metadata.type()) {
            case FLOAT32 -> buffer.getFloat(index * 4);
            case FLOAT64 -> buffer.getDouble(index * 8);
            case UINT64 -> {
                long v = buffer.getLong(index * 8);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default -> longAt(buffer, index);
        };
    }

    /** The decoded chunk ({@code ByteBuffer} in the array's byte order, or {@code String[]}). */
    private Object chunk(long i, long j) {
        if (i == cachedI && j == cachedJ) {
            return cached;
        }
        String key = ZarrStore.join(path, metadata.chunkKey(i, j));
        byte[] stored = ZarrGroup.readKey(store, key).orElse(null);
        int elements = metadata.chunkElements();
        Object decoded;
        if (metadata.type() == DataType.STRING) {
            decoded = stored == null ? emptyStrings(elements)
                    : decodeStrings(metadata.compression().decode(stored, -1, key), key);
        } else {
            int bytes = Math.multiplyExact(elements, metadata.type().size());
            byte[] raw = stored == null ? new byte[bytes] : metadata.compression().decode(stored, bytes, key);
            decoded = ByteBuffer.wrap(raw).order(metadata.order());
        }
        cachedI = i;
        cachedJ = j;
        cached = decoded;
        return decoded;
    }

    private static String[] emptyStrings(int n) {
        String[] strings = new String[n];
        Arrays.fill(strings, "");
        return strings;
    }

    /** numcodecs VLenUTF8: a uint32 count, then each item as a uint32 byte length and its UTF-8 bytes. */
    static String[] decodeStrings(byte[] raw, String key) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (raw.length < 4) {
            throw new ZarrException(key + ": vlen-utf8 chunk of " + raw.length + " bytes has no item count");
        }
        int n = buffer.getInt();
        List<String> items = new ArrayList<>(Math.max(0, Math.min(n, raw.length / 4)));
        for (int k = 0; k < n; k++) {
            if (buffer.remaining() < 4) {
                throw new ZarrException(key + ": vlen-utf8 chunk ends after " + k + " of " + n + " items");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new ZarrException(key + ": vlen-utf8 item " + k + " claims " + length + " bytes, "
                        + buffer.remaining() + " left");
            }
            items.add(new String(raw, buffer.position(), length, StandardCharsets.UTF_8));
            buffer.position(buffer.position() + length);
        }
        return items.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "ZarrArray[" + path + ", " + metadata + "]";
    }
}
