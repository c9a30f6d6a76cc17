package org.spatialx.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.formats.testing.Python;

class ZarrArrayTest {

    @TempDir
    Path dir;

    /** Appends {@code values} in uneven pieces (1, 2, 3... elements) so that appends straddle chunk ends. */
    static void appendInPieces(ZarrArrayWriter writer, int[] values) throws IOException {
        int at = 0;
        for (int piece = 1; at < values.length; piece++) {
            int n = Math.min(piece, values.length - at);
            writer.appendInts(values, at, n);
            at += n;
        }
    }

    @Test
    void integerArraysOfEveryWidthReadBackAcrossChunks() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        int[] values = random.ints(1000, -100, 100).toArray();
        for (DataType type : List.of(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64)) {
            for (Compression compression : List.of(Compression.ZLIB, Compression.NONE)) {
                Path array = dir.resolve(type + "-" + compression.id());
                ZarrArrayWriter writer = ZarrArrayWriter.oneDimensional(array, type, 64, compression, FileWriter.DEFAULT);
                appendInPieces(writer, values);
                writer.finish(null);
                ZarrArray read = ZarrArray.open(new DirectoryStore(dir), array.getFileName().toString());
                assertEquals(1000, read.length());
                assertArrayEquals(values, read.readAllInts(), type + " " + compression);
                int[] middle = new int[130];
                System.arraycopy(values, 60, middle, 0, 130);
                assertArrayEquals(middle, read.readInts(60, 130));
            }
        }
    }

    @Test
    void floatsDoublesStringsAndRowsReadBack() throws IOException {
        float[] floats = new float[500];
        double[] doubles = new double[500];
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            floats[i] = i / 3f;
            doubles[i] = Math.sqrt(i);
            strings.add(i % 7 == 0 ? "" : "cell-" + i + (i % 11 == 0 ? " µm ✓" : ""));
        }
        ZarrArrayWriter f = ZarrArrayWriter.oneDimensional(dir.resolve("f"), DataType.FLOAT32, 33, Compression.ZLIB,
                FileWriter.DEFAULT);
        ZarrArrayWriter d = ZarrArrayWriter.oneDimensional(dir.resolve("d"), DataType.FLOAT64, 33, Compression.ZLIB,
                FileWriter.DEFAULT);
        ZarrArrayWriter s = ZarrArrayWriter.oneDimensional(dir.resolve("s"), DataType.STRING, 33, Compression.ZLIB,
                FileWriter.DEFAULT);
        ZarrArrayWriter m = ZarrArrayWriter.twoDimensional(dir.resolve("m"), DataType.FLOAT64, 7, 3, Compression.ZLIB,
                FileWriter.DEFAULT);
        for (int i = 0; i < 500; i += 5) {
            f.appendFloats(floats, i, 5);
            d.appendDoubles(doubles, i, 5);
            s.appendStrings(strings.subList(i, i + 5));
        }
        double[] matrix = new double[100 * 3];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = i * 0.5;
        }
        for (int r = 0; r < 100; r++) {
            m.appendDoubles(matrix, r * 3, 3);
        }
        for (ZarrArrayWriter w : List.of(f, d, s, m)) {
            w.finish(Json.object());
        }
        DirectoryStore store = new DirectoryStore(dir);
        assertArrayEquals(floats, ZarrArray.open(store, "f").readFloats(0, 500));
        assertArrayEquals(doubles, ZarrArray.open(store, "d").readAllDoubles());
        assertEquals(strings, ZarrArray.open(store, "s").readAllStrings());
        assertEquals(strings.subList(30, 70), ZarrArray.open(store, "s").readStrings(30, 40));
        ZarrArray rows = ZarrArray.open(store, "m");
        assertEquals(3, rows.columns());
        assertArrayEquals(matrix, rows.readRows(0, 100));
        double[] some = new double[9];
        System.arraycopy(matrix, 6 * 3, some, 0, 9);
        assertArrayEquals(some, rows.readRows(6, 3));

        Python.assumeModules("zarr", "numpy");
        String script = """
                import sys, json, zarr
                g = zarr.open_group(sys.argv[1], mode="r")
                print(json.dumps({"f": g["f"][:].tolist(), "d": g["d"][:].tolist(), "s": list(g["s"][:]),
                                  "m": g["m"][:].tolist(), "dtypes": [str(g[k].dtype) for k in "fdsm"]}))
                """;
        ZarrGroup.create(dir, Json.object());
        JsonNode read = new ObjectMapper().readTree(Python.run(script, dir.toString()));
        assertEquals(List.of("float32", "float64", "object", "float64"),
                List.of(read.get("dtypes").get(0).asText(), read.get("dtypes").get(1).asText(),
                        read.get("dtypes").get(2).asText(), read.get("dtypes").get(3).asText()));
        for (int i = 0; i < 500; i++) {
            assertEquals(floats[i], (float) read.get("f").get(i).asDouble());
            assertEquals(doubles[i], read.get("d").get(i).asDouble());
            assertEquals(strings.get(i), read.get("s").get(i).asText());
        }
        assertEquals(100, read.get("m").size());
        assertEquals(matrix[3 * 99 + 2], read.get("m").get(99).get(2).asDouble());
    }

    @Test
    void readsWhatZarrPythonWritesWithZlib() throws IOException {
        Python.assumeModules("zarr", "numpy", "numcodecs");
        Path store = dir.resolve("py.zarr");
        Python.run("""
                import sys, zarr, numpy as np, numcodecs
                g = zarr.open_group(sys.argv[1], mode="w")
                g.create_dataset("i", data=np.arange(1000, dtype="<i8") * 3, chunks=(128,), compressor=numcodecs.Zlib(5))
                g.create_dataset("u", data=np.arange(300, dtype="<u2"), chunks=(100,), compressor=None)
                g.create_dataset("s", data=np.array(["a", "ßeta", ""] * 50, dtype=object), chunks=(16,),
                                 object_codec=numcodecs.VLenUTF8(), compressor=numcodecs.Zlib(1))
                g.create_dataset("m", data=np.arange(60, dtype="<f4").reshape(20, 3), chunks=(6, 2),
                                 compressor=numcodecs.Zlib(1))
                """, store.toString());
        DirectoryStore zarr = new DirectoryStore(store);
        long[] expected = new long[1000];
        for (int i = 0; i < 1000; i++) {
            expected[i] = 3L * i;
        }
        assertArrayEquals(expected, ZarrArray.open(zarr, "i").readLongs(0, 1000));
        assertEquals(299, ZarrArray.open(zarr, "u").readAllInts()[299]);
        List<String> s = ZarrArray.open(zarr, "s").readAllStrings();
        assertEquals(150, s.size());
        assertEquals("ßeta", s.get(148));
        double[] m = ZarrArray.open(zarr, "m").readRows(0, 20);
        for (int i = 0; i < 60; i++) {
            assertEquals(i, m[i], 0.0, "element " + i + " of a 2-D array chunked on both axes");
        }
    }

    @Test
    void readsBloscAsZarrPythonWritesItByDefault() throws IOException {
        Python.assumeModules("zarr", "numpy", "numcodecs");
        Path store = dir.resolve("blosc.zarr");
        Python.run("""
                import sys, zarr, numpy as np
                from numcodecs import Blosc, VLenUTF8
                g = zarr.open_group(sys.argv[1], mode="w")
                rng = np.random.default_rng(3)
                ints = rng.integers(0, 1000, 100_000).astype("<i4")
                for name, comp in (("lz4", Blosc()), ("zlib", Blosc(cname="zlib")), ("noshuffle", Blosc(shuffle=0)),
                                   ("lz4hc", Blosc(cname="lz4hc", clevel=9)), ("blosclz", Blosc(cname="blosclz")),
                                   ("bit", Blosc(shuffle=Blosc.BITSHUFFLE))):
                    g.create_dataset(name, data=ints, chunks=(30_000,), compressor=comp)
                g.create_dataset("f8", data=np.sin(np.arange(50_000)), chunks=(7_000,), compressor=Blosc())
                g.create_dataset("m", data=np.arange(40_000, dtype="<f4").reshape(10_000, 4), chunks=(1_000, 4),
                                 compressor=Blosc())
                g.create_dataset("s", data=np.array([f"cell-{i}" for i in range(5_000)], dtype=object), chunks=(1_500,),
                                 object_codec=VLenUTF8(), compressor=Blosc())
                np.save(sys.argv[1] + "/ints.npy", ints)
                """, store.toString());
        DirectoryStore zarr = new DirectoryStore(store);
        int[] expected = ZarrArray.open(zarr, "noshuffle").readAllInts();
        assertEquals(100_000, expected.length);
        for (String name : List.of("lz4", "zlib", "lz4hc")) {
            assertArrayEquals(expected, ZarrArray.open(zarr, name).readAllInts(), name);
        }
        double[] sines = ZarrArray.open(zarr, "f8").readAllDoubles();
        for (int i = 0; i < sines.length; i += 997) {
            assertEquals(Math.sin(i), sines[i], 1e-12);
        }
        double[] m = ZarrArray.open(zarr, "m").readRows(0, 10_000);
        assertEquals(39_999.0, m[39_999], 0.0);
        assertEquals("cell-4999", ZarrArray.open(zarr, "s").readAllStrings().get(4999));
        ZarrException blosclz = assertThrows(ZarrException.class, () -> ZarrArray.open(zarr, "blosclz").readAllInts());
        assertTrue(blosclz.getMessage().contains("inner codec 'blosclz' is not supported"), blosclz.getMessage());
        ZarrException bit = assertThrows(ZarrException.class, () -> ZarrArray.open(zarr, "bit").readAllInts());
        assertTrue(bit.getMessage().contains("bit shuffle is not supported"), bit.getMessage());
    }

    @Test
    void unsupportedEncodingsAreNamed() throws IOException {
        Path array = dir.resolve("b");
        Files.createDirectories(array);
        Files.writeString(array.resolve(".zarray"), """
                {"chunks": [10], "compressor": {"id": "zstd", "level": 1}, "dtype": "<i4", "fill_value": 0,
                 "filters": null, "order": "C", "shape": [10], "zarr_format": 2}""");
        ZarrException e = assertThrows(ZarrException.class, () -> ZarrArray.open(new DirectoryStore(dir), "b"));
        assertTrue(e.getMessage().contains("compressor 'zstd' is not supported"), e.getMessage());
        ZarrException missing = assertThrows(ZarrException.class, () -> ZarrArray.open(new DirectoryStore(dir), "nope"));
        assertTrue(missing.getMessage().contains("No zarr array at 'nope'"), missing.getMessage());
        ZarrException range = assertThrows(ZarrException.class, () -> {
            ZarrArrayWriter w = ZarrArrayWriter.oneDimensional(dir.resolve("c"), DataType.INT32, 4, Compression.ZLIB,
                    FileWriter.DEFAULT);
            w.appendInts(new int[] {1, 2, 3}, 0, 3);
            w.finish(null);
            ZarrArray.open(new DirectoryStore(dir), "c").readInts(2, 5);
        });
        assertTrue(range.getMessage().contains("outside its 3"), range.getMessage());
    }
}
