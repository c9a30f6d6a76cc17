package org.spatialx.technologies.boundaries;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The column layouts of the boundary tables the instruments write, one row per vertex, the rows of
 * one cell consecutive.
 */
public enum BoundaryLayout {

    /**
     * Xenium {@code cell_boundaries} / {@code nucleus_boundaries} (.parquet, .csv.gz): {@code cell_id,
     * vertex_x, vertex_y} (XOA 2.0+ adds {@code label_id}), microns.
     */
    XENIUM(BoundaryUnit.MICRONS, null, "cell_id", "vertex_x", "vertex_y"),

    /**
     * CosMx {@code *-polygons.csv} / {@code *_polygons.csv.gz}: {@code fov, cellID, x_local_px,
     * y_local_px, x_global_px, y_global_px}; read as global pixels, cell ids {@code <fov>_<cellID>}.
     */
    COSMX(BoundaryUnit.PIXELS, "fov", "cellID", "x_global_px", "y_global_px");

    private final BoundaryUnit unit;
    private final String fov;
    private final String cell;
    private final String x;
    private final String y;

    BoundaryLayout(BoundaryUnit unit, String fov, String cell, String x, String y) {
        this.unit = unit;
        this.fov = fov;
        this.cell = cell;
        this.x = x;
        this.y = y;
    }

    /** The unit of the vertex coordinates. */
    public BoundaryUnit unit() {
        return unit;
    }

    /** The FOV column that qualifies cell ids, or {@code null} when ids are unique already. */
    public String fovColumn() {
        return fov;
    }

    /** The cell id column. */
    public String cellColumn() {
        return cell;
    }

    /** The vertex x column. */
    public String xColumn() {
        return x;
    }

    /** The vertex y column. */
    public String yColumn() {
        return y;
    }

    /** The columns this layout reads, in the order the readers request them. */
    public List<String> columns() {
        return fov == null ? List.of(cell, x, y) : List.of(cell, x, y, fov);
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
                    .append(". Expected Xenium cell_boundaries/nucleus_boundaries (.parquet, .csv.gz)"
                            + " or CosMx *-polygons.csv");
            return new IllegalArgumentException(message.toString());
        });
    }
}
