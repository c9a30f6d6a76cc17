package org.spatialx.formats.matrix;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.FilterPipelineMessage;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.spatialx.api.data.MatrixValues;

/**
 * Reads one-dimensional HDF5 datasets as Java arrays whatever their stored type (int8-int64,
 * unsigned, float, double, fixed or variable-length strings). Chunked numeric and fixed-length
 * string datasets are decoded chunk by chunk, in parallel, straight into the result array.
 */
final class Hdf5Arrays {

    /** HDF5 filter id of deflate (gzip). */
    private static final int DEFLATE_FILTER = 1;

    /** HDF5 filter id of shuffle (bytes of each element grouped by significance; Space Ranger uses it before gzip). */
    private static final int SHUFFLE_FILTER = 2;

    /** Datasets of at least this many bytes wait for the libdeflate binding to load, see {@link ChunkInflater}. */
    private static final long NATIVE_INFLATER_BYTES = 16 << 20;

    private Hdf5Arrays() {
    }

    static Dataset dataset(HdfFile hdf, Path file, String path) {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " has no dataset " + path + " (is it the right kind of .h5?)", e);
        }
        if (!(node instanceof Dataset dataset)) {
            throw new IllegalArgumentException(file + ": " + path + " is a group, not a dataset");
        }
        return dataset;
    }

    static boolean exists(HdfFile hdf, String path) {
        try {
            hdf.getByPath(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static int[] ints(HdfFile hdf, Path file, String path) {
        Dataset dataset = dataset(hdf, file, path);
        if (dataset.getSize() == 0) {
            return new int[0]; // e.g. the matrix of a Visium HD subset without counts: jHDF reads no data
        }
        if (chunkedNumbers(dataset) instanceof ChunkedDataset chunked && isInteger(dataset.getDataType())) {
            int[] out = new int[Math.toIntExact(dataset.getSize())];
            FixedPoint type = (FixedPoint) dataset.getDataType();
            forEachChunk(chunked, out.length, type.getByteOrder(), (chunk, at, count) -> {
                if (type.getSize() == 4 && type.isSigned()) {
                    chunk.asIntBuffer().get(out, at, count);
                    return;
                }
                for (int i = 0; i < count; i++) {
                    long value = integerAt(chunk, i, type);
                    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                        throw new IllegalArgumentException(file + ": " + path + " value " + value
                                + " exceeds the int range");
                    }
                    out[at + i] = (int) value;
                }
            });
            return out;
        }
        Object data = dataset.getData();
        if (data instanceof int[] direct) {
            return direct;
        }
        if (data instanceof long[] wide) {
            int[] out = new int[wide.length];
            for (int i = 0; i < wide.length; i++) {
                if (wide[i] > Integer.MAX_VALUE || wide[i] < Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(file + ": " + path + " value " + wide[i] + " exceeds the int range");
                }
                out[i] = (int) wide[i];
            }
            return out;
        }
        int length = Array.getLength(data);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            long value = ((Number) Array.get(data, i)).longValue();
            if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(file + ": " + path + " value " + value + " exceeds the int range");
            }
            out[i] = (int) value;
        }
        return out;
    }

    /**
     * A numeric dataset in the element type it is stored in, as h5py reads it: integers that fit an
     * {@code int} (int8-int32, uint8-uint16) as {@link MatrixValues.Ints}, float32 as
     * {@link MatrixValues.Floats}; wider integers are narrowed to ints when every value fits, else doubles.
     */
    static MatrixValues values(HdfFile hdf, Path file, String path) {
        DataType type = dataset(hdf, file, path).getDataType();
        if (type instanceof FixedPoint fixed && (fixed.getSize() < 4 || fixed.getSize() == 4 && fixed.isSigned())) {
            return new MatrixValues.Ints(ints(hdf, file, path));
        }
        if (type instanceof FloatingPoint && type.getSize() == 4) {
            return new MatrixValues.Floats(floats(hdf, file, path));
        }
        double[] values = doubles(hdf, file, path);
        return type instanceof FixedPoint ? MatrixValues.narrowest(values, values.length) : new MatrixValues.Doubles(values);
    }

    private static float[] floats(HdfFile hdf, Path file, String path) {
        Dataset dataset = dataset(hdf, file, path);
        if (dataset.getSize() == 0) {
            return new float[0]; // e.g. the matrix of a Visium HD subset without counts: jHDF reads no data
        }
        if (chunkedNumbers(dataset) instanceof ChunkedDataset chunked) {
            float[] out = new float[Math.toIntExact(dataset.getSize())];
            forEachChunk(chunked, out.length, ((FloatingPoint) dataset.getDataType()).getByteOrder(),
                    (chunk, at, count) -> chunk.asFloatBuffer().get(out, at, count));
            return out;
        }
        Object data = dataset.getData();
        if (data instanceof float[] direct) {
            return direct;
        }
        throw new IllegalArgumentException(file + ": " + path + " is not a one-dimensional float32 array");
    }

    static double[] doubles(HdfFile hdf, Path file, String path) {
        Dataset dataset = dataset(hdf, file, path);
        if (dataset.getSize() == 0) {
            return new double[0]; // e.g. the matrix of a Visium HD subset without counts: jHDF reads no data
        }
        if (chunkedNumbers(dataset) instanceof ChunkedDataset chunked) {
            double[] out = new double[Math.toIntExact(dataset.getSize())];
            DataType type = dataset.getDataType();
            ByteOrder order = type instanceof FixedPoint fixed ? fixed.getByteOrder() : ((FloatingPoint) type).getByteOrder();
            forEachChunk(chunked, out.length, order, (chunk, at, count) -> {
                if (type instanceof FloatingPoint && type.getSize() == 8) {
                    chunk.asDoubleBuffer().get(out, at, count);
                } else if (type instanceof FloatingPoint) {
                    for (int i = 0; i < count; i++) {
                        out[at + i] = chunk.getFloat(i * 4);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        out[at + i] = integerAt(chunk, i, (FixedPoint) type);
                    }
                }
            });
            return out;
        }
        Object data = dataset.getData();
        if (data instanceof double[] d) {
            return d;
        }
        if (data instanceof int[] ints) {
            double[] out = new double[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        if (data instanceof float[] floats) {
            double[] out = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                out[i] = floats[i];
            }
            return out;
        }
        int length = Array.getLength(data);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return out;
    }

    /** The dataset when it is a chunked one-dimensional array of integers or 4/8-byte floats, else {@code null}. */
    private static ChunkedDataset chunkedNumbers(Dataset dataset) {
        DataType type = dataset.getDataType();
        boolean numeric = isInteger(type) || type instanceof FloatingPoint && (type.getSize() == 4 || type.getSize() == 8);
        return dataset instanceof ChunkedDataset chunked && numeric && dataset.getDimensions().length == 1
                && !dataset.isEmpty() && chunked.getChunkDimensions().length == 1 ? chunked : null;
    }

    private static boolean isInteger(DataType type) {
        return type instanceof FixedPoint && (type.getSize() == 1 || type.getSize() == 2 || type.getSize() == 4
                || type.getSize() == 8);
    }

    private static long integerAt(ByteBuffer chunk, int index, FixedPoint type) {
        return switch (type.getSize()) {
            case 1 -> type.isSigned() ? chunk.get(index) : Byte.toUnsignedLong(chunk.get(index));
            case 2 -> type.isSigned() ? chunk.getShort(index * 2) : Short.toUnsignedLong(chunk.getShort(index * 2));
            case 4 -> type.isSigned() ? chunk.getInt(index * 4) : Integer.toUnsignedLong(chunk.getInt(index * 4));
            default -> {
                long value = chunk.getLong(index * 8);
                if (!type.isSigned() && value < 0) {
                    throw new IllegalArgumentException("unsigned 64-bit value " + Long.toUnsignedString(value)
                            + " exceeds the long range");
                }
                yield value;
            }
        };
    }

    /** Receives one inflated chunk: {@code count} values that belong at {@code at} in the output array. */
    private interface ChunkConsumer {
        void accept(ByteBuffer chunk, int at, int count);
    }

    /**
     * Inflates the chunks of a 1-D dataset and hands each one, as a buffer in the file's byte order, to
     * {@code consumer}; no copy of the whole dataset is made. One worker per core takes the next chunk
     * until none is left, each with its own {@link ChunkInflater} and chunk buffer (reused: no garbage per chunk), so
     * the consumer must copy what it keeps.
     */
    private static void forEachChunk(ChunkedDataset dataset, int size, ByteOrder order, ChunkConsumer consumer) {
        int chunkSize = dataset.getChunkDimensions()[0];
        int chunks = (int) ((size + (long) chunkSize - 1) / chunkSize);
        List<Integer> filters = filterIds(dataset);
        // deflate alone (h5py's and Cell Ranger's gzip) and shuffle + deflate (Space Ranger) are decoded here, into
        // buffers of the exact chunk size; any other filter pipeline (lzf, fletcher32, ...) goes through jHDF
        boolean deflateOnly = filters.equals(List.of(DEFLATE_FILTER));
        boolean shuffled = filters.equals(List.of(SHUFFLE_FILTER, DEFLATE_FILTER));
        int elementSize = dataset.getDataType().getSize();
        int chunkBytes = Math.multiplyExact(chunkSize, elementSize);
        boolean large = (long) size * elementSize >= NATIVE_INFLATER_BYTES;
        AtomicInteger nextChunk = new AtomicInteger();
        int workers = Math.min(chunks, Runtime.getRuntime().availableProcessors());
        IntStream.range(0, workers).parallel().forEach(worker -> {
            byte[] inflated = deflateOnly || shuffled ? new byte[chunkBytes] : null;
            byte[] unshuffled = shuffled ? new byte[chunkBytes] : null;
            // the native inflater is worth waiting for (its first use links it) on large datasets only
            try (ChunkInflater inflater = inflated == null ? null : ChunkInflater.create(large)) {
                for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                    int at = c * chunkSize;
                    byte[] bytes;
                    if (inflater != null && inflater.inflate(dataset.getRawChunkBuffer(new int[] {at}), inflated)) {
                        bytes = shuffled ? unshuffle(inflated, unshuffled, elementSize) : inflated;
                    } else {
                        // not one deflate stream of the full chunk size (e.g. an edge chunk stored unfiltered):
                        // jHDF's filter pipeline decodes it
                        bytes = dataset.getDecompressedChunk(new int[] {at});
                    }
                    consumer.accept(ByteBuffer.wrap(bytes).order(order), at, Math.min(chunkSize, size - at));
                }
            }
        });
    }

    /**
     * The ids of the dataset's filter pipeline in the order they were applied on writing, read from its
     * object header: asking jHDF for the pipeline ({@code getFilters()}) would first load every filter
     * implementation it knows (LZ4, LZF, bitshuffle...), which a reader of gzip chunks never needs.
     */
    private static List<Integer> filterIds(ChunkedDataset dataset) {
        if (dataset instanceof AbstractNode node
                && node.getHeader().hasMessageOfType(FilterPipelineMessage.class)) {
            return node.getHeader().getMessageOfType(FilterPipelineMessage.class).getFilters().stream()
                    .map(FilterPipelineMessage.FilterInfo::getId).toList();
        }
        return dataset.getFilters().stream().map(PipelineFilterWithData::getId).toList();
    }

    /**
     * Undoes HDF5's shuffle filter: {@code shuffled} holds byte 0 of every element, then byte 1 of every
     * element, and so on; {@code out} gets the elements back in order. Returns {@code out}.
     */
    static byte[] unshuffle(byte[] shuffled, byte[] out, int elementSize) {
        int elements = shuffled.length / elementSize;
        for (int b = 0; b < elementSize; b++) {
            int from = b * elements;
            for (int i = 0, to = b; i < elements; i++, to += elementSize) {
                out[to] = shuffled[from + i];
            }
        }
        int tail = elements * elementSize;  // bytes of a partial element are stored as they are
        System.arraycopy(shuffled, tail, out, tail, shuffled.length - tail);
        return out;
    }

    static List<String> strings(HdfFile hdf, Path file, String path) {
        Dataset dataset = dataset(hdf, file, path);
        if (dataset.getSize() == 0) {
            return List.of(); // e.g. the matrix of a Visium HD subset without counts: jHDF reads no data
        }
        if (dataset instanceof ChunkedDataset chunked && dataset.getDataType() instanceof StringData type
                && !dataset.isVariableLength() && dataset.getDimensions().length == 1 && !dataset.isEmpty()
                && chunked.getChunkDimensions().length == 1) {
            // fixed-length strings (10x barcodes and feature ids): decoded from the inflated chunks
            int width = type.getSize();
            boolean spacePadded = type.getPaddingType() == StringData.PaddingType.SPACE_PADDED;
            String[] out = new String[Math.toIntExact(dataset.getSize())];
            forEachChunk(chunked, out.length, ByteOrder.LITTLE_ENDIAN, (chunk, at, count) -> {
                byte[] bytes = chunk.array();
                for (int i = 0; i < count; i++) {
                    int start = i * width;
                    int end = start;
                    while (end < start + width && bytes[end] != 0) {
                        end++;
                    }
                    while (spacePadded && end > start && bytes[end - 1] == ' ') {
                        end--;
                    }
                    out[at + i] = new String(bytes, start, end - start, type.getCharset());
                }
            });
            return Arrays.asList(out);
        }
        Object data = dataset.getData();
        int length = Array.getLength(data);
        List<String> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Object value = Array.get(data, i);
            out.add(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(value));
        }
        return out;
    }
}
