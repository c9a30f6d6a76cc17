package org.spatialx.formats.parquet;

import dev.hardwood.InputFile;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowReader;
import dev.hardwood.schema.ColumnProjection;
import dev.hardwood.schema.ColumnSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A flat Parquet table (Xenium 3.x transcripts and cells, MERSCOPE vpt outputs) read row by row
 * through the pure-Java Hardwood reader: only the requested columns are decoded, one row group at a
 * time, so memory stays bounded whatever the number of rows. Snappy and Zstandard pages are supported.
 */
public final class ParquetTable implements AutoCloseable {

    /**
     * Hardwood logs through java.util.logging at INFO on first use ("SIMD support: disabled ...");
     * unless the user configured that logger, keep it to warnings so command-line output stays clean.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger HARDWOOD_LOG = Logger.getLogger("dev.hardwood");

    static {
        if (HARDWOOD_LOG.getLevel() == null) {
            HARDWOOD_LOG.setLevel(Level.WARNING);
        }
    }

    private final Path path;
    private final ParquetFileReader reader;
    private final List<String> columnNames;

    private ParquetTable(Path path, ParquetFileReader reader) {
        this.path = path;
        this.reader = reader;
        this.columnNames = reader.getFileSchema().getColumns().stream().map(ColumnSchema::name).toList();
    }

    /** Whether {@code file} starts with the Parquet magic bytes {@code PAR1}. */
    public static boolean isParquet(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), new byte[] {'P', 'A', 'R', '1'});
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens {@code file} and reads its footer (schema, row groups). */
    public static ParquetTable open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file");
        }
        try {
            return new ParquetTable(file, ParquetFileReader.open(new ChannelInputFile(file)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** The file this table was read from. */
    public Path path() {
        return path;
    }

    /** The leaf column names in schema order. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Total number of rows, from the footer. */
    public long rowCount() {
        return reader.getFileMetaData().numRows();
    }

    /** Fails with the file name and the columns it has when {@code column} is absent. */
    public void require(String column) {
        if (!columnNames.contains(column)) {
            throw new IllegalArgumentException(path + " has no column '" + column + "' (columns: "
                    + String.join(", ", columnNames) + ")");
        }
    }

    /** Iterates the rows, decoding only {@code columns} (each must exist). */
    public Rows rows(String... columns) {
        for (String column : columns) {
            require(column);
        }
        ColumnSchema[] schemas = new ColumnSchema[columns.length];
        for (int i = 0; i < columns.length; i++) {
            schemas[i] = reader.getFileSchema().getColumn(columns[i]);
        }
        return new Rows(reader.buildRowReader().projection(ColumnProjection.columns(columns)).build(), columns, schemas);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads byte ranges with positional reads into heap buffers. Hardwood's own {@code InputFile.of(path)}
     * maps the whole file, whose touched pages then count in the process's resident memory (a 380 MB
     * file added 270 MB of resident pages); reading ranges keeps resident memory bounded by the ranges
     * in use (a row group's column chunks).
     */
    private static final class ChannelInputFile implements InputFile {

        private final Path file;
        private FileChannel channel;

        ChannelInputFile(Path file) {
            this.file = file;
        }

        @Override
        public void open() throws IOException {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
        }

        @Override
        public ByteBuffer readRange(long offset, int length) throws IOException {
            open();
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException(file + " ends at " + (offset + buffer.position()) + ", before the "
                            + length + " bytes at " + offset + " that its footer points to (truncated file?)");
                }
            }
            return buffer.flip();
        }

        @Override
        public long length() throws IOException {
            open();
            return channel.size();
        }

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }

    /** A forward-only cursor over the rows; values are read by column position in the requested list. */
    public final class Rows implements AutoCloseable {

        private final RowReader rows;
        private final String[] names;
        private final PhysicalType[] types;
        /** Field position in the reader of each requested column (the reader orders them as the file does). */
        private final int[] fields;
        private long rowNumber;

        private Rows(RowReader rows, String[] names, ColumnSchema[] schemas) {
            this.rows = rows;
            this.names = names;
            this.types = new PhysicalType[schemas.length];
            this.fields = new int[schemas.length];
            List<String> order = new ArrayList<>();
            for (int f = 0; f < rows.getFieldCount(); f++) {
                order.add(rows.getFieldName(f));
            }
            for (int i = 0; i < schemas.length; i++) {
                types[i] = schemas[i].type();
                fields[i] = order.indexOf(names[i]);
                if (fields[i] < 0) {
                    throw new IllegalStateException(path + ": column '" + names[i] + "' missing from the projection "
                            + order);
                }
            }
        }

        /** Moves to the next row; {@code false} at the end. */
        public boolean next() {
            if (!rows.hasNext()) {
                return false;
            }
            rows.next();
            rowNumber++;
            return true;
        }

        /** Column {@code column} (index in the requested list) as a number; NaN when null. */
        public double number(int column) {
            int field = fields[column];
            if (rows.isNull(field)) {
                return Double.NaN;
            }
            return switch (types[column]) {
                case DOUBLE -> rows.getDouble(field);
                case FLOAT -> rows.getFloat(field);
                case INT32 -> rows.getInt(field);
                case INT64 -> rows.getLong(field);
                default -> throw new IllegalArgumentException(path + " row " + rowNumber + ": column '" + names[column]
                        + "' holds " + types[column] + ", not numbers");
            };
        }

        /** Column {@code column} as text (strings as stored, integers in decimal); empty when null. */
        public String text(int column) {
            int field = fields[column];
            if (rows.isNull(field)) {
                return "";
            }
            return switch (types[column]) {
                case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> rows.getString(field);
                case INT32 -> Integer.toString(rows.getInt(field));
                case INT64 -> Long.toString(rows.getLong(field));
                default -> String.valueOf(rows.getValue(field));
            };
        }

        /** Column {@code column} as raw bytes (a BYTE_ARRAY column, e.g. WKB geometry); {@code null} when null. */
        public byte[] bytes(int column) {
            int field = fields[column];
            if (rows.isNull(field)) {
                return null;
            }
            if (types[column] != PhysicalType.BYTE_ARRAY && types[column] != PhysicalType.FIXED_LEN_BYTE_ARRAY) {
                throw new IllegalArgumentException(path + " row " + rowNumber + ": column '" + names[column]
                        + "' holds " + types[column] + ", not bytes");
            }
            return rows.getBinary(field);
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
