package org.spatialx.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.formats.testing.ExampleData;

/**
 * Large files (at least {@link CsvFile#READ_AHEAD_BYTES} on disk) are read by a second thread: the lines
 * come back identical and in order, a damaged gzip stream fails with the file named, and closing early
 * stops the thread. The large files are the bundled CosMx transcript table repeated, plain and gzipped.
 */
class ReadAheadTest {

    private static final Path TX = ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3").resolve("Lung12_tx_file.csv");

    /** The header of the real file, then its body {@code copies} times: {@code copies x body} data lines. */
    private static Path repeated(Path target, int copies, boolean gzip) throws IOException {
        List<String> lines = Files.readAllLines(TX);
        byte[] body = (String.join("\n", lines.subList(1, lines.size())) + "\n").getBytes();
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(target)) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        } : Files.newOutputStream(target)) {
            out.write((lines.get(0) + "\n").getBytes());
            for (int i = 0; i < copies; i++) {
                out.write(body);
            }
        }
        return target;
    }

    private static long readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("spatialx-read-ahead") && t.isAlive()).count();
    }

    @Test
    void largeFilesComeBackLineForLineInOrder(@TempDir Path temp) throws IOException {
        List<String> lines = Files.readAllLines(TX);
        int bodyLines = lines.size() - 1;
        for (boolean gzip : new boolean[] {false, true}) {
            // plain: 3 copies of the 2.2 MB table; gzip at the fastest level: enough copies to pass 4 MiB
            Path file = repeated(temp.resolve(gzip ? "tx.csv.gz" : "tx.csv"), gzip ? 16 : 3, gzip);
            assertTrue(Files.size(file) >= CsvFile.READ_AHEAD_BYTES, file + " " + Files.size(file));
            long count = 0;
            long lastLine = 0;
            try (CsvFile csv = CsvFile.open(file)) {
                assertEquals(Arrays.asList(lines.get(0).split(",")), csv.next());
                List<String> row;
                while ((row = csv.next()) != null) {
                    // every line equals the real file's line at the same place of its copy
                    String expected = lines.get(1 + (int) (count % bodyLines));
                    assertEquals(CsvFile.split(expected, ','), row, "line " + csv.lineNumber());
                    count++;
                    lastLine = csv.lineNumber();
                }
                assertNull(csv.next()); // and again at the end
            }
            assertEquals(count + 1, lastLine); // line numbers for error messages count the header
            assertEquals((long) bodyLines * (gzip ? 16 : 3), count, file.toString());
        }
    }

    @Test
    void damagedGzipFailsNamingTheFile(@TempDir Path temp) throws IOException {
        Path whole = repeated(temp.resolve("whole.csv.gz"), 16, true);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(temp.resolve("truncated.csv.gz"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> {
            try (CsvFile csv = CsvFile.open(truncated)) {
                while (csv.next() != null) {
                    // read to the damage
                }
            }
        });
        assertTrue(failure.getMessage().startsWith("Cannot read " + truncated + " at line "), failure.getMessage());
        assertTrue(failure.getMessage().contains("nexpected end of ZLIB input stream"), failure.getMessage());
    }

    @Test
    void closingEarlyStopsTheReadingThread(@TempDir Path temp) throws Exception {
        Path file = repeated(temp.resolve("tx.csv"), 3, false);
        long before = readAheadThreads();
        try (CsvFile csv = CsvFile.open(file)) {
            assertEquals(9, csv.next().size());
            assertEquals(before + 1, readAheadThreads());
        }
        for (int i = 0; i < 100 && readAheadThreads() > before; i++) {
            Thread.sleep(20);
        }
        assertEquals(before, readAheadThreads());
    }
}
