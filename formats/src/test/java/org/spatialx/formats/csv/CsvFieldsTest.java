package org.spatialx.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.formats.testing.ExampleData;

/** {@link CsvFile#nextFields()} cuts every line of the bundled real tables exactly as {@link CsvFile#next()} splits it. */
class CsvFieldsTest {

    private static void assertSameFields(Path file, char delimiter) {
        try (CsvFile lists = CsvFile.open(file, delimiter); CsvFile cursor = CsvFile.open(file, delimiter)) {
            List<String> expected;
            while ((expected = lists.next()) != null) {
                CsvFile.Fields fields = cursor.nextFields();
                List<String> actual = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    actual.add(fields.text(i));
                }
                assertEquals(expected, actual, file + " line " + lists.lineNumber());
                assertEquals(lists.lineNumber(), cursor.lineNumber());
            }
            assertNull(cursor.nextFields());
        }
    }

    @Test
    void everyBundledTableIsCutLikeItIsSplit() throws IOException {
        List<Path> tables;
        try (Stream<Path> files = Files.walk(ExampleData.bundled(""))) {
            tables = files.filter(p -> p.toString().matches(".*\\.(csv|tsv)(\\.gz)?$")).sorted().toList();
        }
        assertTrue(tables.size() >= 10, "tables: " + tables);
        for (Path table : tables) {
            assertSameFields(table, table.toString().contains(".tsv") ? '\t' : ',');
        }
    }

    @Test
    void quotedFieldsAndCrlfLinesAsInRFiles(@TempDir Path temp) throws IOException {
        // the header of the CosMx polygons file R wrote, a quoted comma and quote, a CRLF line ending
        Path file = Files.writeString(temp.resolve("quoted.csv"),
                "\"fov\",\"cellID\",\"x_local_px\"\r\n16,1,\"a, \"\"b\"\"\"\r\n16,2,3701\r\n\r\n16,3,\r\n");
        assertSameFields(file, ',');
        try (CsvFile csv = CsvFile.open(file)) {
            assertEquals("fov", csv.nextFields().text(0));
            assertEquals("a, \"b\"", csv.nextFields().text(2));
            CsvFile.Fields row = csv.nextFields();
            assertEquals(3701.0, csv.number(row, 2, "x_local_px"));
            row = csv.nextFields(); // the blank line is skipped
            assertEquals(Double.NaN, csv.number(row, 2, "x_local_px"));
            assertEquals(5, csv.lineNumber());
            CsvFile.Fields last = row;
            assertThrows(IndexOutOfBoundsException.class, () -> last.text(3));
            assertNull(csv.nextFields());
        }
    }
}
