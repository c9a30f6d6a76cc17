package org.spatialx.formats.boundaries;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.nanostring.CosmxCellIds;
import org.spatialx.formats.parquet.ParquetTable;
import org.spatialx.formats.rows.RecordReader;
import org.spatialx.formats.rows.TableFile;

/**
 * Streams the cell (or nucleus) boundary polygons of a Parquet, CSV or CSV.GZ table, one polygon at a
 * time: Xenium {@code cell_boundaries} / {@code nucleus_boundaries}, CosMx {@code *-polygons.csv} and
 * MERSCOPE {@code cell_boundaries.parquet} (GeoParquet). The consecutive vertex rows of one cell form
 * its polygon (a MERSCOPE row holds a whole polygon), so memory stays bounded by one polygon plus one
 * line (CSV) or one row group (Parquet) whatever the file size. The format is recognised from the
 * file's first bytes, the layout from its columns.
 */
public final class BoundaryReader extends RecordReader<CellPolygon> {

    private final Path path;
    private final BoundaryLayout layout;

    private BoundaryReader(Path path, Polygons polygons, BoundaryLayout layout) {
        super(polygons);
        this.path = path;
        this.layout = layout;
    }

    /**
     * Opens {@code path}, recognising the layout from its schema (Parquet) or header (CSV). A MERSCOPE
     * file gives every z-plane's polygon of each cell, plane after plane as the file stores them.
     *
     * @throws IllegalArgumentException naming the file, the missing columns and the columns it has when
     *                                  it is not a boundary table, or when it is empty or not readable
     */
    public static BoundaryReader open(Path path) {
        return open(path, null);
    }

    /**
     * Opens a table with z-planes (MERSCOPE) keeping only the polygons of z-plane {@code zIndex}
     * ({@code ZIndex} 0-6 for the instrument's seven planes); {@code null} keeps every plane.
     *
     * @throws IllegalArgumentException for a z-plane of a table without z-planes (Xenium, CosMx)
     */
    public static BoundaryReader open(Path path, Integer zIndex) {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " does not exist or is not a file; expected a cell boundary"
                    + " table such as outs/cell_boundaries.parquet (Xenium), *-polygons.csv (CosMx)"
                    + " or cell_boundaries.parquet (MERSCOPE)");
        }
        return TableFile.open(path, "; expected a cell boundary table (Xenium cell_boundaries.csv.gz or CosMx"
                + " *-polygons.csv)", table -> {
                    BoundaryLayout layout = BoundaryLayout.require(path, table.columnNames());
                    checkPlane(path, layout, zIndex);
                    Polygons polygons = layout.geometryColumn() != null
                            ? new GeometryRows(table, layout, zIndex)
                            : new VertexRuns(new ParquetVertices(table, layout));
                    return new BoundaryReader(path, polygons, layout);
                }, (file, header) -> {
                    BoundaryLayout layout = BoundaryLayout.require(path, header);
                    if (layout.geometryColumn() != null) {
                        throw new IllegalArgumentException(path + " has the " + layout + " columns " + layout.columns()
                                + " as text; " + layout + " boundaries are read from their GeoParquet file"
                                + " (cell_boundaries.parquet)");
                    }
                    checkPlane(path, layout, zIndex);
                    return new BoundaryReader(path, new VertexRuns(new CsvVertices(file, header, layout)), layout);
                });
    }

    private static void checkPlane(Path path, BoundaryLayout layout, Integer zIndex) {
        if (zIndex != null && layout.zColumn() == null) {
            throw new IllegalArgumentException(path + " is a " + layout + " boundary table without z-planes;"
                    + " open it without a z-plane (z-plane " + zIndex + " was asked)");
        }
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /** The layout recognised. */
    public BoundaryLayout layout() {
        return layout;
    }

    /** The unit of the vertex coordinates: microns (Xenium, MERSCOPE) or global pixels (CosMx). */
    public BoundaryUnit unit() {
        return layout.unit();
    }


    /** Where polygons come from. */
    private interface Polygons extends RecordReader.Source<CellPolygon> {
    }

    /** Polygons of one vertex per row: each run of rows sharing a cell id. */
    private static final class VertexRuns implements Polygons {

        private final Vertices vertices;
        private double[] x = new double[64];
        private double[] y = new double[64];
        private boolean pending;

        VertexRuns(Vertices vertices) {
            this.vertices = vertices;
            this.pending = vertices.advance();
        }

        @Override
        public CellPolygon read() {
            if (!pending) {
                return null;
            }
            String cell = vertices.cell();
            int count = 0;
            do {
                if (count == x.length) {
                    x = Arrays.copyOf(x, count * 2);
                    y = Arrays.copyOf(y, count * 2);
                }
                x[count] = vertices.x();
                y[count] = vertices.y();
                count++;
                pending = vertices.advance();
            } while (pending && vertices.cell().equals(cell));
            return new CellPolygon(cell, Arrays.copyOf(x, count), Arrays.copyOf(y, count));
        }

        @Override
        public void close() {
            pending = false;
            vertices.close();
        }
    }

    /**
     * Polygons stored whole as WKB, one row per cell and z-plane (MERSCOPE); each part of a
     * MultiPolygon is returned as a polygon of the same cell.
     */
    private static final class GeometryRows implements Polygons {

        private final Path path;
        private final ParquetTable table;
        private final ParquetTable.Rows rows;
        private final Integer zIndex;
        private final java.util.ArrayDeque<CellPolygon> parts = new java.util.ArrayDeque<>();
        private long row;

        GeometryRows(ParquetTable table, BoundaryLayout layout, Integer zIndex) {
            this.path = table.path();
            this.table = table;
            this.zIndex = zIndex;
            this.rows = table.rows(layout.cellColumn(), layout.geometryColumn(), layout.zColumn());
        }

        @Override
        public CellPolygon read() {
            while (parts.isEmpty()) {
                if (!rows.next()) {
                    return null;
                }
                row++;
                if (zIndex != null && rows.number(2) != zIndex) {
                    continue;
                }
                byte[] wkb = rows.bytes(1);
                if (wkb == null) {
                    continue;
                }
                String cell = rows.text(0);
                List<double[][]> rings;
                try {
                    rings = WkbRings.exteriorRings(wkb);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + " row " + row + " (cell " + cell + "): "
                            + e.getMessage(), e);
                }
                for (double[][] ring : rings) {
                    parts.add(new CellPolygon(cell, ring[0], ring[1]));
                }
            }
            return parts.poll();
        }

        @Override
        public void close() {
            parts.clear();
            try {
                rows.close();
            } finally {
                table.close();
            }
        }
    }

    /** One file format's vertex rows: {@link #advance} moves to the next vertex and sets its cell, x and y. */
    private abstract static class Vertices implements AutoCloseable {

        protected String cell;
        protected double x;
        protected double y;

        /** Moves to the next vertex; {@code false} at the end. */
        abstract boolean advance();

        final String cell() {
            return cell;
        }

        final double x() {
            return x;
        }

        final double y() {
            return y;
        }

        @Override
        public abstract void close();
    }

    private static final class CsvVertices extends Vertices {

        private final CsvFile file;
        private final BoundaryLayout layout;
        private final int columns;
        private final int cellAt;
        private final int xAt;
        private final int yAt;
        private final int fovAt;

        CsvVertices(CsvFile file, List<String> header, BoundaryLayout layout) {
            this.file = file;
            this.layout = layout;
            this.columns = header.size();
            this.cellAt = file.require(header, layout.cellColumn());
            this.xAt = file.require(header, layout.xColumn());
            this.yAt = file.require(header, layout.yColumn());
            this.fovAt = layout.fovColumn() == null ? -1 : file.require(header, layout.fovColumn());
        }

        @Override
        boolean advance() {
            CsvFile.Fields row = file.nextFields();
            if (row == null) {
                return false;
            }
            if (row.size() < columns) {
                throw new IllegalArgumentException(file.path() + " line " + file.lineNumber() + " has " + row.size()
                        + " fields, the header " + columns + " (truncated or damaged file?)");
            }
            cell = CosmxCellIds.qualified(fovAt < 0 ? null : row.text(fovAt), row.text(cellAt));
            x = file.number(row, xAt, layout.xColumn());
            y = file.number(row, yAt, layout.yColumn());
            return true;
        }

        @Override
        public void close() {
            file.close();
        }
    }

    private static final class ParquetVertices extends Vertices {

        private final ParquetTable table;
        private final ParquetTable.Rows rows;
        private final boolean qualified;

        ParquetVertices(ParquetTable table, BoundaryLayout layout) {
            this.table = table;
            this.qualified = layout.fovColumn() != null;
            this.rows = table.rows(layout.columns().toArray(String[]::new));
        }

        @Override
        boolean advance() {
            if (!rows.next()) {
                return false;
            }
            cell = CosmxCellIds.qualified(qualified ? rows.text(3) : null, rows.text(0));
            x = rows.number(1);
            y = rows.number(2);
            return true;
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
