package org.spatialx.formats.spatialdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The few calls of Thrift's compact protocol that a Parquet footer and page headers need: structs
 * of i32, i64, bool, binary and lists, written field by field in increasing field id.
 */
final class ThriftCompact {

    static final int BOOL_TRUE = 1;
    static final int BOOL_FALSE = 2;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    /** The bytes written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    ThriftCompact i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact i64(int id, long value) {
        fieldHeader(id, I64);
        varint(zigzag(value));
        return this;
    }

    ThriftCompact bool(int id, boolean value) {
        fieldHeader(id, value ? BOOL_TRUE : BOOL_FALSE);
        return this;
    }

    ThriftCompact string(int id, String value) {
        fieldHeader(id, BINARY);
        binary(value);
        return this;
    }

    /** Opens a struct field; close it with {@link #end}. */
    ThriftCompact struct(int id) {
        fieldHeader(id, STRUCT);
        return begin();
    }

    /** Opens a list field of {@code size} elements of {@code elementType}. */
    ThriftCompact list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        return listHeader(elementType, size);
    }

    /** The header of a list (also used for list elements that are lists). */
    ThriftCompact listHeader(int elementType, int size) {
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** A list element that is a struct: open it, then {@link #end}. */
    ThriftCompact begin() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    /** Closes the innermost struct. */
    ThriftCompact end() {
        out.write(0);
        lastId = lastIds.isEmpty() ? 0 : lastIds.pop();
        return this;
    }

    /** Appends an element already encoded (a struct written by another instance). */
    ThriftCompact raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    /** A list element that is an i32 (an enum). */
    ThriftCompact element(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A list element that is a string. */
    ThriftCompact element(String value) {
        binary(value);
        return this;
    }

    private void binary(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        out.writeBytes(bytes);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
