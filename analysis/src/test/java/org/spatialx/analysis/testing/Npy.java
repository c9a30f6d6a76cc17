package org.spatialx.analysis.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy .npy files (format 1.0, little-endian, C order): how the tests hand arrays to Python and back. */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int CHUNK = 1 << 22;

    private Npy() {
    }

    /** Writes int32 values with {@code shape}. */
    public static void write(Path file, int[] values, long... shape) throws IOException {
        try (FileChannel out = open(file, "<i4", shape.length == 0 ? new long[] {values.length} : shape)) {
            ByteBuffer buffer = buffer();
            for (int value : values) {
                if (buffer.remaining() < 4) {
                    flush(out, buffer);
                }
                buffer.putInt(value);
            }
            flush(out, buffer);
        }
    }

    /** Writes float64 values with {@code shape}. */
    public static void write(Path file, double[] values, long... shape) throws IOException {
        try (FileChannel out = open(file, "<f8", shape.length == 0 ? new long[] {values.length} : shape)) {
            ByteBuffer buffer = buffer();
            for (double value : values) {
                if (buffer.remaining() < 8) {
                    flush(out, buffer);
                }
                buffer.putDouble(value);
            }
            flush(out, buffer);
        }
    }

    /** Writes int64 values. */
    public static void write(Path file, long[] values) throws IOException {
        try (FileChannel out = open(file, "<i8", new long[] {values.length})) {
            ByteBuffer buffer = buffer();
            for (long value : values) {
                if (buffer.remaining() < 8) {
                    flush(out, buffer);
                }
                buffer.putLong(value);
            }
            flush(out, buffer);
        }
    }

    /** An array read back: its values as doubles and its shape. */
    public record Array(double[] values, long[] shape) {
        /** The values as ints (exact for integer arrays). */
        public int[] ints() {
            return Arrays.stream(values).mapToInt(v -> (int) v).toArray();
        }
    }

    /** Reads an int32, int64, float32 or float64 array. */
    public static Array read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            in.read(head, 0);
            int headerLength = Short.toUnsignedInt(head.getShort(8));
            ByteBuffer header = ByteBuffer.allocate(headerLength);
            in.read(header, 10);
            String text = new String(header.array(), StandardCharsets.ISO_8859_1);
            Matcher descr = Pattern.compile("'descr': '([<|=])([a-z])(\\d)'").matcher(text);
            Matcher shapeText = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(text);
            if (!descr.find() || !shapeText.find() || text.contains("'fortran_order': True")) {
                throw new IOException("Unsupported .npy header in " + file + ": " + text);
            }
            long[] shape = Arrays.stream(shapeText.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            char kind = descr.group(2).charAt(0);
            int size = Integer.parseInt(descr.group(3));
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(count * size)).order(ByteOrder.LITTLE_ENDIAN);
            long position = 10 + headerLength;
            while (data.hasRemaining()) {
                int read = in.read(data, position);
                if (read < 0) {
                    throw new IOException("Truncated " + file);
                }
                position += read;
            }
            data.flip();
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (kind + "" + size) {
                    case "i4" -> data.getInt();
                    case "i8" -> data.getLong();
                    case "f4" -> data.getFloat();
                    case "f8" -> data.getDouble();
                    case "b1", "u1" -> data.get();
                    default -> throw new IOException("Unsupported dtype " + kind + size + " in " + file);
                };
            }
            return new Array(values, shape);
        }
    }

    private static FileChannel open(Path file, String descr, long[] shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long dim : shape) {
            dims.append(dim).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shapeText + ", }");
        while ((MAGIC.length + 2 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 2 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        start.put(MAGIC).putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        start.flip();
        while (start.hasRemaining()) {
            out.write(start);
        }
        return out;
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void flush(FileChannel out, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
