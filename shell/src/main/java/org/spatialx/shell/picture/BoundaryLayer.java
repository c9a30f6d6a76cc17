package org.spatialx.shell.picture;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.formats.boundaries.BoundaryReader;
import org.spatialx.formats.boundaries.BoundaryUnit;

/**
 * Cell or nucleus outlines to draw under the points, read from a boundary table (Xenium
 * {@code cell_boundaries.parquet}/{@code .csv.gz}, CosMx {@code *-polygons.csv}, MERSCOPE
 * {@code cell_boundaries.parquet}) each time they are needed, one polygon at a time, so a picture of a
 * large slide never holds all its polygons.
 *
 * @param file   the boundary table
 * @param labels category of each cell id, to fill the polygon with; empty for outlines only
 * @param zIndex the z-plane to draw of a table with z-planes (MERSCOPE); {@code null} for all
 */
public record BoundaryLayer(Path file, Map<String, String> labels, Integer zIndex) {

    /** Copies the labels. */
    public BoundaryLayer {
        Objects.requireNonNull(file, "file");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Every polygon of {@code file}, filled by {@code labels}. */
    public BoundaryLayer(Path file, Map<String, String> labels) {
        this(file, labels, null);
    }

    /** The unit of the file's coordinates (microns or pixels), read from its layout. */
    public BoundaryUnit unit() {
        try (BoundaryReader reader = BoundaryReader.open(file, zIndex)) {
            return reader.unit();
        }
    }

    /** Calls {@code action} for every polygon of the file, in file order. */
    public void forEach(Consumer<CellPolygon> action) {
        BoundaryReader.open(file, zIndex).forEachRemaining(action);
    }

    /** The category of {@code cellId}, or {@code null} when it has none. */
    public String label(String cellId) {
        return labels.get(cellId);
    }
}
