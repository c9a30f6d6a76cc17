package org.spatialx.formats.spatialdata;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * A small Parquet writer for flat tables of required columns: float64 columns (PLAIN), string columns
 * (PLAIN byte arrays) and dictionary string columns (one PLAIN dictionary page, RLE indices), Snappy
 * pages, data page v1, one page per column per row group, a Thrift compact footer with key-value
 * metadata. Rows are buffered until a row group is full, so memory is bounded by the row group size.
 * Written by hand because the Java Parquet writer (parquet-hadoop) needs Hadoop.
 */
final class ParquetFileWriter implements Closeable {

    /** How a column is stored. */
    enum Kind {
        /** float64, PLAIN. */
        DOUBLE,
        /** UTF-8 strings, PLAIN. */
        STRING,
        /** UTF-8 strings with few distinct values (a gene name): dictionary-encoded. */
        DICTIONARY_STRING
    }

    /** A column of the file. */
    record ColumnSpec(String name, Kind kind) {
    }

    private static final int TYPE_DOUBLE = 5;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int ENCODING_RLE_DICTIONARY = 8;
    private static final int CODEC_SNAPPY = 1;
    private static final int PAGE_DATA = 0;
    private static final int PAGE_DICTIONARY = 2;

    private final List<ColumnSpec> columns;
    private final int rowGroupRows;
    private final Map<String, String> keyValues;
    private final OutputStream out;
    private long position;
    private final ColumnBuffer[] buffers;
    private int rows;
    private long totalRows;
    private final List<byte[]> rowGroups = new ArrayList<>();

    ParquetFileWriter(Path file, List<ColumnSpec> columns, int rowGroupRows, Map<String, String> keyValues)
            throws IOException {
        this.columns = List.copyOf(columns);
        this.rowGroupRows = rowGroupRows;
        this.keyValues = new LinkedHashMap<>(keyValues);
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.buffers = new ColumnBuffer[columns.size()];
        for (int c = 0; c < buffers.length; c++) {
            buffers[c] = new ColumnBuffer(columns.get(c).kind());
        }
        write("PAR1".getBytes(StandardCharsets.US_ASCII));
    }

    /** Sets column {@code c} of the current row to a number. */
    void set(int c, double value) {
        buffers[c].add(value);
    }

    /** Sets column {@code c} of the current row to a string. */
    void set(int c, String value) {
        buffers[c].add(value);
    }

    /** Sets string column {@code c} of the current row to UTF-8 bytes already encoded. */
    void setUtf8(int c, byte[] utf8, int offset, int length) {
        buffers[c].addUtf8(utf8, offset, length);
    }

    /** Ends the current row (every column must have been set). */
    void endRow() throws IOException {
        if (++rows == rowGroupRows) {
            flushRowGroup();
        }
    }

    @Override
    public void close() throws IOException {
        try (out) {
            if (rows > 0 || rowGroups.isEmpty()) {
                flushRowGroup();
            }
            ThriftCompact footer = new ThriftCompact();
            footer.begin().i32(1, 1);
            footer.list(2, ThriftCompact.STRUCT, columns.size() + 1);
            footer.begin().string(4, "schema").i32(5, columns.size()).end();
            for (ColumnSpec column : columns) {
                footer.begin().i32(1, column.kind() == Kind.DOUBLE ? TYPE_DOUBLE : TYPE_BYTE_ARRAY).i32(3, 0)
                        .string(4, column.name());
                if (column.kind() != Kind.DOUBLE) {
                    footer.i32(6, 0); // converted type UTF8
                    footer.struct(10).struct(1).end().end(); // logical type STRING
                }
                footer.end();
            }
            footer.i64(3, totalRows);
            footer.list(4, ThriftCompact.STRUCT, rowGroups.size());
            rowGroups.forEach(footer::raw);
            footer.list(5, ThriftCompact.STRUCT, keyValues.size());
            keyValues.forEach((key, value) -> footer.begin().string(1, key).string(2, value).end());
            footer.string(6, "spatialx-formats");
            footer.end();
            byte[] bytes = footer.toByteArray();
            write(bytes);
            write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            write("PAR1".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void flushRowGroup() throws IOException {
        ThriftCompact group = new ThriftCompact();
        group.begin();
        group.list(1, ThriftCompact.STRUCT, columns.size());
        long groupBytes = 0;
        long groupCompressed = 0;
        long groupStart = position;
        for (int c = 0; c < columns.size(); c++) {
            ColumnBuffer buffer = buffers[c];
            if (buffer.count != rows) {
                throw new IllegalStateException("Column " + columns.get(c).name() + " has " + buffer.count
                        + " values in a row group of " + rows + " rows");
            }
            long chunkStart = position;
            long dictionaryOffset = -1;
            long uncompressed = 0;
            if (buffer.kind == Kind.DICTIONARY_STRING) {
                dictionaryOffset = position;
                uncompressed += page(PAGE_DICTIONARY, buffer.dictionaryPage(), buffer.dictionary.size(), ENCODING_PLAIN);
            }
            long dataOffset = position;
            uncompressed += page(PAGE_DATA, buffer.dataPage(), rows,
                    buffer.kind == Kind.DICTIONARY_STRING ? ENCODING_RLE_DICTIONARY : ENCODING_PLAIN);
            long compressed = position - chunkStart;
            groupBytes += uncompressed;
            groupCompressed += compressed;
            group.begin().i64(2, chunkStart).struct(3)
                    .i32(1, buffer.kind == Kind.DOUBLE ? TYPE_DOUBLE : TYPE_BYTE_ARRAY);
            if (buffer.kind == Kind.DICTIONARY_STRING) {
                group.list(2, ThriftCompact.I32, 3).element(ENCODING_PLAIN).element(ENCODING_RLE)
                        .element(ENCODING_RLE_DICTIONARY);
            } else {
                group.list(2, ThriftCompact.I32, 2).element(ENCODING_PLAIN).element(ENCODING_RLE);
            }
            group.list(3, ThriftCompact.BINARY, 1).element(columns.get(c).name())
                    .i32(4, CODEC_SNAPPY).i64(5, rows).i64(6, uncompressed).i64(7, compressed).i64(9, dataOffset);
            if (dictionaryOffset >= 0) {
                group.i64(11, dictionaryOffset);
            }
            group.end().end();
            buffer.clear();
        }
        group.i64(2, groupBytes).i64(3, rows).i64(5, groupStart).i64(6, groupCompressed).end();
        rowGroups.add(group.toByteArray());
        totalRows += rows;
        rows = 0;
    }

    /** Writes one page (header and Snappy body); returns its uncompressed size with header. */
    private long page(int type, byte[] body, int values, int encoding) throws IOException {
        byte[] compressed = Snappy.compress(body);
        ThriftCompact header = new ThriftCompact();
        header.i32(1, type).i32(2, body.length).i32(3, compressed.length);
        if (type == PAGE_DATA) {
            header.struct(5).i32(1, values).i32(2, encoding).i32(3, ENCODING_RLE).i32(4, ENCODING_RLE).end();
        } else {
            header.struct(7).i32(1, values).i32(2, ENCODING_PLAIN).end();
        }
        header.end();
        byte[] headerBytes = header.toByteArray();
        write(headerBytes);
        write(compressed);
        return headerBytes.length + body.length;
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        position += bytes.length;
    }

    /** The values of one column in the current row group. */
    private static final class ColumnBuffer {
        final Kind kind;
        ByteBuffer numbers;
        final ByteArrayOutputStream strings = new ByteArrayOutputStream();
        final Map<String, Integer> dictionary = new HashMap<>();
        final List<String> dictionaryOrder = new ArrayList<>();
        int[] codes = new int[1024];
        int count;
        String lastValue;
        int lastCode;

        ColumnBuffer(Kind kind) {
            this.kind = kind;
            if (kind == Kind.DOUBLE) {
                numbers = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            }
        }

        void add(double value) {
            if (numbers.remaining() < 8) {
                ByteBuffer larger = ByteBuffer.allocate(numbers.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                numbers.flip();
                larger.put(numbers);
                numbers = larger;
            }
            numbers.putDouble(value);
            count++;
        }

        void add(String value) {
            if (kind == Kind.DICTIONARY_STRING) {
                if (value == lastValue && count < codes.length) { // a part repeats one gene: skip the lookup
                    codes[count++] = lastCode;
                    return;
                }
                Integer code = dictionary.get(value);
                if (code == null) {
                    code = dictionaryOrder.size();
                    dictionary.put(value, code);
                    dictionaryOrder.add(value);
                }
                if (count == codes.length) {
                    codes = java.util.Arrays.copyOf(codes, count * 2);
                }
                codes[count++] = code;
                lastValue = value;
                lastCode = code;
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            addUtf8(utf8, 0, utf8.length);
        }

        void addUtf8(byte[] utf8, int offset, int length) {
            if (kind != Kind.STRING) {
                throw new IllegalStateException("Encoded bytes go to PLAIN string columns only");
            }
            writeIntLe(strings, length);
            strings.write(utf8, offset, length);
            count++;
        }

        byte[] dictionaryPage() {
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            for (String value : dictionaryOrder) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeIntLe(page, utf8.length);
                page.writeBytes(utf8);
            }
            return page.toByteArray();
        }

        /** PLAIN values, or the dictionary indices as RLE runs (bit width byte, then runs). */
        byte[] dataPage() {
            if (kind == Kind.DOUBLE) {
                return java.util.Arrays.copyOf(numbers.array(), numbers.position());
            }
            if (kind == Kind.STRING) {
                return strings.toByteArray();
            }
            int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, dictionaryOrder.size() - 1)));
            int valueBytes = (width + 7) / 8;
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            page.write(width);
            int i = 0;
            while (i < count) {
                int j = i;
                while (j < count && codes[j] == codes[i]) {
                    j++;
                }
                long header = (long) (j - i) << 1;
                while ((header & ~0x7FL) != 0) {
                    page.write((int) (header & 0x7F) | 0x80);
                    header >>>= 7;
                }
                page.write((int) header);
                for (int b = 0; b < valueBytes; b++) {
                    page.write(codes[i] >>> (8 * b) & 0xFF);
                }
                i = j;
            }
            return page.toByteArray();
        }

        void clear() {
            count = 0;
            if (numbers != null) {
                numbers.clear();
            }
            strings.reset();
            dictionary.clear();
            dictionaryOrder.clear();
            lastValue = null;
        }

        private static void writeIntLe(ByteArrayOutputStream out, int v) {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
            out.write(v >>> 16 & 0xFF);
            out.write(v >>> 24 & 0xFF);
        }
    }
}
