package org.spatialx.formats.rows;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.parquet.ParquetTable;

/**
 * Opens a table that instruments write either as Parquet or as CSV / CSV.GZ (transcripts, boundaries),
 * recognising the format from the file's first bytes, and closes the file again when what is built on
 * it fails (a layout not recognised, a column missing).
 */
public final class TableFile {

    private TableFile() {
    }

    /**
     * Builds a reader on {@code path}: {@code parquet} on the opened Parquet table, or {@code csv} on the
     * opened text file and its header line.
     *
     * @param emptyHint what to add to "{@code <path> is empty}" when a text file has no header line
     *                  ({@code ""} for nothing)
     * @throws IllegalArgumentException when a text file is empty, or as thrown by {@code parquet} /
     *                                  {@code csv}
     */
    public static <T> T open(Path path, String emptyHint, Function<ParquetTable, T> parquet,
            BiFunction<CsvFile, List<String>, T> csv) {
        if (ParquetTable.isParquet(path)) {
            ParquetTable table = ParquetTable.open(path);
            try {
                return parquet.apply(table);
            } catch (RuntimeException e) {
                table.close();
                throw e;
            }
        }
        CsvFile file = CsvFile.open(path);
        try {
            List<String> header = file.next();
            if (header == null) {
                throw new IllegalArgumentException(path + " is empty" + emptyHint);
            }
            return csv.apply(file, header);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
