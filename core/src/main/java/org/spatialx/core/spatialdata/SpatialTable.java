package org.spatialx.core.spatialdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.LocalPath;
import org.spatialx.api.NotebookName;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.ExpressionReader;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.formats.anndata.TableExport;

/**
 * One AnnData table of a sample store (protocol 7.4 {@code table/{id}}), read over the gateway
 * without loading what is not asked for: names and columns when read, X by genes or cells one range
 * of chunks at a time. Columns and embeddings are found by the names users see or by id.
 */
public final class SpatialTable {

    private final String name;
    private final String id;
    private final AnnDataTable table;

    SpatialTable(String name, String id, AnnDataTable table) {
        this.name = name;
        this.id = id;
        this.table = table;
    }

    /** The table's display name. */
    @NotebookName(value = "name", property = true)
    public String name() {
        return name;
    }

    /** The table's element id ({@code table_id} of analyses). */
    @NotebookName(value = "id", property = true)
    public String id() {
        return id;
    }

    /** The underlying reader (Java callers: typed columns, {@link ExpressionReader}). */
    public AnnDataTable anndata() {
        return table;
    }

    /** Number of cells (or spots). */
    @NotebookName(value = "n_obs", property = true)
    public int nObs() {
        return table.cellCount();
    }

    /** Number of genes. */
    @NotebookName(value = "n_vars", property = true)
    public int nVars() {
        return table.geneCount();
    }

    /** The cell ids. */
    @NotebookName(value = "obs_names", property = true)
    public List<String> obsNames() {
        return table.cellIds();
    }

    /** The gene names. */
    @NotebookName(value = "var_names", property = true)
    public List<String> varNames() {
        return table.geneNames();
    }

    /** The names of the obs columns (metadata), as {@code list_metadata} shows them. */
    @NotebookName("obs_keys")
    public List<String> obsKeys() {
        return new ArrayList<>(table.elements(Slot.OBS).keySet());
    }

    /** The names of the obsm entries (embeddings, spatial coordinates), as {@code list_embedding} shows them. */
    @NotebookName("obsm_keys")
    public List<String> obsmKeys() {
        return new ArrayList<>(table.elements(Slot.OBSM).keySet());
    }

    /** The names of the var columns. */
    @NotebookName("var_keys")
    public List<String> varKeys() {
        return new ArrayList<>(table.elements(Slot.VAR).keySet());
    }

    /** One obs column by name or id: numbers, labels (categorical) or text, one per cell. */
    @NotebookName("obs")
    public List<Object> obs(String key) {
        return values(table.obs(key));
    }

    /** One var column by name or id, one value per gene. */
    @NotebookName("var")
    public List<Object> var(String key) {
        return values(table.var(key));
    }

    /** One obsm entry by name or id: a row of numbers per cell. */
    @NotebookName("obsm")
    public List<double[]> obsm(String key) {
        DenseMatrix matrix = table.obsm(key);
        List<double[]> rows = new ArrayList<>(matrix.rows());
        for (int r = 0; r < matrix.rows(); r++) {
            rows.add(matrix.row(r));
        }
        return rows;
    }

    /**
     * Rows and columns of X by name or index: {@code genes} (names, ids or column numbers) for every
     * cell, or {@code cells} (ids or row numbers) for every gene, or both (the genes of those cells).
     * Only the chunks holding them are fetched. Answers {@code obs_names}, {@code var_names} and
     * {@code X}, a dense row of values per cell.
     */
    @NotebookName("X")
    public Map<String, Object> x(XOptions options) {
        ExpressionMatrix selected = select(options);
        List<double[]> rows = new ArrayList<>(selected.cellCount());
        for (int c = 0; c < selected.cellCount(); c++) {
            double[] row = new double[selected.geneCount()];
            for (int i = selected.indptr()[c]; i < selected.indptr()[c + 1]; i++) {
                row[selected.indices()[i]] = selected.values().get(i);
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("obs_names", selected.cellIds());
        out.put("var_names", selected.geneNames());
        out.put("X", rows);
        return out;
    }

    /** The selection of {@link #x} as a sparse matrix (Java callers). */
    public ExpressionMatrix select(XOptions options) {
        ExpressionReader x = table.expression();
        List<?> genes = options.genes() == null ? List.of() : options.genes();
        List<?> cells = options.cells() == null ? List.of() : options.cells();
        if (genes.isEmpty() && cells.isEmpty()) {
            throw new IllegalArgumentException("X(...) needs genes=[...] or cells=[...]: reading every value of a "
                    + table.cellCount() + " x " + table.geneCount() + " table at once is what to_h5ad/export_anndata do");
        }
        ExpressionMatrix byCells = null;
        if (!cells.isEmpty()) {
            int[] rows = new int[cells.size()];
            for (int i = 0; i < rows.length; i++) {
                Object cell = cells.get(i);
                rows[i] = cell instanceof Number n ? n.intValue() : x.cellIndex(String.valueOf(cell));
            }
            byCells = x.cells(rows);
        }
        if (genes.isEmpty()) {
            return byCells;
        }
        int[] columns = new int[genes.size()];
        for (int i = 0; i < columns.length; i++) {
            Object gene = genes.get(i);
            columns[i] = gene instanceof Number n ? n.intValue() : x.geneIndex(String.valueOf(gene));
        }
        ExpressionMatrix byGenes = byCells == null ? x.genes(columns) : null;
        if (byGenes != null) {
            return byGenes;
        }
        return keepColumns(byCells, columns);
    }

    private static ExpressionMatrix keepColumns(ExpressionMatrix m, int[] columns) {
        Map<Integer, Integer> position = new java.util.HashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            position.put(columns[i], i);
            ids.add(m.geneIds().get(columns[i]));
            names.add(m.geneNames().get(columns[i]));
        }
        int[] indptr = new int[m.cellCount() + 1];
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int c = 0; c < m.cellCount(); c++) {
            for (int i = m.indptr()[c]; i < m.indptr()[c + 1]; i++) {
                Integer at = position.get(m.indices()[i]);
                if (at != null) {
                    indices.add(at);
                    values.add(m.values().get(i));
                }
            }
            indptr[c + 1] = indices.size();
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new ExpressionMatrix(m.cellIds(), ids, names, indptr, indices.stream().mapToInt(Integer::intValue)
                .toArray(), org.spatialx.api.data.MatrixValues.narrowest(v, v.length));
    }

    /** The whole table (X as stored, obs, var, obsm, result tables) as an {@code .h5ad} anndata and scanpy open. */
    @NotebookName("to_h5ad")
    public String toH5ad(@LocalPath String path) {
        Path file = createParent(path);
        TableExport.toH5ad(table, file);
        return file.toString();
    }

    /** obs and every obsm dimension as CSV, under their display names. */
    @NotebookName("obs_to_csv")
    public String obsToCsv(@LocalPath String path) {
        Path file = createParent(path);
        TableExport.obsToCsv(table, file);
        return file.toString();
    }

    private static Path createParent(String path) {
        Path file = Path.of(path).toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static List<Object> values(Column column) {
        List<Object> out = new ArrayList<>(column.size());
        switch (column) {
            case Column.Numeric n -> {
                for (double v : n.values()) {
                    out.add(Double.isNaN(v) ? null : v);
                }
            }
            case Column.Categorical c -> {
                for (int r = 0; r < c.size(); r++) {
                    out.add(c.label(r));
                }
            }
            case Column.Text t -> out.addAll(t.values());
        }
        return out;
    }

    @Override
    public String toString() {
        return "SpatialTable[" + name + " (" + id + ")]";
    }
}
