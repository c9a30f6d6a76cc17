package org.spatialx.formats.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a zarr v2 array chunk by chunk as values are appended: memory holds one chunk whatever the
 * array's length. A 1-D array is appended element by element; a 2-D array row by row (chunks span
 * every column). {@link #finish} writes the last, padded chunk and the {@code .zarray} with the final
 * shape. The folder is meant to be a temporary one renamed into place by the caller.
 */
public final class ZarrArrayWriter {

    /** Default elements per chunk of a 1-D array: 256 Ki (1 MiB of int32) keeps reads of a gene or cell range small. */
    public static final int DEFAULT_CHUNK = 1 << 18;

    private final Path dir;
    private final DataType type;
    private final int columns;
    private final int chunkRows;
    private final Compression compression;
    private final FileWriter files;
    private final Compressors compressors;
    private ByteBuffer chunk;
    private final List<String> strings;
    private long rows;
    private int rowsInChunk;
    private long chunkIndex;

    private ZarrArrayWriter(Path dir, DataType type, int chunkRows, int columns, Compression compression,
            FileWriter files, Compressors compressors) throws IOException {
        this.dir = dir;
        this.compressors = compressors;
        this.type = type;
        this.columns = columns;
        this.chunkRows = chunkRows;
        this.compression = compression;
        this.files = files;
        Files.createDirectories(dir);
        int elements = Math.multiplyExact(chunkRows, Math.max(1, columns));
        this.chunk = type == DataType.STRING ? null
                : ByteBuffer.allocate(Math.multiplyExact(elements, type.size())).order(ByteOrder.LITTLE_ENDIAN);
        this.strings = type == DataType.STRING ? new ArrayList<>(chunkRows) : null;
    }

    /** A 1-D array of {@code type} in {@code dir}, {@code chunk} elements per chunk. */
    public static ZarrArrayWriter oneDimensional(Path dir, DataType type, int chunk, Compression compression,
            FileWriter files) throws IOException {
        return new ZarrArrayWriter(dir, type, chunk, 0, compression, files, Compressors.DIRECT);
    }

    /** As {@link #oneDimensional}, compressing and writing chunks on {@code compressors}' threads. */
    public static ZarrArrayWriter oneDimensional(Path dir, DataType type, int chunk, Compression compression,
            FileWriter files, Compressors compressors) throws IOException {
        return new ZarrArrayWriter(dir, type, chunk, 0, compression, files, compressors);
    }

    /** A 2-D {@code ? x columns} numeric array in {@code dir}, {@code chunkRows} rows per chunk. */
    public static ZarrArrayWriter twoDimensional(Path dir, DataType type, int chunkRows, int columns,
            Compression compression, FileWriter files) throws IOException {
        if (type == DataType.STRING || columns <= 0) {
            throw new IllegalArgumentException("2-D arrays are numeric with at least one column");
        }
        return new ZarrArrayWriter(dir, type, chunkRows, columns, compression, files, Compressors.DIRECT);
    }

    /** Rows per chunk so that a chunk of a {@code columns}-wide array holds about {@link #DEFAULT_CHUNK} values. */
    public static int rowsPerChunk(int columns) {
        return Math.max(1, DEFAULT_CHUNK / Math.max(1, columns));
    }

    /** Number of elements (1-D) or rows (2-D) appended so far. */
    public long length() {
        return rows;
    }

    // the typed views below start at the chunk's current position: index 0 is the next free element

    /** Appends {@code count} ints from {@code values[from]} (converted to the array's type). */
    public void appendInts(int[] values, int from, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, room());
            if (type == DataType.INT32) {
                chunk.asIntBuffer().put(0, values, from + done, n);
                chunk.position(chunk.position() + n * 4);
            } else {
                for (int k = 0; k < n; k++) {
                    putLong(values[from + done + k]);
                }
            }
            advance(n);
            done += n;
        }
    }

    /** Appends {@code count} floats from {@code values[from]}. */
    public void appendFloats(float[] values, int from, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, room());
            if (type == DataType.FLOAT32) {
                chunk.asFloatBuffer().put(0, values, from + done, n);
                chunk.position(chunk.position() + n * 4);
            } else {
                for (int k = 0; k < n; k++) {
                    putDouble(values[from + done + k]);
                }
            }
            advance(n);
            done += n;
        }
    }

    /** Appends {@code count} doubles from {@code values[from]} (row-major for a 2-D array). */
    public void appendDoubles(double[] values, int from, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, room());
            if (type == DataType.FLOAT64) {
                chunk.asDoubleBuffer().put(0, values, from + done, n);
                chunk.position(chunk.position() + n * 8);
            } else {
                for (int k = 0; k < n; k++) {
                    putDouble(values[from + done + k]);
                }
            }
            advance(n);
            done += n;
        }
    }

    /** Appends one integer (an int64 offset). */
    public void appendLong(long value) throws IOException {
        room();
        putLong(value);
        advance(1);
    }

    /** Appends strings ({@code null} is written as the empty string, as numcodecs does). */
    public void appendStrings(List<String> values) throws IOException {
        if (type != DataType.STRING) {
            throw new IllegalStateException(dir + " holds " + type.dtype() + ", not strings");
        }
        for (String value : values) {
            strings.add(value == null ? "" : value);
            rows++;
            if (++rowsInChunk == chunkRows) {
                flush();
            }
        }
    }

    /** Writes the last chunk, {@code .zarray} and {@code .zattrs}. */
    public void finish(ObjectNode attributes) throws IOException {
        if (rowsInChunk > 0) {
            if (strings != null) {
                while (strings.size() < chunkRows) {
                    strings.add("");
                }
            }
            flush();
        }
        compressors.await(dir);
        long[] shape = columns == 0 ? new long[] {rows} : new long[] {rows, columns};
        int[] chunks = columns == 0 ? new int[] {chunkRows} : new int[] {chunkRows, columns};
        ArrayMetadata metadata = ArrayMetadata.of(shape, chunks, type, compression);
        files.write(dir.resolve(".zarray"), Json.bytes(metadata.toJson()));
        files.write(dir.resolve(".zattrs"), Json.bytes(attributes == null ? Json.object() : attributes));
    }

    /** Elements that still fit the current chunk (a multiple of the row width for 2-D arrays). */
    private int room() {
        if (type == DataType.STRING) {
            throw new IllegalStateException(dir + " holds strings; append strings");
        }
        return chunk.remaining() / type.size();
    }

    private void advance(int elements) throws IOException {
        int width = Math.max(1, columns);
        if (!chunk.hasRemaining()) {
            rows += chunkRows - rowsInChunk;
            rowsInChunk = chunkRows;
            flush();
        } else if (columns == 0) {
            rows += elements;
            rowsInChunk += elements;
        } else {
            int filled = chunk.position() / type.size() / width;
            rows += filled - rowsInChunk;
            rowsInChunk = filled;
        }
    }

    private void putLong(long v) {
        switch (type) {
            case BOOL, INT8, UINT8 -> chunk.put((byte) v);
            case INT16, UINT16 -> chunk.putShort((short) v);
            case INT32, UINT32 -> chunk.putInt((int) v);
            case INT64, UINT64 -> chunk.putLong(v);
            case FLOAT32 -> chunk.putFloat(v);
            case FLOAT64 -> chunk.putDouble(v);
            default -> throw new IllegalStateException(type.dtype());
        }
    }

    private void putDouble(double v) {
        switch (type) {
            case FLOAT32 -> chunk.putFloat((float) v);
            case FLOAT64 -> chunk.putDouble(v);
            default -> putLong((long) v);
        }
    }

    private void flush() throws IOException {
        byte[] raw;
        int length;
        if (strings != null) {
            raw = encodeStrings(strings);
            length = raw.length;
            strings.clear();
        } else {
            raw = chunk.array();
            length = chunk.capacity(); // v2 chunks are always whole: the tail of the last one is padding
            java.util.Arrays.fill(raw, chunk.position(), raw.length, (byte) 0);
            // a chunk handed to another thread is not reused
            chunk = compressors == Compressors.DIRECT ? chunk.clear()
                    : ByteBuffer.allocate(chunk.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        }
        Path file = dir.resolve(columns == 0 ? Long.toString(chunkIndex) : chunkIndex + ".0");
        byte[] bytes = raw;
        int size = length;
        compressors.run(() -> files.write(file, compression.encode(bytes, size)));
        chunkIndex++;
        rowsInChunk = 0;
    }

    /** numcodecs VLenUTF8: a uint32 count, then each item as a uint32 byte length and its UTF-8 bytes. */
    static byte[] encodeStrings(List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.size() * 12);
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        out.writeBytes(four.putInt(0, items.size()).array());
        for (String item : items) {
            byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(four.putInt(0, utf8.length).array());
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }
}
