package org.spatialx.formats.matrix;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
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
    String LIBDEFLATE_CLASS = "org.spatialx.formats.matrix.LibdeflateChunkInflater";

    /**
     * Inflates the whole zlib stream {@code compressed} into {@code out}; {@code true} when it decoded to
     * exactly {@code out.length} bytes, {@code false} when the stream is damaged or has another size.
     */
    boolean inflate(ByteBuffer compressed, byte[] out);

    /** Which implementation this is, for logs and benchmarks. */
    String name();

    @Override
    void close();

    /** libdeflate when available (see the type's description), else zlib; waits for the binding to load. */
    static ChunkInflater create() {
        return create(true);
    }

    /**
     * libdeflate when available, else zlib. With {@code wait} false the binding is used only when it has
     * already loaded (it takes ~0.2 s of class loading and linking in a fresh JVM; not worth waiting
     * for on a small dataset), and zlib otherwise.
     */
    static ChunkInflater create(boolean wait) {
        if (nativeAllowed()) {
            ChunkInflater inflater = NativeBinding.create(wait);
            if (inflater != null) {
                return inflater;
            }
        }
        return new Zlib();
    }

    /**
     * Starts loading the libdeflate binding on a background thread, so that it is linked by the time
     * the large datasets are read; the caller goes on (e.g. opening the file) meanwhile.
     */
    static void prepare() {
        if (nativeAllowed()) {
            NativeBinding.start();
        }
    }

    /** Whether the native inflater may be used: unless {@code -Dspatialx.libdeflate=false}. */
    private static boolean nativeAllowed() {
        return !"false".equals(System.getProperty(LIBDEFLATE_PROPERTY));
    }

    /** Loads {@value #LIBDEFLATE_CLASS} once, on a daemon thread started by the first use of this class. */
    final class NativeBinding {

        private static final CompletableFuture<MethodHandle> FACTORY =
                CompletableFuture.supplyAsync(NativeBinding::load,
                        task -> Thread.ofPlatform().daemon().name("spatialx-libdeflate-loader").start(task));

        private NativeBinding() {
        }

        /** Nothing but the class's initialisation, which starts the loading thread. */
        static void start() {
            // FACTORY is being computed
        }

        /** The factory method when the binding is there and works (checked by making and closing one inflater). */
        private static MethodHandle load() {
            if (Runtime.version().feature() < 22) {
                return null; // java.lang.foreign is final from 22 on; the binding is compiled for it
            }
            try {
                MethodHandle factory = MethodHandles.lookup().findStatic(
                        Class.forName(LIBDEFLATE_CLASS), "createIfAvailable",
                        MethodType.methodType(ChunkInflater.class));
                ChunkInflater probe = (ChunkInflater) factory.invoke();
                if (probe == null) {
                    return null; // libdeflate is not installed
                }
                probe.close();
                return factory;
            } catch (Throwable e) {
                return null; // built with JDK 21 (no binding compiled), or native access denied: zlib it is
            }
        }

        /** A native inflater, or {@code null} when there is none (or, without {@code wait}, none yet). */
        static ChunkInflater create(boolean wait) {
            MethodHandle factory = wait ? FACTORY.join() : FACTORY.getNow(null);
            if (factory == null) {
                return null;
            }
            try {
                return (ChunkInflater) factory.invoke();
            } catch (Throwable e) {
                return null;
            }
        }
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
