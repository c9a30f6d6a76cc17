package org.spatialx.technologies.boundaries;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.spatialx.api.technology.DetectionReport;
import org.spatialx.api.technology.ElementReport;
import org.spatialx.api.technology.EntryKind;
import org.spatialx.formats.boundaries.BoundaryReader;

/**
 * Which file of a detected data set holds its boundary polygons, from the elements the technologies
 * already declare: Xenium's {@code segmentation} ({@code cell_boundaries.*}) and
 * {@code nucleus_segmentation}, CosMx's {@code polygons} ({@code *-polygons.csv}), MERSCOPE's
 * {@code segmentation} ({@code cell_boundaries.parquet} or a vpt output). Elements called
 * {@code segmentation} that are not tables (CosMx {@code CellLabels/} masks, MERSCOPE's per-FOV HDF5
 * folder, Visium HD GeoJSON) are not returned.
 */
public final class BoundaryFiles {

    /** Elements that may hold a cell boundary table, the preferred first. */
    private static final List<String> CELL_ELEMENTS = List.of("polygons", "segmentation");
    private static final String NUCLEUS_ELEMENT = "nucleus_segmentation";

    private BoundaryFiles() {
    }

    /** The cell boundary table found in a local data set, if {@link BoundaryReader} can read it. */
    public static Optional<Path> cells(DetectionReport report) {
        return CELL_ELEMENTS.stream().map(name -> readable(report, name)).flatMap(Optional::stream).findFirst();
    }

    /** The nucleus boundary table found in a local data set (Xenium), if any. */
    public static Optional<Path> nuclei(DetectionReport report) {
        return readable(report, NUCLEUS_ELEMENT);
    }

    /** Whether a file name has the extension of a table {@link BoundaryReader} reads (.parquet, .csv, .csv.gz). */
    public static boolean isTableName(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".parquet") || name.endsWith(".csv") || name.endsWith(".csv.gz");
    }

    private static Optional<Path> readable(DetectionReport report, String element) {
        return report.element(element)
                .filter(ElementReport::found)
                .filter(found -> found.kind() == EntryKind.FILE)
                .filter(found -> isTableName(Path.of(found.path()).getFileName().toString()))
                .map(found -> Path.of(report.dataPath()).resolve(found.path()));
    }
}
