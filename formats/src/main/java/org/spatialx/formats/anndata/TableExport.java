package org.spatialx.formats.anndata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.formats.zarr.AtomicFiles;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;

/**
 * Exports a table with everything written into it: to an {@code .h5ad} that anndata and scanpy open
 * (X as stored, obs, var, obsm, and result tables under uns), and obs with obsm to CSV. In both, an
 * entry is keyed by its id, except analysis outputs (ids starting with {@code AN-}), which are keyed by
 * the name users see. The h5ad is written by {@link Hdf5Writer}: uncompressed (anndata's default),
 * strings as fixed-length UTF-8 (anndata decodes them), X copied a block at a time.
 */
public final class TableExport {

    /** Values copied from zarr to HDF5 at a time. */
    private static final int COPY_BLOCK = 1 << 20;

    private TableExport() {
    }

    /** Writes {@code table} to {@code h5ad} (replaced atomically when it exists). */
    public static void toH5ad(AnnDataTable table, Path h5ad) {
        Path temporary = AtomicFiles.temporarySibling(h5ad);
        try {
            try (Hdf5Writer file = new Hdf5Writer(temporary)) {
                Hdf5Writer.Group root = file.root();
                encoding(root, "anndata", "0.1.0");
                writeX(table, root.group("X"));
                writeFrame(root.group("obs"), table.cellIds(), columns(table, Slot.OBS));
                writeFrame(root.group("var"), table.geneNames(), columns(table, Slot.VAR));
                Hdf5Writer.Group obsm = root.group("obsm");
                encoding(obsm, "dict", "0.1.0");
                for (Map.Entry<String, String> entry : keys(table, Slot.OBSM).entrySet()) {
                    DenseMatrix matrix = table.obsm(entry.getValue());
                    Hdf5Writer.DatasetOutput out = obsm.dataset(entry.getKey(), Hdf5Writer.Type.FLOAT64, matrix.rows(),
                            matrix.cols());
                    out.writeValues(matrix.values());
                    encoding(out.finish(), "array", "0.2.0");
                }
                Hdf5Writer.Group uns = root.group("uns");
                encoding(uns, "dict", "0.1.0");
                for (Map.Entry<String, String> entry : keys(table, Slot.UNS).entrySet()) {
                    DataFrame result = table.result(entry.getValue());
                    writeFrame(uns.group(entry.getKey()), result.index(), result.columns());
                }
                for (String empty : List.of("layers", "obsp", "varm", "varp")) {
                    encoding(root.group(empty), "dict", "0.1.0");
                }
            }
            AtomicFiles.move(temporary, h5ad, true);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            throw new ZarrException("Cannot export " + table + " to " + h5ad + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes obs to CSV: a {@code cell_id} column, then every obs column and every obsm dimension
     * ({@code <name> 1}, {@code <name> 2}...), headed by the names users see; categories as labels,
     * missing values empty.
     */
    public static void obsToCsv(AnnDataTable table, Path csv) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : shownNames(table, Slot.OBS).entrySet()) {
            columns.put(entry.getKey(), table.obs(entry.getValue()));
        }
        Map<String, DenseMatrix> matrices = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : shownNames(table, Slot.OBSM).entrySet()) {
            matrices.put(entry.getKey(), table.obsm(entry.getValue()));
        }
        Path temporary = AtomicFiles.temporarySibling(csv);
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                List<String> header = new ArrayList<>();
                header.add("cell_id");
                header.addAll(columns.keySet());
                matrices.forEach((name, m) -> {
                    for (int d = 1; d <= m.cols(); d++) {
                        header.add(name + " " + d);
                    }
                });
                line(out, header);
                List<String> ids = table.cellIds();
                List<String> row = new ArrayList<>();
                for (int c = 0; c < ids.size(); c++) {
                    row.clear();
                    row.add(ids.get(c));
                    for (Column column : columns.values()) {
                        row.add(cell(column, c));
                    }
                    for (DenseMatrix m : matrices.values()) {
                        for (int d = 0; d < m.cols(); d++) {
                            row.add(number(m.get(c, d)));
                        }
                    }
                    line(out, row);
                }
            }
            AtomicFiles.move(temporary, csv, true);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temporary, e);
            throw new ZarrException("Cannot export obs of " + table + " to " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Display name to id of a slot's entries; entries without a name show their id. */
    private static Map<String, String> shownNames(AnnDataTable table, Slot slot) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> elements = table.elements(slot);
        Map<String, String> byId = new LinkedHashMap<>();
        elements.forEach((name, id) -> byId.put(id, name));
        for (String id : table.ids(slot)) {
            names.put(byId.getOrDefault(id, id), id);
        }
        return names;
    }

    /** h5ad key to id: the id, or for an analysis output its display name (made a valid, unique key). */
    private static Map<String, String> keys(AnnDataTable table, Slot slot) {
        Map<String, String> byId = new LinkedHashMap<>();
        table.elements(slot).forEach((name, id) -> byId.put(id, name));
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(table.ids(slot));
        for (String id : table.ids(slot)) {
            String key = id;
            if (id.startsWith("AN-") && byId.containsKey(id)) {
                String base = byId.get(id).replace('/', '_').replace('.', '_');
                key = base;
                for (int n = 2; keys.containsKey(key) || (taken.contains(key) && !key.equals(id)); n++) {
                    key = base + " (" + n + ")";
                }
            }
            keys.put(key, id);
        }
        return keys;
    }

    private static Map<String, Column> columns(AnnDataTable table, Slot slot) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : keys(table, slot).entrySet()) {
            columns.put(entry.getKey(), slot == Slot.OBS ? table.obs(entry.getValue()) : table.var(entry.getValue()));
        }
        return columns;
    }

    /** X as stored (CSC or CSR, element type kept), copied chunk by chunk. */
    private static void writeX(AnnDataTable table, Hdf5Writer.Group x) throws IOException {
        ExpressionReader reader = table.expression();
        String type = ZarrGroup.readAttributes(table.store(), table.key("X")).path(Encoding.TYPE).asText();
        encoding(x, type, "0.1.0");
        x.attribute("shape", new long[] {reader.cellCount(), reader.geneCount()});
        ZarrArray data = ZarrArray.open(table.store(), table.key("X/data"));
        Hdf5Writer.Type valueType = switch (data.metadata().type()) {
            case FLOAT32 -> Hdf5Writer.Type.FLOAT32;
            case FLOAT64, UINT64, INT64, UINT32 -> Hdf5Writer.Type.FLOAT64;
            default -> Hdf5Writer.Type.INT32;
        };
        copy(data, x.dataset("data", valueType, data.length()), valueType);
        ZarrArray indices = ZarrArray.open(table.store(), table.key("X/indices"));
        copy(indices, x.dataset("indices", Hdf5Writer.Type.INT32, indices.length()), Hdf5Writer.Type.INT32);
        ZarrArray indptr = ZarrArray.open(table.store(), table.key("X/indptr"));
        copy(indptr, x.dataset("indptr", Hdf5Writer.Type.INT64, indptr.length()), Hdf5Writer.Type.INT64);
    }

    private static void copy(ZarrArray from, Hdf5Writer.DatasetOutput to, Hdf5Writer.Type type) throws IOException {
        long n = from.length();
        for (long at = 0; at < n; at += COPY_BLOCK) {
            int count = (int) Math.min(COPY_BLOCK, n - at);
            to.writeValues(switch (type) {
                case FLOAT32 -> from.readFloats(at, count);
                case FLOAT64 -> from.readDoubles(at, count);
                case INT64 -> from.readLongs(at, count);
                default -> from.readInts(at, count);
            });
        }
        to.finish();
    }

    private static void writeFrame(Hdf5Writer.Group group, List<String> index, Map<String, Column> columns)
            throws IOException {
        encoding(group, "dataframe", "0.2.0");
        group.attribute("_index", "_index");
        group.attribute("column-order", new ArrayList<>(columns.keySet()));
        encoding(group.strings("_index", index), "string-array", "0.2.0");
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            switch (entry.getValue()) {
                case Column.Numeric numeric -> {
                    Hdf5Writer.DatasetOutput out = group.dataset(entry.getKey(), Hdf5Writer.Type.FLOAT64,
                            numeric.values().length);
                    out.writeValues(numeric.values());
                    encoding(out.finish(), "array", "0.2.0");
                }
                case Column.Text text -> encoding(group.strings(entry.getKey(), text.values()), "string-array", "0.2.0");
                case Column.Categorical categorical -> {
                    Hdf5Writer.Group cat = group.group(entry.getKey());
                    encoding(cat, "categorical", "0.2.0");
                    cat.attribute("ordered", false);
                    encoding(cat.strings("categories", categorical.categories()), "string-array", "0.2.0");
                    int[] codes = categorical.codes();
                    Hdf5Writer.DatasetOutput out;
                    if (categorical.categories().size() <= Byte.MAX_VALUE) {
                        byte[] bytes = new byte[codes.length];
                        for (int i = 0; i < codes.length; i++) {
                            bytes[i] = (byte) codes[i];
                        }
                        out = cat.dataset("codes", Hdf5Writer.Type.INT8, codes.length);
                        out.writeBytes(bytes);
                    } else {
                        out = cat.dataset("codes", Hdf5Writer.Type.INT32, codes.length);
                        out.writeValues(codes);
                    }
                    encoding(out.finish(), "array", "0.2.0");
                }
            }
        }
    }

    private static void encoding(Hdf5Writer.Node node, String type, String version) {
        node.attribute("encoding-type", type);
        node.attribute("encoding-version", version);
    }

    private static String cell(Column column, int row) {
        return switch (column) {
            case Column.Numeric numeric -> number(numeric.values()[row]);
            case Column.Text text -> text.values().get(row) == null ? "" : text.values().get(row);
            case Column.Categorical categorical -> categorical.label(row) == null ? "" : categorical.label(row);
        };
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void line(BufferedWriter out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String field = fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                out.write('"');
                out.write(field.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(field);
            }
        }
        out.write('\n');
    }
}
