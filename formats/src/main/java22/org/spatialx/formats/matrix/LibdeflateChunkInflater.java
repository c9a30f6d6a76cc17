package org.spatialx.formats.matrix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChunkInflater} over the system's libdeflate ({@code libdeflate_zlib_decompress}) through
 * {@code java.lang.foreign}: compiled for Java 22 and loaded by name, so the module still runs on 21.
 * The compressed chunk is read in place (jHDF maps the file) and the output written straight into the
 * Java array ({@link Linker.Option#critical(boolean) critical} calls allow heap memory).
 */
final class LibdeflateChunkInflater implements ChunkInflater {

    /** Names tried in order: Debian/Ubuntu/Fedora, a plain dev symlink, macOS (Homebrew), Windows. */
    private static final List<String> LIBRARY_NAMES = List.of("libdeflate.so.0", "libdeflate.so",
            "/opt/homebrew/lib/libdeflate.dylib", "/usr/local/lib/libdeflate.dylib", "libdeflate.dylib",
            "libdeflate.dll", "deflate.dll");

    private static final int LIBDEFLATE_SUCCESS = 0;

    private static final Binding BINDING = Binding.load().orElse(null);

    private final MemorySegment decompressor;

    private LibdeflateChunkInflater(MemorySegment decompressor) {
        this.decompressor = decompressor;
    }

    /** A new inflater, or {@code null} when libdeflate is not installed. Called by {@link ChunkInflater#create()}. */
    public static ChunkInflater createIfAvailable() {
        if (BINDING == null) {
            return null;
        }
        try {
            MemorySegment decompressor = (MemorySegment) BINDING.alloc.invokeExact();
            return decompressor.equals(MemorySegment.NULL) ? null : new LibdeflateChunkInflater(decompressor);
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public boolean inflate(ByteBuffer compressed, byte[] out) {
        MemorySegment in = MemorySegment.ofBuffer(compressed);
        try {
            // a null actual_out_nbytes_ret asks libdeflate for exactly out.length bytes (else SHORT_OUTPUT)
            int result = (int) BINDING.zlibDecompress.invokeExact(decompressor, in, in.byteSize(),
                    MemorySegment.ofArray(out), (long) out.length, MemorySegment.NULL);
            return result == LIBDEFLATE_SUCCESS;
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "libdeflate";
    }

    @Override
    public void close() {
        try {
            BINDING.free.invokeExact(decompressor);
        } catch (Throwable e) {
            throw new IllegalStateException("libdeflate_free_decompressor failed", e);
        }
    }

    /** The three libdeflate functions used. */
    private record Binding(MethodHandle alloc, MethodHandle zlibDecompress, MethodHandle free) {

        static Optional<Binding> load() {
            for (String name : LIBRARY_NAMES) {
                try {
                    return Optional.of(bind(SymbolLookup.libraryLookup(name, Arena.global())));
                } catch (IllegalArgumentException | IllegalCallerException | java.util.NoSuchElementException e) {
                    // not there (or native access denied): try the next name, then fall back to zlib
                }
            }
            return Optional.empty();
        }

        private static Binding bind(SymbolLookup library) {
            Linker linker = Linker.nativeLinker();
            MethodHandle alloc = linker.downcallHandle(library.find("libdeflate_alloc_decompressor").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            // enum libdeflate_result libdeflate_zlib_decompress(struct libdeflate_decompressor *, const void *in,
            //     size_t in_nbytes, void *out, size_t out_nbytes_avail, size_t *actual_out_nbytes_ret)
            MethodHandle zlibDecompress = linker.downcallHandle(library.find("libdeflate_zlib_decompress").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                    Linker.Option.critical(true));
            MethodHandle free = linker.downcallHandle(library.find("libdeflate_free_decompressor").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            return new Binding(alloc, zlibDecompress, free);
        }
    }
}
