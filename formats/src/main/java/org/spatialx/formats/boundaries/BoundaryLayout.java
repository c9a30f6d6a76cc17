package org.spatialx.formats.boundaries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The column layouts of the boundary tables the instruments write: one row per vertex, the rows of
 * one cell consecutive (Xenium, CosMx), or one row per cell and z-plane holding the polygon as WKB
 * (MERSCOPE).
 */
public enum BoundaryLayout {

    /**
     * Xenium {@code cell_boundaries} / {@code nucleus_boundaries} (.parquet, .csv.gz): {@code cell_id,
     * vertex_x, vertex_y} (XOA 2.0+ adds {@code label_id}), microns.
     */
    XENIUM(BoundaryUnit.MICRONS, "cell_id", null, "vertex_x", "vertex_y", null, null),

    /**
     * CosMx {@code *-polygons.csv} / {@code *_polygons.csv.gz}: {@code fov, cellID, x_local_px,
     * y_local_px, x_global_px, y_global_px}; read as global pixels, cell ids {@code <fov>_<cellID>}.
     */
    COSMX(BoundaryUnit.PIXELS, "cellID", "fov", "x_global_px", "y_global_px", null, null),

    /**
     * MERSCOPE {@code cell_boundaries.parquet} and Vizgen vpt segmentation outputs (GeoParquet):
     * {@code EntityID, ZIndex, Geometry} (a WKB (multi)polygon per cell and z-plane), microns.
     */
    MERSCOPE(BoundaryUnit.MICRONS, "EntityID", null, null, null, "Geometry", "ZIndex");

    private final BoundaryUnit unit;
    private final String cell;
    private final String fov;
    private final String x;
    private final String y;
    private final String geometry;
    private final String z;

    BoundaryLayout(BoundaryUnit unit, String cell, String fov, String x, String y, String geometry, String z) {
        this.unit = unit;
        this.cell = cell;
        this.fov = fov;
        this.x = x;
        this.y = y;
        this.geometry = geometry;
        this.z = z;
    }

    /** The unit of the vertex coordinates. */
    public BoundaryUnit unit() {
        return unit;
    }

    /** The cell id column. */
    public String cellColumn() {
        return cell;
    }

    /** The FOV column that qualifies cell ids, or {@code null} when ids are unique already. */
    public String fovColumn() {
        return fov;
    }

    /** The vertex x column, or {@code null} when polygons are stored as geometries. */
    public String xColumn() {
        return x;
    }

    /** The vertex y column, or {@code null} when polygons are stored as geometries. */
    public String yColumn() {
        return y;
    }

    /** The WKB geometry column, or {@code null} when the table holds one vertex per row. */
    public String geometryColumn() {
        return geometry;
    }

    /** The z-plane column, or {@code null} for 2D tables. */
    public String zColumn() {
        return z;
    }

    /** The columns this layout needs, in the order the readers request them. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(cell);
        for (String column : new String[] {x, y, geometry, z, fov}) {
            if (column != null) {
                columns.add(column);
            }
        }
        return List.copyOf(columns);
    }

    /** The layout whose columns {@code header} all holds. */
    public static Optional<BoundaryLayout> detect(List<String> header) {
        return Arrays.stream(values()).filter(layout -> header.containsAll(layout.columns())).findFirst();
    }

    /** {@link #detect}, or an error naming the file, what each layout misses and the columns it has. */
    static BoundaryLayout require(Path file, List<String> header) {
        return detect(header).orElseThrow(() -> {
            StringBuilder message = new StringBuilder(file + " is not a cell boundary table:");
            for (BoundaryLayout layout : values()) {
                List<String> missing = layout.columns().stream().filter(c -> !header.contains(c)).toList();
                message.append(" no ").append(String.join(", ", missing)).append(" for ").append(layout).append(';');
            }
            message.append(" it has columns ").append(String.join(", ", header.subList(0, Math.min(20, header.size()))))
                    .append(header.size() > 20 ? ", ..." : "")
                    .append(". Expected Xenium cell_boundaries/nucleus_boundaries (.parquet, .csv.gz),"
                            + " CosMx *-polygons.csv or MERSCOPE cell_boundaries.parquet");
            return new IllegalArgumentException(message.toString());
        });
    }
}
