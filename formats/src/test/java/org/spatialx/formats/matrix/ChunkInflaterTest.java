package org.spatialx.formats.matrix;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.testing.ExampleData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two chunk inflaters (libdeflate through java.lang.foreign, java.util.zip) on the gzip chunks of
 * real 10x matrices (Space Ranger's are shuffled before gzip): they decode what the JDK's
 * InflaterInputStream decodes, which unshuffled is what jHDF's own filter pipeline gives; they refuse
 * damaged or wrongly sized streams, and the matrices read through either are equal.
 */
class ChunkInflaterTest {

    private static final Path VISIUM_RAW = ExampleData.bundled(
            "visium/V1_Adult_Mouse_Brain_Coronal_Section_1_subset50/outs/raw_feature_bc_matrix.h5");
    private static final Path VISIUM_HD = ExampleData.bundled(
            "visium_hd/Visium_HD_Mouse_Brain_square_002um_subset10/binned_outputs/square_002um/filtered_feature_bc_matrix.h5");

    private static final Path XENIUM_TOY = ExampleData.bundled(
            "xenium/SFE_toy_Xenium_XOA1x_human_526cells/cell_feature_matrix.h5");

    @AfterEach
    void clearProperty() {
        System.clearProperty(ChunkInflater.LIBDEFLATE_PROPERTY);
    }

    /** One deflate chunk: its compressed bytes and their inflated form. */
    private record Chunk(String where, byte[] compressed, byte[] expected) {
    }

    private static List<Chunk> chunks(Path file) {
        List<Chunk> chunks = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(file)) {
            for (String path : List.of("/matrix/data", "/matrix/indices", "/matrix/indptr", "/matrix/barcodes")) {
                ChunkedDataset dataset = (ChunkedDataset) hdf.getDatasetByPath(path);
                if (dataset.getSize() == 0) {
                    continue; // the Visium HD subset has no counts: no chunk is stored
                }
                int chunkSize = dataset.getChunkDimensions()[0];
                for (long at = 0; at < dataset.getSize(); at += chunkSize) {
                    ByteBuffer raw = dataset.getRawChunkBuffer(new int[] {(int) at});
                    byte[] compressed = new byte[raw.remaining()];
                    raw.get(compressed);
                    byte[] inflated;
                    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
                        inflated = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    // what the whole filter pipeline gives, per jHDF
                    byte[] decoded = dataset.getDecompressedChunk(new int[] {(int) at});
                    List<Integer> filters = dataset.getFilters().stream().map(f -> f.getId()).toList();
                    if (filters.equals(List.of(2, 1))) { // shuffle, deflate
                        int size = dataset.getDataType().getSize();
                        assertArrayEquals(decoded, Hdf5Arrays.unshuffle(inflated, new byte[inflated.length], size), path);
                    } else {
                        assertEquals(List.of(1), filters, path);
                        assertArrayEquals(decoded, inflated, path);
                    }
                    chunks.add(new Chunk(file.getFileName() + path + "@" + at, compressed, inflated));
                }
            }
        }
        return chunks;
    }

    private static void assertDecodesLikeJhdf(Supplier<ChunkInflater> inflaters) {
        List<Chunk> chunks = new ArrayList<>(chunks(VISIUM_RAW));
        chunks.addAll(chunks(VISIUM_HD));
        chunks.addAll(chunks(XENIUM_TOY));
        assertEquals(10, chunks.size()); // 4 datasets of one chunk each, but the Visium HD subset stores no data nor indices
        try (ChunkInflater inflater = inflaters.get()) {
            for (Chunk chunk : chunks) {  // one inflater for every chunk, as a reader's worker uses it
                byte[] out = new byte[chunk.expected().length];
                assertTrue(inflater.inflate(ByteBuffer.wrap(chunk.compressed()), out), inflater.name() + " " + chunk.where());
                assertArrayEquals(chunk.expected(), out, inflater.name() + " " + chunk.where());
                // also from a direct buffer, as jHDF hands out chunks of a mapped file
                ByteBuffer direct = ByteBuffer.allocateDirect(chunk.compressed().length).put(chunk.compressed()).flip();
                byte[] again = new byte[out.length];
                assertTrue(inflater.inflate(direct, again));
                assertArrayEquals(out, again);
            }
        }
    }

    @Test
    void zlibDecodesTheChunksOfRealMatrices() {
        assertDecodesLikeJhdf(ChunkInflater.Zlib::new);
    }

    @Test
    void libdeflateDecodesTheChunksOfRealMatrices() {
        ChunkInflater inflater = ChunkInflater.create();
        String name = inflater.name();
        inflater.close();
        assumeTrue(name.equals("libdeflate"), "libdeflate is not installed here (or the JDK is older than 22): "
                + "ChunkInflater.create() gave " + name);
        assertDecodesLikeJhdf(ChunkInflater::create);
    }

    @Test
    void libdeflateIsPickedWhereItIsInstalled() {
        boolean installed = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libdeflate.so.0"))
                || Files.exists(Path.of("/usr/lib64/libdeflate.so.0"));
        assumeTrue(installed && Runtime.version().feature() >= 22, "no system libdeflate on this machine");
        try (ChunkInflater inflater = ChunkInflater.create()) {
            assertEquals("libdeflate", inflater.name());
        }
        System.setProperty(ChunkInflater.LIBDEFLATE_PROPERTY, "false");
        try (ChunkInflater inflater = ChunkInflater.create()) {
            assertEquals("zlib", inflater.name());
        }
    }

    @Test
    void damagedAndWronglySizedStreamsAreRefusedByBoth() {
        Chunk chunk = chunks(VISIUM_RAW).getFirst();
        byte[] damaged = chunk.compressed().clone();
        damaged[damaged.length / 2] ^= 0x55;
        for (ChunkInflater inflater : List.of(ChunkInflater.create(), new ChunkInflater.Zlib())) {
            try (inflater) {
                int size = chunk.expected().length;
                assertFalse(inflater.inflate(ByteBuffer.wrap(damaged), new byte[size]), inflater.name() + " damaged");
                assertFalse(inflater.inflate(ByteBuffer.wrap(chunk.compressed()), new byte[size + 1]),
                        inflater.name() + " one byte short of the buffer");
                assertFalse(inflater.inflate(ByteBuffer.wrap(chunk.compressed()), new byte[size - 1]),
                        inflater.name() + " one byte too many for the buffer");
                // the same inflater still works after refusing
                byte[] out = new byte[size];
                assertTrue(inflater.inflate(ByteBuffer.wrap(chunk.compressed()), out), inflater.name());
                assertArrayEquals(chunk.expected(), out);
            }
        }
    }

    @Test
    void matricesReadWithEitherInflaterAreEqual() throws Exception {
        Path rechunked = Path.of(getClass().getResource("/h5/toy_cell_feature_matrix_rechunked.h5").toURI());
        ChunkInflater.create(true).close(); // small datasets use the native inflater only once it has loaded
        for (Path file : List.of(VISIUM_RAW, VISIUM_HD, XENIUM_TOY, rechunked)) {
            System.setProperty(ChunkInflater.LIBDEFLATE_PROPERTY, "false");
            ExpressionMatrix zlib = TenxH5Matrix.read(file);
            System.clearProperty(ChunkInflater.LIBDEFLATE_PROPERTY);
            ExpressionMatrix fastest = TenxH5Matrix.read(file);
            assertEquals(zlib.cellIds(), fastest.cellIds(), file.toString());
            assertEquals(zlib.geneIds(), fastest.geneIds());
            assertArrayEquals(zlib.indptr(), fastest.indptr());
            assertArrayEquals(zlib.indices(), fastest.indices());
            assertEquals(zlib.values(), fastest.values());
        }
    }
}
