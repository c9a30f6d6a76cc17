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

    /** Writes int32 values with {@code shape} (one dimension when none is given). */
    public static void write(Path file, int[] values, long... shape) throws IOException {
        write(file, "<i4", shape(values.length, shape), values.length, 4, (buffer, i) -> buffer.putInt(values[i]));
    }

    /** Writes float64 values with {@code shape} (one dimension when none is given). */
    public static void write(Path file, double[] values, long... shape) throws IOException {
        write(file, "<f8", shape(values.length, shape), values.length, 8, (buffer, i) -> buffer.putDouble(values[i]));
    }

    /** Writes int64 values. */
    public static void write(Path file, long[] values) throws IOException {
        write(file, "<i8", shape(values.length), values.length, 8, (buffer, i) -> buffer.putLong(values[i]));
    }

    private interface Put {
        void put(ByteBuffer buffer, int index);
    }

    private static long[] shape(int length, long... shape) {
        return shape.length == 0 ? new long[] {length} : shape;
    }

    private static void write(Path file, String descr, long[] shape, int count, int width, Put put) throws IOException {
        try (FileChannel out = open(file, descr, shape)) {
            ByteBuffer buffer = buffer();
            for (int i = 0; i < count; i++) {
                if (buffer.remaining() < width) {
                    flush(out, buffer);
                }
                put.put(buffer, i);
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

    /** A file's header: its dtype ({@code <i4}, {@code <f8}, ...), its shape, and where the data start. */
    private record Header(char kind, int size, long[] shape, long dataStart) {

        long count() {
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            return count;
        }

        static Header of(FileChannel in, Path file) throws IOException {
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
            return new Header(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)), shape, 10 + headerLength);
        }
    }

    /** Reads an int32 array straight into an {@code int[]} (large count matrices), whatever its shape. */
    public static int[] readInts(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = Header.of(in, file);
            if (header.kind() != 'i' || header.size() != 4) {
                throw new IOException("Not an int32 array: " + file);
            }
            int[] values = new int[Math.toIntExact(header.count())];
            long position = header.dataStart();
            ByteBuffer buffer = buffer();
            int at = 0;
            while (at < values.length) {
                buffer.clear();
                int read = in.read(buffer, position);
                if (read <= 0) {
                    throw new IOException("Truncated " + file);
                }
                position += read - read % 4;
                buffer.flip();
                while (buffer.remaining() >= 4 && at < values.length) {
                    values[at++] = buffer.getInt();
                }
            }
            return values;
        }
    }

    /** Reads an int32, int64, float32 or float64 array. */
    public static Array read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = Header.of(in, file);
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(header.count() * header.size()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long position = header.dataStart();
            while (data.hasRemaining()) {
                int read = in.read(data, position);
                if (read < 0) {
                    throw new IOException("Truncated " + file);
                }
                position += read;
            }
            data.flip();
            double[] values = new double[(int) header.count()];
            String dtype = header.kind() + "" + header.size();
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (dtype) {
                    case "i4" -> data.getInt();
                    case "i8" -> data.getLong();
                    case "f4" -> data.getFloat();
                    case "f8" -> data.getDouble();
                    case "b1", "u1" -> data.get();
                    default -> throw new IOException("Unsupported dtype " + dtype + " in " + file);
                };
            }
            return new Array(values, header.shape());
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
