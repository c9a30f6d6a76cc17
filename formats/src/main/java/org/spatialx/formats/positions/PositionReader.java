package org.spatialx.formats.positions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spatialx.api.data.CellPositions;
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.nanostring.CosmxCellIds;
import org.spatialx.formats.parquet.ParquetTable;

/** Reads cell, spot and bead positions from the instruments' CSV files (plain or gzip) and Parquet tables. */
public final class PositionReader {

    private PositionReader() {
    }

    /**
     * Visium {@code tissue_positions.csv} (with header) or {@code tissue_positions_list.csv} (no
     * header): barcode, in_tissue, array_row, array_col, pxl_row_in_fullres, pxl_col_in_fullres. Returns
     * x = column pixel, y = row pixel of the full-resolution image, for every spot (in tissue or not).
     * Visium HD's {@code tissue_positions.parquet} (same columns) is read too.
     */
    public static CellPositions visiumSpots(Path file) {
        if (ParquetTable.isParquet(file)) {
            return parquetColumns(file, "barcode", "pxl_col_in_fullres", "pxl_row_in_fullres", "px");
        }
        try (CsvFile csv = CsvFile.open(file)) {
            List<String> ids = new ArrayList<>();
            double[] x = new double[1024];
            double[] y = new double[1024];
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                if (row.size() < 6) {
                    throw new IllegalArgumentException(file + " line " + csv.lineNumber()
                            + ": expected 6 columns (barcode,in_tissue,array_row,array_col,pxl_row,pxl_col)");
                }
                if (row.get(0).equals("barcode")) {
                    continue;
                }
                if (ids.size() == x.length) {
                    x = Arrays.copyOf(x, x.length * 2);
                    y = Arrays.copyOf(y, y.length * 2);
                }
                y[ids.size()] = csv.number(row, 4, "pxl_row_in_fullres");
                x[ids.size()] = csv.number(row, 5, "pxl_col_in_fullres");
                ids.add(row.get(0));
            }
            return new CellPositions(ids, Arrays.copyOf(x, ids.size()), Arrays.copyOf(y, ids.size()), "px");
        }
    }

    /** Xenium {@code cells.csv.gz} or {@code cells.parquet}: {@code cell_id, x_centroid, y_centroid} in microns. */
    public static CellPositions xeniumCells(Path file) {
        return columns(file, "cell_id", "x_centroid", "y_centroid", "um");
    }

    /** Slide-seq bead locations: {@code barcodes, xcoord, ycoord} (puck pixels). */
    public static CellPositions slideSeqBeads(Path file) {
        return columns(file, "barcodes", "xcoord", "ycoord", "px");
    }

    /** CosMx {@code *_metadata_file.csv}: cell ids {@code <fov>_<cell_ID>} at their global pixel centres. */
    public static CellPositions cosmxCells(Path file) {
        try (CsvFile csv = CsvFile.open(file)) {
            List<String> header = csv.next();
            int fov = csv.require(header, "fov");
            int cell = csv.require(header, "cell_ID");
            int cx = csv.require(header, "CenterX_global_px");
            int cy = csv.require(header, "CenterY_global_px");
            return collect(csv, row -> CosmxCellIds.qualified(row.get(fov), row.get(cell)), cx, cy, "CenterX_global_px",
                    "CenterY_global_px", "px");
        }
    }

    /** Any CSV or Parquet table with an id column and two coordinate columns. */
    public static CellPositions columns(Path file, String idColumn, String xColumn, String yColumn, String unit) {
        if (ParquetTable.isParquet(file)) {
            return parquetColumns(file, idColumn, xColumn, yColumn, unit);
        }
        try (CsvFile csv = CsvFile.open(file)) {
            List<String> header = csv.next();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            int id = csv.require(header, idColumn);
            int x = csv.require(header, xColumn);
            int y = csv.require(header, yColumn);
            return collect(csv, row -> row.get(id), x, y, xColumn, yColumn, unit);
        }
    }

    private static CellPositions parquetColumns(Path file, String idColumn, String xColumn, String yColumn,
            String unit) {
        try (ParquetTable table = ParquetTable.open(file);
                ParquetTable.Rows rows = table.rows(idColumn, xColumn, yColumn)) {
            int count = Math.toIntExact(table.rowCount());
            List<String> ids = new ArrayList<>(count);
            double[] x = new double[count];
            double[] y = new double[count];
            while (rows.next()) {
                x[ids.size()] = rows.number(1);
                y[ids.size()] = rows.number(2);
                ids.add(rows.text(0));
            }
            return new CellPositions(ids, x, y, unit);
        }
    }

    private static CellPositions collect(CsvFile csv, java.util.function.Function<List<String>, String> id, int xIndex,
            int yIndex, String xColumn, String yColumn, String unit) {
        List<String> ids = new ArrayList<>();
        double[] x = new double[1024];
        double[] y = new double[1024];
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (ids.size() == x.length) {
                x = Arrays.copyOf(x, x.length * 2);
                y = Arrays.copyOf(y, y.length * 2);
            }
            x[ids.size()] = csv.number(row, xIndex, xColumn);
            y[ids.size()] = csv.number(row, yIndex, yColumn);
            ids.add(id.apply(row));
        }
        return new CellPositions(ids, Arrays.copyOf(x, ids.size()), Arrays.copyOf(y, ids.size()), unit);
    }
}
