package org.spatialx.shell.picture;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.shell.binding.ScriptArgumentException;
import org.spatialx.shell.script.ScriptRuntime;

/**
 * {@code render_spatial(...)} for scripts: draws positions from a CSV table or from lists to a PNG,
 * over cell boundary polygons when {@code boundaries} names a boundary table.
 *
 * <pre>
 * render_spatial(output="tx.png", path="transcripts.csv.gz", x="x_location", y="y_location", color_by="feature_name")
 * render_spatial(output="umap.png", x=[...], y=[...], labels=[...], title="UMAP", x_label="UMAP 1", y_label="UMAP 2", flip_y=False)
 * render_spatial(output="cells.png", boundaries="cell_boundaries.parquet", boundary_labels={"aaa-1": "T cell", ...})
 * </pre>
 */
public final class SpatialPictures {

    /** The script name of the function. */
    public static final String FUNCTION = "render_spatial";

    private static final Set<String> KEYWORDS = Set.of("output", "path", "x", "y", "labels", "color_by", "title",
            "x_label", "y_label", "width", "height", "point_size", "max_categories", "flip_y",
            "boundaries", "boundary_labels", "boundary_z_index");

    private SpatialPictures() {
    }

    /** Registers {@code render_spatial} with {@code runtime}. */
    public static void register(ScriptRuntime runtime) {
        runtime.function(FUNCTION, SpatialPictures::renderSpatial);
    }

    /** Runs {@code render_spatial} with script keyword arguments; returns {@code {output, points, polygons, categories}}. */
    public static Map<String, Object> renderSpatial(Map<String, Object> kwargs) throws Exception {
        for (String key : kwargs.keySet()) {
            if (!KEYWORDS.contains(key)) {
                throw new ScriptArgumentException(FUNCTION + "() got an unexpected keyword argument '" + key
                        + "'; accepted: " + String.join(", ", KEYWORDS.stream().sorted().toList()));
            }
        }
        Object output = kwargs.get("output");
        if (!(output instanceof String outputPath) || outputPath.isBlank()) {
            throw new ScriptArgumentException(FUNCTION + "() needs output=\"picture.png\"");
        }
        BoundaryLayer boundaries = boundaries(kwargs);
        SpatialPoints points;
        if (kwargs.get("path") instanceof String table) {
            points = SpatialPoints.readCsv(Path.of(table), text(kwargs, "x", "x"), text(kwargs, "y", "y"),
                    (String) kwargs.get("color_by"));
        } else if (kwargs.get("x") instanceof List<?> xs && kwargs.get("y") instanceof List<?> ys) {
            List<?> labels = kwargs.get("labels") instanceof List<?> given ? given : null;
            points = new SpatialPoints(numbers(xs), numbers(ys), labels == null ? null : labels.stream().map(String::valueOf).toArray(String[]::new));
        } else if (boundaries != null && kwargs.get("x") == null && kwargs.get("y") == null) {
            points = new SpatialPoints(new double[0], new double[0], null);
        } else {
            throw new ScriptArgumentException(FUNCTION + "() needs either path=<csv> with x/y column names, or x=[...] and y=[...] lists"
                    + ", or boundaries=<cell boundary table>");
        }
        SpatialRenderer.Options defaults = SpatialRenderer.Options.defaults();
        boolean fromTable = kwargs.get("path") != null;
        boolean onlyBoundaries = boundaries != null && points.size() == 0;
        String unit = onlyBoundaries ? " (" + boundaries.unit().symbol() + ")" : "";
        SpatialRenderer.Options options = new SpatialRenderer.Options(
                text(kwargs, "title", defaults.title()),
                text(kwargs, "x_label", fromTable ? text(kwargs, "x", "x") : defaults.xLabel() + unit),
                text(kwargs, "y_label", fromTable ? text(kwargs, "y", "y") : defaults.yLabel() + unit),
                number(kwargs, "width", defaults.width()),
                number(kwargs, "height", defaults.height()),
                kwargs.get("point_size") instanceof Number n ? n.doubleValue() : defaults.pointSize(),
                number(kwargs, "max_categories", defaults.maxCategories()),
                kwargs.get("flip_y") instanceof Boolean b ? b : defaults.flipY());
        SpatialRenderer.Summary summary = SpatialRenderer.render(points, boundaries, options, Path.of(outputPath));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("output", summary.output().toString());
        result.put("points", summary.points());
        result.put("polygons", summary.polygons());
        result.put("categories", summary.categories());
        return result;
    }

    /** {@code boundaries="<table>"} with optional {@code boundary_labels={cell_id: category}}; null without. */
    private static BoundaryLayer boundaries(Map<String, Object> kwargs) {
        Object file = kwargs.get("boundaries");
        Object labels = kwargs.get("boundary_labels");
        Object plane = kwargs.get("boundary_z_index");
        if (file == null) {
            if (labels != null || plane != null) {
                throw new ScriptArgumentException(FUNCTION + "(): " + (labels != null ? "boundary_labels" : "boundary_z_index")
                        + " needs boundaries=\"cell_boundaries.parquet\"");
            }
            return null;
        }
        if (plane != null && !(plane instanceof Number)) {
            throw new ScriptArgumentException(FUNCTION + "(): boundary_z_index must be a z-plane number (MERSCOPE 0-6), got " + plane);
        }
        if (!(file instanceof String path) || path.isBlank()) {
            throw new ScriptArgumentException(FUNCTION + "(): boundaries must be the path of a cell boundary table, got " + file);
        }
        Map<String, String> categories = new LinkedHashMap<>();
        if (labels instanceof Map<?, ?> given) {
            given.forEach((cell, label) -> categories.put(String.valueOf(cell), String.valueOf(label)));
        } else if (labels != null) {
            throw new ScriptArgumentException(FUNCTION + "(): boundary_labels must be a dict {cell_id: category}, got "
                    + labels.getClass().getSimpleName());
        }
        return new BoundaryLayer(Path.of(path), categories, plane == null ? null : ((Number) plane).intValue());
    }

    private static String text(Map<String, Object> kwargs, String key, String fallback) {
        Object value = kwargs.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    private static int number(Map<String, Object> kwargs, String key, int fallback) {
        return kwargs.get(key) instanceof Number n ? n.intValue() : fallback;
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
