package org.spatialx.shell.picture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.api.NotebookName;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.script.ConnectorFactory;

/**
 * {@code render_spatial(...)} for scripts: draws positions from a CSV table or from lists to a PNG,
 * over cell boundary polygons when {@code boundaries} names a boundary table.
 *
 * <pre>
 * render_spatial(output="tx.png", path="transcripts.csv.gz", x="x_location", y="y_location", color_by="feature_name")
 * render_spatial(output="umap.png", x=[...], y=[...], labels=[...], title="UMAP", x_label="UMAP 1", y_label="UMAP 2", flip_y=False)
 * render_spatial(output="cells.png", boundaries="cell_boundaries.parquet", boundary_labels={"aaa-1": "T cell", ...})
 * render_spatial(output="leiden.png", data_id="DA-...", color_by="Leiden")      # a stored data set's cells
 * </pre>
 */
public final class SpatialPictures {

    /** The script name of the function. */
    public static final String FUNCTION = "render_spatial";

    private final ConnectorFactory connectors;

    /** Pictures of files and lists only ({@code data_id} is refused). */
    public SpatialPictures() {
        this(null);
    }

    /** Pictures also of stored data sets ({@code data_id}), read through connectors from {@code connectors}. */
    public SpatialPictures(ConnectorFactory connectors) {
        this.connectors = connectors;
    }

    /**
     * {@code render_spatial(output, path=None, x=None, y=None, ...)}: draws points to a PNG, from a CSV
     * table ({@code path} with the {@code x}/{@code y} column names and {@code color_by}) or from
     * lists ({@code x}, {@code y} and {@code labels}), over the cell outlines of a boundary table
     * ({@code boundaries}, cells filled by {@code boundary_labels}); returns
     * {@code {output, points, polygons, categories}}.
     */
    @NotebookName("render_spatial")
    public Map<String, Object> renderSpatial(RenderSpatialOptions options) throws IOException {
        if (options.output() == null || options.output().isBlank()) {
            throw new ScriptArgumentException(FUNCTION + "() needs output=\"picture.png\"");
        }
        BoundaryLayer boundaries = boundaries(options);
        SpatialPoints points;
        String[] axes = null;
        if (options.dataId() != null) {
            StoredCells stored = storedCells(options);
            points = stored.points();
            axes = new String[] {stored.embedding() + " 1", stored.embedding() + " 2"};
        } else if (options.path() != null) {
            points = SpatialPoints.readCsv(Path.of(options.path()), column(options.x(), "x"), column(options.y(), "y"),
                    options.colorBy());
        } else if (options.x() instanceof List<?> xs && options.y() instanceof List<?> ys) {
            List<?> labels = options.labels();
            points = new SpatialPoints(numbers(xs), numbers(ys), labels == null ? null : labels.stream().map(String::valueOf).toArray(String[]::new));
        } else if (boundaries != null && options.x() == null && options.y() == null) {
            points = new SpatialPoints(new double[0], new double[0], null);
        } else {
            throw new ScriptArgumentException(FUNCTION + "() needs either path=<csv> with x/y column names, or x=[...] and y=[...] lists"
                    + ", or boundaries=<cell boundary table>");
        }
        SpatialRenderer.Options defaults = SpatialRenderer.Options.defaults();
        boolean fromTable = options.path() != null && options.dataId() == null;
        boolean onlyBoundaries = boundaries != null && points.size() == 0;
        String unit = onlyBoundaries ? " (" + boundaries.unit().symbol() + ")" : "";
        SpatialRenderer.Options drawing = new SpatialRenderer.Options(
                Objects.requireNonNullElse(options.title(), defaults.title()),
                Objects.requireNonNullElse(options.xLabel(), axes != null ? axes[0]
                        : fromTable ? column(options.x(), "x") : defaults.xLabel() + unit),
                Objects.requireNonNullElse(options.yLabel(), axes != null ? axes[1]
                        : fromTable ? column(options.y(), "y") : defaults.yLabel() + unit),
                Objects.requireNonNullElse(options.width(), defaults.width()),
                Objects.requireNonNullElse(options.height(), defaults.height()),
                Objects.requireNonNullElse(options.pointSize(), defaults.pointSize()),
                Objects.requireNonNullElse(options.maxCategories(), defaults.maxCategories()),
                Objects.requireNonNullElse(options.flipY(), defaults.flipY()));
        SpatialRenderer.Summary summary = SpatialRenderer.render(points, boundaries, drawing, Path.of(options.output()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("output", summary.output().toString());
        result.put("points", summary.points());
        result.put("polygons", summary.polygons());
        result.put("categories", summary.categories());
        return result;
    }

    /** The cells of a stored data set, and what they are coloured by. */
    private record StoredCells(SpatialPoints points, String embedding) {
    }

    /**
     * The cells of the data set {@code data_id} at their spatial coordinates (or the obsm entry named
     * by {@code embedding}), coloured by the obs column {@code color_by}: categories for labels,
     * a colour scale for numbers. Only those columns are fetched.
     */
    private StoredCells storedCells(RenderSpatialOptions options) throws IOException {
        if (connectors == null) {
            throw new ScriptArgumentException(FUNCTION + "(data_id=...) needs a connector; this runtime draws files only");
        }
        Object opened;
        try {
            opened = connectors.open(new ConnectorFactory.ConnectOptions(options.domain(), options.token(), true, null,
                    null, null));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!(opened instanceof SpatialXConnector connector)) {
            throw new ScriptArgumentException(FUNCTION + "(data_id=...) needs the SpatialX connector, got "
                    + opened.getClass().getSimpleName());
        }
        try {
            SpatialTable table = connector.getAnndata(options.dataId(), new ExportOptions(options.table()));
            String embedding = options.embedding();
            if (embedding == null) {
                List<String> keys = table.obsmKeys();
                embedding = keys.stream().filter(k -> k.startsWith("Spatial")).findFirst().orElseThrow(() ->
                        new ScriptArgumentException(FUNCTION + "(): the table of " + options.dataId() + " has no spatial "
                                + "coordinates (obsm " + keys + "); name one with embedding=..."));
            }
            List<double[]> xy = table.obsm(embedding);
            double[] x = new double[xy.size()];
            double[] y = new double[xy.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = xy.get(i)[0];
                y[i] = xy.get(i)[1];
            }
            if (options.colorBy() == null) {
                return new StoredCells(new SpatialPoints(x, y, null), embedding);
            }
            List<Object> column = table.obs(options.colorBy());
            boolean numeric = column.stream().allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                double[] values = column.stream().mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue())
                        .toArray();
                return new StoredCells(new SpatialPoints(x, y, null, values), embedding);
            }
            return new StoredCells(new SpatialPoints(x, y, column.stream().map(v -> v == null ? "NA" : String.valueOf(v))
                    .toArray(String[]::new)), embedding);
        } finally {
            connector.close();
        }
    }

    /**
     * The keyword arguments of {@code render_spatial(...)}; {@code None} for a drawing setting means
     * its default.
     *
     * @param output         the PNG to write (required)
     * @param path           a CSV or CSV.gz table of positions
     * @param x              the x column of {@code path}, or the x positions as a list
     * @param y              the y column of {@code path}, or the y positions as a list
     * @param labels         the category of each listed position
     * @param colorBy        the category column of {@code path}
     * @param title          the title over the picture
     * @param xLabel         the x axis label (default: the x column, or {@code x})
     * @param yLabel         the y axis label (default: the y column, or {@code y})
     * @param width          the picture width in pixels
     * @param height         the picture height in pixels (unused height is cropped)
     * @param pointSize      the point diameter in pixels
     * @param maxCategories  how many of the most frequent categories get a colour (the rest is {@code other})
     * @param flipY          y grows downwards (spatial data); {@code False} for embeddings
     * @param boundaries     a cell boundary table to draw the outlines of
     * @param boundaryLabels the category of cells, by cell id, to fill their outlines with
     * @param boundaryZIndex the z-plane of a boundary table with z-planes (MERSCOPE); every plane by default
     * @param dataId         a stored data set to draw the cells of (its table's spatial coordinates)
     * @param table          the data set's table by name or id, when it has several
     * @param embedding      the obsm entry to draw instead of the spatial coordinates (e.g. a UMAP)
     * @param domain         the server of {@code data_id}; empty for the local server
     * @param token          the token of that server
     */
    public record RenderSpatialOptions(String output, String path, Object x, Object y, List<Object> labels, String colorBy,
            String title, String xLabel, String yLabel, Integer width, Integer height, Double pointSize,
            Integer maxCategories, Boolean flipY, String boundaries, Map<String, Object> boundaryLabels,
            Integer boundaryZIndex, String dataId, String table, String embedding, String domain, String token) {

        /** The defaults: a 1000 x 800 picture, 12 categories, y downwards, no title, labels from the columns. */
        public static RenderSpatialOptions defaults() {
            SpatialRenderer.Options drawing = SpatialRenderer.Options.defaults();
            return new RenderSpatialOptions(null, null, null, null, null, null, drawing.title(), null, null,
                    drawing.width(), drawing.height(), drawing.pointSize(), drawing.maxCategories(), drawing.flipY(),
                    null, null, null, null, null, null, "", "");
        }
    }

    /** {@code boundaries="<table>"} with optional {@code boundary_labels={cell_id: category}}; null without. */
    private static BoundaryLayer boundaries(RenderSpatialOptions options) {
        if (options.boundaries() == null) {
            if (options.boundaryLabels() != null || options.boundaryZIndex() != null) {
                throw new ScriptArgumentException(FUNCTION + "(): "
                        + (options.boundaryLabels() != null ? "boundary_labels" : "boundary_z_index")
                        + " needs boundaries=\"cell_boundaries.parquet\"");
            }
            return null;
        }
        if (options.boundaries().isBlank()) {
            throw new ScriptArgumentException(FUNCTION + "(): boundaries must be the path of a cell boundary table, got "
                    + options.boundaries());
        }
        Map<String, String> categories = new LinkedHashMap<>();
        if (options.boundaryLabels() != null) {
            options.boundaryLabels().forEach((cell, label) -> categories.put(cell, String.valueOf(label)));
        }
        return new BoundaryLayer(Path.of(options.boundaries()), categories, options.boundaryZIndex());
    }

    /** A column name given as {@code x}/{@code y}, or its default. */
    private static String column(Object name, String fallback) {
        return name == null ? fallback : String.valueOf(name);
    }

    private static double[] numbers(List<?> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Number n)) {
                throw new ScriptArgumentException(FUNCTION + "(): position " + i + " is not a number: " + values.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }
}
