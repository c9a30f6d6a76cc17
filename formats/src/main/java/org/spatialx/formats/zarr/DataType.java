package org.spatialx.formats.zarr;

import java.nio.ByteOrder;

/**
 * The element types of the zarr v2 arrays we read and write, by their numpy {@code dtype} string.
 * {@link #STRING} is numpy's object dtype {@code |O} with the numcodecs {@code vlen-utf8} filter,
 * which is how anndata stores string arrays.
 */
public enum DataType {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT32('f', 4), FLOAT64('f', 8), STRING('O', 0);

    private final char kind;
    private final int size;

    DataType(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Bytes per element; 0 for variable-length strings. */
    public int size() {
        return size;
    }

    /** Whether the values are integers (or booleans). */
    public boolean isInteger() {
        return kind == 'i' || kind == 'u' || kind == 'b';
    }

    /** The little-endian numpy dtype string we write: {@code <i4}, {@code |u1}, {@code |O}. */
    public String dtype() {
        if (this == STRING) {
            return "|O";
        }
        return (size == 1 ? "|" : "<") + kind + size;
    }

    /** The smallest signed integer type holding {@code 0..max} and {@code -1} (categorical codes). */
    public static DataType smallestSigned(long max) {
        if (max <= Byte.MAX_VALUE) {
            return INT8;
        }
        return max <= Short.MAX_VALUE ? INT16 : max <= Integer.MAX_VALUE ? INT32 : INT64;
    }

    /** A parsed {@code dtype} string: the type and its byte order. */
    public record Parsed(DataType type, ByteOrder order) {
    }

    /** Parses {@code <i4}, {@code >f8}, {@code |b1}, {@code |O}; anything else is refused by name. */
    public static Parsed parse(String dtype) {
        if (dtype.equals("|O")) {
            return new Parsed(STRING, ByteOrder.LITTLE_ENDIAN);
        }
        if (dtype.length() >= 3 && "<>|".indexOf(dtype.charAt(0)) >= 0) {
            String size = dtype.substring(2);
            for (DataType type : values()) {
                if (type != STRING && type.kind == dtype.charAt(1) && size.equals(Integer.toString(type.size))) {
                    return new Parsed(type, dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
            }
        }
        throw new ZarrException("Unsupported zarr dtype '" + dtype + "': expected bool, int8-64, uint8-64, "
                + "float32/64 or |O strings");
    }
}
