package org.spatialx.formats.anndata;

import io.jhdf.checksum.ChecksumUtils;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of HDF5 an {@code .h5ad} needs, written by hand: groups (compact links), contiguous
 * datasets of little-endian numbers and fixed-length UTF-8 strings, and attributes, including the
 * boolean enum h5py uses (anndata's categorical {@code ordered} attribute must read back as a numpy
 * bool, which jHDF's writer cannot produce). Superblock v2 and v2 object headers with Jenkins
 * checksums; raw data is streamed to the file as each dataset is written, headers are written at
 * {@link #close}, so memory holds one dataset's values at a time.
 */
final class Hdf5Writer implements Closeable {

    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 48;

    /** Element types of datasets and attributes. */
    enum Type {
        INT8(0, 1, true), INT32(0, 4, true), INT64(0, 8, true), FLOAT32(1, 4, true), FLOAT64(1, 8, true), BOOL(8, 1, true);

        final int typeClass;
        final int size;
        final boolean signed;

        Type(int typeClass, int size, boolean signed) {
            this.typeClass = typeClass;
            this.size = size;
            this.signed = signed;
        }
    }

    private final FileChannel channel;
    private long end = SUPERBLOCK_SIZE;
    private final Group root = new Group();

    Hdf5Writer(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** The root group. */
    Group root() {
        return root;
    }

    /** An object (group or dataset) with attributes. */
    abstract static class Node {
        final List<byte[]> attributes = new ArrayList<>();
        long address;

        /** A scalar UTF-8 string attribute. */
        Node attribute(String name, String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            attributes.add(attributeMessage(name, stringType(Math.max(1, utf8.length)), dataspace(), utf8.length == 0
                    ? new byte[1] : utf8));
            return this;
        }

        /** A 1-D array of UTF-8 strings (fixed length, as wide as the longest). */
        Node attribute(String name, List<String> values) {
            if (values.isEmpty()) { // anndata's empty column-order: h5py stores an empty float64 array
                attributes.add(attributeMessage(name, numberType(Type.FLOAT64), dataspace(0), new byte[0]));
                return this;
            }
            FixedStrings strings = FixedStrings.of(values);
            attributes.add(attributeMessage(name, stringType(strings.width), dataspace(values.size()), strings.bytes()));
            return this;
        }

        /** A 1-D int64 array attribute. */
        Node attribute(String name, long[] values) {
            ByteBuffer data = le(8 * values.length);
            for (long v : values) {
                data.putLong(v);
            }
            attributes.add(attributeMessage(name, numberType(Type.INT64), dataspace(values.length), data.array()));
            return this;
        }

        /** A scalar boolean attribute (h5py's enum of FALSE/TRUE over int8). */
        Node attribute(String name, boolean value) {
            attributes.add(attributeMessage(name, numberType(Type.BOOL), dataspace(), new byte[] {(byte) (value ? 1 : 0)}));
            return this;
        }

        abstract byte[] messages();
    }

    /** A group: its children are linked by name in its header. */
    final class Group extends Node {
        private final List<String> names = new ArrayList<>();
        private final List<Node> children = new ArrayList<>();

        /** A child group. */
        Group group(String name) {
            Group group = new Group();
            link(name, group);
            return group;
        }

        /** A 1-D or 2-D numeric dataset whose values are then streamed with {@link DatasetOutput#write}. */
        DatasetOutput dataset(String name, Type type, long... dims) throws IOException {
            Dataset dataset = new Dataset(numberType(type), dims, end, type.size);
            link(name, dataset);
            return new DatasetOutput(dataset);
        }

        /** A 1-D dataset of fixed-length UTF-8 strings. */
        Dataset strings(String name, List<String> values) throws IOException {
            FixedStrings strings = FixedStrings.of(values);
            Dataset dataset = new Dataset(stringType(strings.width), new long[] {values.size()}, end, strings.width);
            link(name, dataset);
            DatasetOutput out = new DatasetOutput(dataset);
            out.write(ByteBuffer.wrap(strings.bytes()));
            out.finish();
            return dataset;
        }

        private void link(String name, Node node) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is already a member of this group");
            }
            names.add(name);
            children.add(node);
        }

        @Override
        byte[] messages() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer linkInfo = le(18).put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED);
            message(out, 0x02, linkInfo.array());
            message(out, 0x0A, new byte[] {0, 0});
            for (int i = 0; i < names.size(); i++) {
                byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
                boolean wide = name.length > 255;
                ByteBuffer link = le(3 + (wide ? 2 : 1) + name.length + 8);
                link.put((byte) 1).put((byte) (0x10 | (wide ? 1 : 0))).put((byte) 1);
                if (wide) {
                    link.putShort((short) name.length);
                } else {
                    link.put((byte) name.length);
                }
                link.put(name).putLong(children.get(i).address);
                message(out, 0x06, link.array());
            }
            attributes.forEach(a -> message(out, 0x0C, a));
            return out.toByteArray();
        }
    }

    /** A contiguous dataset. */
    static final class Dataset extends Node {
        final byte[] type;
        final long[] dims;
        final long dataAddress;
        final int elementSize;
        long written;

        Dataset(byte[] type, long[] dims, long dataAddress, int elementSize) {
            this.type = type;
            this.dims = dims;
            this.dataAddress = dataAddress;
            this.elementSize = elementSize;
        }

        long expectedBytes() {
            long n = elementSize;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        @Override
        byte[] messages() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message(out, 0x01, dataspace(dims));
            message(out, 0x03, type);
            message(out, 0x05, new byte[] {3, 0x0A}); // fill value v3: allocated late, never written, undefined
            ByteBuffer layout = le(18).put((byte) 3).put((byte) 1)
                    .putLong(written == 0 ? UNDEFINED : dataAddress).putLong(written);
            message(out, 0x08, layout.array());
            attributes.forEach(a -> message(out, 0x0C, a));
            return out.toByteArray();
        }
    }

    /** Appends a dataset's raw little-endian bytes; datasets are written one after another. */
    final class DatasetOutput {
        private final Dataset dataset;

        DatasetOutput(Dataset dataset) {
            this.dataset = dataset;
            if (dataset.dataAddress != end) {
                throw new IllegalStateException("Finish the previous dataset before starting another");
            }
        }

        /** The dataset (to add attributes). */
        Dataset dataset() {
            return dataset;
        }

        void write(ByteBuffer bytes) throws IOException {
            dataset.written += bytes.remaining();
            end += writeFully(bytes, end);
        }

        /** Writes ints, longs, floats or doubles (a primitive array) in little-endian order. */
        void writeValues(Object values) throws IOException {
            ByteBuffer data;
            switch (values) {
                case int[] ints -> (data = le(4 * ints.length)).asIntBuffer().put(ints);
                case long[] longs -> (data = le(8 * longs.length)).asLongBuffer().put(longs);
                case float[] floats -> (data = le(4 * floats.length)).asFloatBuffer().put(floats);
                case double[] doubles -> (data = le(8 * doubles.length)).asDoubleBuffer().put(doubles);
                default -> throw new IllegalArgumentException("Not a primitive number array: " + values.getClass());
            }
            write(data);
        }

        void writeBytes(byte[] values) throws IOException {
            write(ByteBuffer.wrap(values));
        }

        /** Checks that every value was written. */
        Dataset finish() {
            if (dataset.written != dataset.expectedBytes()) {
                throw new IllegalStateException("Dataset got " + dataset.written + " bytes, expected "
                        + dataset.expectedBytes());
            }
            return dataset;
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            writeHeaders(root);
            ByteBuffer superblock = le(SUPERBLOCK_SIZE);
            superblock.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
            superblock.put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0);
            superblock.putLong(0).putLong(UNDEFINED).putLong(end).putLong(root.address);
            superblock.putInt(ChecksumUtils.checksum(java.util.Arrays.copyOf(superblock.array(), 44)));
            superblock.flip();
            writeFully(superblock, 0);
        }
    }

    /** Writes children's headers first so that each group's links know their addresses. */
    private void writeHeaders(Node node) throws IOException {
        if (node instanceof Group group) {
            for (Node child : group.children) {
                writeHeaders(child);
            }
        }
        byte[] messages = node.messages();
        ByteBuffer header = le(4 + 1 + 1 + 4 + messages.length + 4);
        header.put("OHDR".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 2).putInt(messages.length)
                .put(messages);
        header.putInt(ChecksumUtils.checksum(java.util.Arrays.copyOf(header.array(), header.position())));
        header.flip();
        node.address = end;
        end += writeFully(header, end);
    }

    private int writeFully(ByteBuffer bytes, long position) throws IOException {
        int n = bytes.remaining();
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return n;
    }

    private static void message(ByteArrayOutputStream out, int type, byte[] data) {
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("An HDF5 header message holds at most 65535 bytes, not " + data.length
                    + " (too many or too long names in one attribute)");
        }
        out.write(type);
        out.write(data.length & 0xFF);
        out.write(data.length >>> 8);
        out.write(0);
        out.writeBytes(data);
    }

    private static byte[] attributeMessage(String name, byte[] type, byte[] space, byte[] data) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = le(1 + 1 + 2 + 2 + 2 + 1 + utf8.length + 1 + type.length + space.length + data.length);
        message.put((byte) 3).put((byte) 0).putShort((short) (utf8.length + 1)).putShort((short) type.length)
                .putShort((short) space.length).put((byte) 1).put(utf8).put((byte) 0).put(type).put(space).put(data);
        return message.array();
    }

    /** Datatype message of a number (fixed point, IEEE float) or of h5py's boolean enum. */
    static byte[] numberType(Type type) {
        if (type == Type.BOOL) {
            byte[] base = numberType(Type.INT8);
            ByteBuffer enumType = le(8 + base.length + 16 + 2);
            enumType.put((byte) (0x10 | 8)).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1).put(base);
            enumType.put("FALSE\0\0\0".getBytes(StandardCharsets.US_ASCII)).put("TRUE\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
            enumType.put((byte) 0).put((byte) 1);
            return enumType.array();
        }
        if (type.typeClass == 0) {
            return le(12).put((byte) 0x10).put((byte) (type.signed ? 0x08 : 0)).put((byte) 0).put((byte) 0)
                    .putInt(type.size).putShort((short) 0).putShort((short) (type.size * 8)).array();
        }
        boolean single = type.size == 4;
        return le(20).put((byte) 0x11).put((byte) 0x20).put((byte) (single ? 31 : 63)).put((byte) 0).putInt(type.size)
                .putShort((short) 0).putShort((short) (type.size * 8)).put((byte) (single ? 23 : 52))
                .put((byte) (single ? 8 : 11)).put((byte) 0).put((byte) (single ? 23 : 52)).putInt(single ? 127 : 1023)
                .array();
    }

    /** Fixed-length, null-padded UTF-8 strings of {@code width} bytes (numpy's {@code S} dtype, tagged UTF-8). */
    static byte[] stringType(int width) {
        return le(8).put((byte) 0x13).put((byte) 0x11).put((byte) 0).put((byte) 0).putInt(width).array();
    }

    static byte[] dataspace(long... dims) {
        ByteBuffer space = le(4 + 8 * dims.length);
        space.put((byte) 2).put((byte) dims.length).put((byte) 0).put((byte) (dims.length == 0 ? 0 : 1));
        for (long d : dims) {
            space.putLong(d);
        }
        return space.array();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Strings encoded at one fixed width. */
    private record FixedStrings(List<byte[]> encoded, int width) {
        static FixedStrings of(List<String> values) {
            List<byte[]> encoded = new ArrayList<>(values.size());
            int width = 1;
            for (String value : values) {
                byte[] utf8 = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
                encoded.add(utf8);
                width = Math.max(width, utf8.length);
            }
            return new FixedStrings(encoded, width);
        }

        byte[] bytes() {
            byte[] out = new byte[Math.multiplyExact(encoded.size(), width)];
            for (int i = 0; i < encoded.size(); i++) {
                System.arraycopy(encoded.get(i), 0, out, i * width, encoded.get(i).length);
            }
            return out;
        }
    }
}
