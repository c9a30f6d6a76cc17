package org.spatialx.shell.picture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialx.analysis.de.DifferentialExpressionAnalysis;
import org.spatialx.api.LocalPath;
import org.spatialx.api.NotebookName;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.core.spatialdata.ExportOptions;
import org.spatialx.core.spatialdata.SpatialTable;
import org.spatialx.core.spatialdata.XOptions;
import org.spatialx.formats.anndata.DataFrame;
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
                options.title() != null && !options.title().isEmpty() ? options.title()
                        : options.dataId() != null && options.colorBy() != null ? options.colorBy() : defaults.title(),
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

    /** The script name of the embedding picture. */
    public static final String EMBEDDING_FUNCTION = "render_embedding";

    /** The script name of the volcano plot. */
    public static final String VOLCANO_FUNCTION = "render_volcano";

    /**
     * {@code render_embedding(output, data_id, embedding="UMAP", color_by=None, ...)}: draws a stored data
     * set's cells at an embedding of its table (UMAP, t-SNE, PCA: an obsm entry, its first two columns),
     * coloured by an obs column (categories with a legend, numbers on a colour bar) or by a gene's
     * expression; returns {@code {output, points, polygons, categories}}.
     */
    @NotebookName("render_embedding")
    public Map<String, Object> renderEmbedding(RenderEmbeddingOptions options) throws IOException {
        if (options.dataId() == null || options.embedding() == null || options.embedding().isBlank()) {
            throw new ScriptArgumentException(EMBEDDING_FUNCTION + "() needs data_id=\"DA-...\" and embedding=\"UMAP\""
                    + " (an obsm entry of its table: UMAP, t-SNE, PCA ...)");
        }
        String title = options.title() != null ? options.title()
                : options.colorBy() == null ? options.embedding() : options.embedding() + " by " + options.colorBy();
        RenderSpatialOptions defaults = RenderSpatialOptions.defaults();
        return renderSpatial(new RenderSpatialOptions(options.output(), null, null, null, null, options.colorBy(), title,
                null, null, Objects.requireNonNullElse(options.width(), defaults.width()),
                Objects.requireNonNullElse(options.height(), defaults.height()),
                Objects.requireNonNullElse(options.pointSize(), defaults.pointSize()),
                Objects.requireNonNullElse(options.maxCategories(), defaults.maxCategories()), false, null, null, null,
                options.dataId(), options.table(), options.embedding(), options.domain(), options.token()));
    }

    /**
     * The keyword arguments of {@code render_embedding(...)}.
     *
     * @param output        the PNG to write (required)
     * @param dataId        the stored data set (required)
     * @param embedding     the obsm entry to draw (required: UMAP, t-SNE, PCA ...)
     * @param colorBy       an obs column or a gene to colour by
     * @param table         the data set's table by name or id, when it has several
     * @param title         the title (default: the embedding and what colours it)
     * @param width         the picture width in pixels
     * @param height        the picture height in pixels
     * @param pointSize     the point diameter in pixels
     * @param maxCategories how many of the most frequent categories get a colour
     * @param domain        the server of {@code data_id}; empty for the local server
     * @param token         the token of that server
     */
    public record RenderEmbeddingOptions(@LocalPath String output, String dataId, String embedding, String colorBy, String table,
            String title, Integer width, Integer height, Double pointSize, Integer maxCategories, String domain,
            String token) {

        /** No embedding chosen; the drawing defaults of {@code render_spatial}. */
        public static RenderEmbeddingOptions defaults() {
            RenderSpatialOptions drawing = RenderSpatialOptions.defaults();
            return new RenderEmbeddingOptions(null, null, null, null, null, null, drawing.width(), drawing.height(),
                    drawing.pointSize(), drawing.maxCategories(), "", "");
        }
    }

    /**
     * {@code render_volcano(output, data_id=..., result=..., ...)} or {@code render_volcano(output, genes=[...],
     * logfoldchanges=[...], pvals=[...])}: a volcano plot of differentially expressed genes (a DE result
     * table stored in a data set's table, or lists), the top genes named and listed beside it; returns
     * {@code {output, genes, up, down, top: [{gene, log2_fold_change, p_value}]}}.
     */
    @NotebookName("render_volcano")
    public Map<String, Object> renderVolcano(RenderVolcanoOptions options) throws IOException {
        if (options.output() == null || options.output().isBlank()) {
            throw new ScriptArgumentException(VOLCANO_FUNCTION + "() needs output=\"volcano.png\"");
        }
        List<String> genes;
        double[] foldChanges;
        double[] pValues;
        String pLabel;
        if (options.dataId() != null) {
            if (options.result() == null) {
                throw new ScriptArgumentException(VOLCANO_FUNCTION + "(data_id=...) needs result=\"<the DE result's name>\"");
            }
            SpatialXConnector connector = connector(VOLCANO_FUNCTION, options.domain(), options.token());
            try {
                DataFrame table = connector.getAnndata(options.dataId(), new ExportOptions(options.table())).anndata()
                        .result(options.result());
                genes = ((Column.Text) column(table, DifferentialExpressionAnalysis.GENE, options)).values();
                foldChanges = ((Column.Numeric) column(table, DifferentialExpressionAnalysis.LOG2_FOLD_CHANGE, options))
                        .values();
                boolean adjusted = table.columns().containsKey(DifferentialExpressionAnalysis.ADJUSTED_P_VALUE);
                pLabel = adjusted ? DifferentialExpressionAnalysis.ADJUSTED_P_VALUE : DifferentialExpressionAnalysis.P_VALUE;
                pValues = ((Column.Numeric) column(table, pLabel, options)).values();
            } finally {
                connector.close();
            }
        } else if (options.genes() != null && options.logfoldchanges() != null && options.pvals() != null) {
            genes = options.genes().stream().map(String::valueOf).toList();
            foldChanges = volcanoNumbers(options.logfoldchanges(), "logfoldchanges");
            pValues = volcanoNumbers(options.pvals(), "pvals");
            pLabel = "p-value";
        } else {
            throw new ScriptArgumentException(VOLCANO_FUNCTION + "() needs data_id=... with result=<a DE result>, or"
                    + " genes=[...], logfoldchanges=[...] and pvals=[...]");
        }
        VolcanoRenderer.Summary summary;
        try {
            summary = VolcanoRenderer.render(genes, foldChanges, pValues, new VolcanoRenderer.Options(
                    Objects.requireNonNullElse(options.title(), options.result() != null ? options.result()
                            : "Differentially expressed genes"), pLabel,
                    Objects.requireNonNullElse(options.width(), 1000), Objects.requireNonNullElse(options.height(), 700),
                    Objects.requireNonNullElse(options.foldChange(), 1.0), Objects.requireNonNullElse(options.pValue(), 0.05),
                    Objects.requireNonNullElse(options.top(), 15)), Path.of(options.output()));
        } catch (IllegalArgumentException e) {
            throw new ScriptArgumentException(VOLCANO_FUNCTION + "(): " + e.getMessage());
        }
        List<Map<String, Object>> top = new ArrayList<>();
        for (VolcanoRenderer.TopGene gene : summary.top()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gene", gene.gene());
            row.put("log2_fold_change", gene.log2FoldChange());
            row.put("p_value", gene.pValue());
            top.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("output", summary.output().toString());
        result.put("genes", summary.genes());
        result.put("up", summary.up());
        result.put("down", summary.down());
        result.put("top", top);
        return result;
    }

    private static Column column(DataFrame table, String name, RenderVolcanoOptions options) {
        Column column = table.columns().get(name);
        if (column == null) {
            throw new ScriptArgumentException(VOLCANO_FUNCTION + "(): " + options.result() + " of " + options.dataId()
                    + " has no column \"" + name + "\" (it has " + table.columns().keySet() + "); is it a DE result?");
        }
        return column;
    }

    private static double[] volcanoNumbers(List<?> values, String name) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object value = values.get(i);
            if (value == null) {
                out[i] = Double.NaN;
            } else if (value instanceof Number n) {
                out[i] = n.doubleValue();
            } else {
                throw new ScriptArgumentException(VOLCANO_FUNCTION + "(): " + name + "[" + i + "] is not a number: " + value);
            }
        }
        return out;
    }

    /**
     * The keyword arguments of {@code render_volcano(...)}.
     *
     * @param output         the PNG to write (required)
     * @param dataId         the stored data set holding the DE result
     * @param result         the DE result's name (a result table of the data set's table)
     * @param table          the data set's table by name or id, when it has several
     * @param genes          the genes, as a list (without {@code data_id})
     * @param logfoldchanges their log2 fold changes (scanpy's name)
     * @param pvals          their p-values (scanpy's name)
     * @param title          the title (default: the result's name)
     * @param width          the picture width in pixels (1000)
     * @param height         the picture height in pixels (700)
     * @param foldChange     the |log2 fold change| a gene must reach to be coloured (1)
     * @param pValue         the p-value a gene must be below to be coloured (0.05)
     * @param top            how many top genes are named and listed (15)
     * @param domain         the server of {@code data_id}; empty for the local server
     * @param token          the token of that server
     */
    public record RenderVolcanoOptions(@LocalPath String output, String dataId, String result, String table, List<Object> genes,
            List<Object> logfoldchanges, List<Object> pvals, String title, Integer width, Integer height,
            Double foldChange, Double pValue, Integer top, String domain, String token) {

        /** The defaults: 1000 x 700, |log2 FC| >= 1, p < 0.05, 15 top genes, the local server. */
        public static RenderVolcanoOptions defaults() {
            return new RenderVolcanoOptions(null, null, null, null, null, null, null, null, 1000, 700, 1.0, 0.05, 15,
                    "", "");
        }
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
        SpatialXConnector connector = connector(FUNCTION, options.domain(), options.token());
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
            if (!table.obsKeys().contains(options.colorBy()) && table.varNames().contains(options.colorBy())) {
                // a gene: its expression in each cell, on a colour scale
                ExpressionMatrix gene = table.select(XOptions.genes(options.colorBy()));
                double[] values = new double[gene.cellCount()];
                for (int c = 0; c < values.length; c++) {
                    for (int i = gene.indptr()[c]; i < gene.indptr()[c + 1]; i++) {
                        values[c] += gene.values().get(i);
                    }
                }
                return new StoredCells(new SpatialPoints(x, y, null, values), embedding);
            }
            if (!table.obsKeys().contains(options.colorBy())) {
                throw new ScriptArgumentException(FUNCTION + "(): color_by=\"" + options.colorBy() + "\" is neither an obs"
                        + " column of " + options.dataId() + " (" + table.obsKeys() + ") nor one of its genes");
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

    /** A connector to the server of {@code domain} (empty: the local server), for {@code function(data_id=...)}. */
    private SpatialXConnector connector(String function, String domain, String token) throws IOException {
        if (connectors == null) {
            throw new ScriptArgumentException(function + "(data_id=...) needs a connector; this runtime draws files only");
        }
        Object opened;
        try {
            opened = connectors.open(new ConnectorFactory.ConnectOptions(domain, token, true, null, null, null));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!(opened instanceof SpatialXConnector connector)) {
            throw new ScriptArgumentException(function + "(data_id=...) needs the SpatialX connector, got "
                    + opened.getClass().getSimpleName());
        }
        return connector;
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
    public record RenderSpatialOptions(@LocalPath String output, @LocalPath String path, Object x, Object y, List<Object> labels, String colorBy,
            String title, String xLabel, String yLabel, Integer width, Integer height, Double pointSize,
            Integer maxCategories, Boolean flipY, @LocalPath String boundaries, Map<String, Object> boundaryLabels,
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
