package org.spatialx.formats.csv;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A delimited text file (CSV or TSV, plain or gzip) read one line at a time, so memory stays
 * bounded whatever the file size. Fields may be double-quoted (R's {@code write.csv} quotes headers).
 */
public final class CsvFile implements AutoCloseable {

    /** Files at least this large (on disk) are read ahead by a second thread, see {@link ReadAheadLines}. */
    static final long READ_AHEAD_BYTES = 4 << 20;

    private final Path path;
    private final BufferedReader reader;
    private final ReadAheadLines readAhead;
    private final char delimiter;
    private final Fields fields = new Fields();
    private long lineNumber;

    private CsvFile(Path path, BufferedReader reader, ReadAheadLines readAhead, char delimiter) {
        this.path = path;
        this.reader = reader;
        this.readAhead = readAhead;
        this.delimiter = delimiter;
    }

    /** Opens {@code path}, gunzipping it when it starts with the gzip magic bytes. */
    public static CsvFile open(Path path, char delimiter) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == 0x1f && second == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            if (Files.size(path) >= READ_AHEAD_BYTES) {
                return new CsvFile(path, null, new ReadAheadLines(reader, path.getFileName().toString()), delimiter);
            }
            return new CsvFile(path, reader, null, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** Opens a comma-separated file. */
    public static CsvFile open(Path path) {
        return open(path, ',');
    }

    /** The next line's fields, or {@code null} at the end; blank lines are skipped. */
    public List<String> next() {
        String line = nextLine();
        return line == null ? null : split(line, delimiter);
    }

    /**
     * The next line as {@link Fields}, or {@code null} at the end; blank lines are skipped. The same
     * instance is returned every time, updated: for readers taking a few columns of many rows, which
     * then pay for the fields they read only.
     */
    public Fields nextFields() {
        String line = nextLine();
        if (line == null) {
            return null;
        }
        fields.cut(line, delimiter);
        return fields;
    }

    private String nextLine() {
        try {
            String line;
            do {
                line = readAhead != null ? readAhead.readLine() : reader.readLine();
                lineNumber++;
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + " at line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    /** The number of the line last returned (1-based), for error messages. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /** Splits one line; quotes group a field and {@code ""} inside quotes is a quote. */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        if (line.indexOf('"') < 0) {
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    fields.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            fields.add(line.substring(start).stripTrailing());
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The index of {@code column} in {@code header}, or an error naming the file and the columns it has. */
    public int require(List<String> header, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("Column '" + column + "' not found in " + path + "; it has: "
                    + String.join(", ", header.subList(0, Math.min(header.size(), 20)))
                    + (header.size() > 20 ? ", ..." : ""));
        }
        return index;
    }

    /** Parses a number field, naming file, line and column when it is not one. */
    public double number(List<String> row, int index, String column) {
        String text = index < row.size() ? row.get(index).trim() : "";
        try {
            return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number in " + path + " line " + lineNumber + " column '"
                    + column + "': '" + text + "'", e);
        }
    }

    /** Parses a number field of {@link #nextFields()}, naming file, line and column when it is not one. */
    public double number(Fields row, int index, String column) {
        String text = index < row.size() ? row.text(index).trim() : "";
        try {
            return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number in " + path + " line " + lineNumber + " column '"
                    + column + "': '" + text + "'", e);
        }
    }

    /**
     * The fields of one line, cut where they are read: {@link #text(int)} makes the string of one field.
     * Fields equal those of {@link #next()} (quoted lines are split the same way).
     */
    public static final class Fields {

        private String line;
        private int[] bounds = new int[64];
        private int count;
        private List<String> quoted;

        void cut(String line, char delimiter) {
            this.line = line;
            if (line.indexOf('"') >= 0) {
                quoted = split(line, delimiter);
                count = quoted.size();
                return;
            }
            quoted = null;
            count = 0;
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    add(start, i);
                    start = i + 1;
                }
            }
            int end = line.length();
            while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
                end--; // as split: the last field loses trailing white space (\r of CRLF files)
            }
            add(start, end);
        }

        private void add(int start, int end) {
            if (2 * count + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = end;
            count++;
        }

        /** Number of fields. */
        public int size() {
            return count;
        }

        /** Field {@code index} (0-based). */
        public String text(int index) {
            if (index >= count) {
                throw new IndexOutOfBoundsException("field " + index + " of a line with " + count + " fields");
            }
            return quoted != null ? quoted.get(index) : line.substring(bounds[2 * index], bounds[2 * index + 1]);
        }
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.close(); // its thread closes the file
            return;
        }
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
