package org.spatialx.formats.transcripts;

import java.nio.file.Path;
import java.util.List;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.nanostring.CosmxCellIds;
import org.spatialx.formats.parquet.ParquetTable;
import org.spatialx.formats.rows.RecordReader;
import org.spatialx.formats.rows.TableFile;

/**
 * Streams the transcripts of a Parquet, CSV or CSV.GZ table row by row (Xenium 1.x-3.x, CosMx,
 * MERSCOPE): memory stays bounded by a few thousand lines (CSV) or one row group (Parquet) whatever the number
 * of transcripts. The format is recognised from the file's first bytes, not its name.
 */
public final class TranscriptReader extends RecordReader<Transcript> {

    private final TranscriptColumns columns;

    private TranscriptReader(RecordReader.Source<Transcript> rows, TranscriptColumns columns) {
        super(rows);
        this.columns = columns;
    }

    /** Opens {@code path}, recognising the layout from its header (CSV) or schema (Parquet). */
    public static TranscriptReader open(Path path) {
        return open(path, null);
    }

    /** Opens {@code path} with explicit column names ({@code null}: recognise them). */
    public static TranscriptReader open(Path path, TranscriptColumns columns) {
        return TableFile.open(path, "", table -> {
            TranscriptColumns layout = columns != null ? columns : detect(path, table.columnNames());
            return new TranscriptReader(new ParquetRows(table, layout), layout);
        }, (file, header) -> {
            TranscriptColumns layout = columns != null ? columns : detect(path, header);
            return new TranscriptReader(new CsvRows(file, header, layout), layout);
        });
    }

    private static TranscriptColumns detect(Path path, List<String> header) {
        return TranscriptColumns.detect(header).orElseThrow(() -> new IllegalArgumentException(
                path + " is not a Xenium, CosMx or MERSCOPE transcript table (columns: "
                        + String.join(",", header.subList(0, Math.min(10, header.size())))
                        + "); use TranscriptReader.open(path, columns)"));
    }

    /** The layout in use. */
    public TranscriptColumns columns() {
        return columns;
    }


    private static final class CsvRows implements RecordReader.Source<Transcript> {

        private final CsvFile file;
        private final TranscriptColumns columns;
        private final int gene;
        private final int x;
        private final int y;
        private final int z;
        private final int cell;
        private final int fov;

        CsvRows(CsvFile file, List<String> header, TranscriptColumns columns) {
            this.file = file;
            this.columns = columns;
            this.gene = file.require(header, columns.gene());
            this.x = file.require(header, columns.x());
            this.y = file.require(header, columns.y());
            this.z = columns.z() == null ? -1 : header.indexOf(columns.z());
            this.cell = columns.cell() == null ? -1 : header.indexOf(columns.cell());
            this.fov = columns.fov() == null ? -1 : header.indexOf(columns.fov());
        }

        @Override
        public Transcript read() {
            CsvFile.Fields row = file.nextFields();
            if (row == null) {
                return null;
            }
            return new Transcript(row.text(gene),
                    file.number(row, x, columns.x()),
                    file.number(row, y, columns.y()),
                    z < 0 ? Double.NaN : file.number(row, z, columns.z()),
                    cell < 0 || cell >= row.size() ? ""
                            : CosmxCellIds.qualified(fov < 0 || fov >= row.size() ? null : row.text(fov), row.text(cell)));
        }

        @Override
        public void close() {
            file.close();
        }
    }

    private static final class ParquetRows implements RecordReader.Source<Transcript> {

        private final ParquetTable table;
        private final ParquetTable.Rows rows;
        private final boolean hasZ;
        private final boolean hasCell;
        private final boolean hasFov;

        ParquetRows(ParquetTable table, TranscriptColumns columns) {
            this.table = table;
            List<String> names = table.columnNames();
            this.hasZ = columns.z() != null && names.contains(columns.z());
            this.hasCell = columns.cell() != null && names.contains(columns.cell());
            // requested order: gene, x, y, then z and cell when present
            List<String> wanted = new java.util.ArrayList<>(List.of(columns.gene(), columns.x(), columns.y()));
            if (hasZ) {
                wanted.add(columns.z());
            }
            if (hasCell) {
                wanted.add(columns.cell());
            }
            this.hasFov = hasCell && columns.fov() != null && names.contains(columns.fov());
            if (hasFov) {
                wanted.add(columns.fov());
            }
            this.rows = table.rows(wanted.toArray(String[]::new));
        }

        @Override
        public Transcript read() {
            if (!rows.next()) {
                return null;
            }
            int cellAt = hasZ ? 4 : 3;
            return new Transcript(rows.text(0), rows.number(1), rows.number(2),
                    hasZ ? rows.number(3) : Double.NaN,
                    hasCell ? CosmxCellIds.qualified(hasFov ? rows.text(cellAt + 1) : null, rows.text(cellAt)) : "");
        }

        @Override
        public void close() {
            try {
                rows.close();
            } finally {
                table.close();
            }
        }
    }
}
