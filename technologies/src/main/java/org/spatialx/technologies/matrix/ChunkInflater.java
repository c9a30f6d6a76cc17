package org.spatialx.technologies.matrix;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the zlib streams HDF5 stores as deflate-filtered chunks. One instance per thread, reused for
 * every chunk it inflates. {@link #create()} picks the system's libdeflate (2-3x faster than zlib on
 * 10x matrices) when the JDK can call it (22+) and it is installed, else {@link java.util.zip.Inflater}.
 */
interface ChunkInflater extends AutoCloseable {

    /** System property that turns the native inflater off ({@code -Dspatialx.libdeflate=false}). */
    String LIBDEFLATE_PROPERTY = "spatialx.libdeflate";

    /** Class of the libdeflate binding: compiled for Java 22 (java.lang.foreign), so loaded by name. */
    String LIBDEFLATE_CLASS = "org.spatialx.technologies.matrix.LibdeflateChunkInflater";

    /**
     * Inflates the whole zlib stream {@code compressed} into {@code out}; {@code true} when it decoded to
     * exactly {@code out.length} bytes, {@code false} when the stream is damaged or has another size.
     */
    boolean inflate(ByteBuffer compressed, byte[] out);

    /** Which implementation this is, for logs and benchmarks. */
    String name();

    @Override
    void close();

    /** libdeflate when available (see the type's description), else zlib. */
    static ChunkInflater create() {
        if (!"false".equals(System.getProperty(LIBDEFLATE_PROPERTY)) && Runtime.version().feature() >= 22) {
            try {
                Class<?> type = Class.forName(LIBDEFLATE_CLASS);
                Object inflater = type.getMethod("createIfAvailable").invoke(null);
                if (inflater != null) {
                    return (ChunkInflater) inflater;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // built with JDK 21 (no binding compiled) or a JVM without java.lang.foreign: zlib it is
            }
        }
        return new Zlib();
    }

    /** {@link java.util.zip.Inflater}, always available. */
    final class Zlib implements ChunkInflater {

        private final Inflater inflater = new Inflater();

        @Override
        public boolean inflate(ByteBuffer compressed, byte[] out) {
            inflater.reset();
            inflater.setInput(compressed);
            try {
                int filled = 0;
                while (filled < out.length && !inflater.finished()) {
                    int n = inflater.inflate(out, filled, out.length - filled);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    filled += n;
                }
                if (filled != out.length) {
                    return false;
                }
                // the stream must end here (and its checksum match): one more byte of output means a longer stream
                return inflater.finished() || inflater.inflate(new byte[1]) == 0 && inflater.finished();
            } catch (DataFormatException e) {
                return false;
            }
        }

        @Override
        public String name() {
            return "zlib";
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
