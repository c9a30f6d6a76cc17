package org.spatialx.server.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.Slot;
import org.spatialx.formats.anndata.TableEntry;
import org.spatialx.formats.spatialdata.SampleStore;

/**
 * The tables of {@code combine_multiple_datasets} (identity {@code MERGE_MULTIPLE_ANNDATA}, protocol
 * 4.3) merged into one: cells one table after the other (ids prefixed with the sample name when two
 * tables share one), genes the union by name in first-seen order, positions each in its own frame, a
 * {@code Sample} column, and the other obs columns as {@code metadata_action} says: {@code ignore}d,
 * {@code combine}d by name, or kept {@code separate} per sample.
 *
 * @param matrix    the merged counts
 * @param positions the merged positions, or null when a table has none
 * @param entries   the obs columns to write besides the QC ones
 */
record CombinedTables(ExpressionMatrix matrix, CellPositions positions, List<TableEntry> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RECOMPUTED = Set.of(AnnDataWriter.NUMBER_OF_GENES,
            AnnDataWriter.NUMBER_OF_TRANSCRIPTS);

    /** One table to merge: the sample's name and id, and the table's display name or id. */
    record Reference(String sampleName, String sampleId, String table) {
    }

    /** The triples of the {@code reference_anndata_paths} argument (a JSON text of a list of lists). */
    static List<Reference> references(String json) {
        try {
            JsonNode list = JSON.readTree(json);
            List<Reference> out = new ArrayList<>();
            for (JsonNode triple : list) {
                if (!triple.isArray() || triple.size() < 3) {
                    throw new IllegalArgumentException("each entry must be [sample_name, sample_id, table]");
                }
                out.add(new Reference(triple.get(0).asText(), triple.get(1).asText(), triple.get(2).asText()));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no table listed");
            }
            return out;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("reference_anndata_paths is not a JSON list of [sample_name, sample_id, "
                    + "table] triples (" + e.getMessage() + "): " + json, e);
        }
    }

    /** Reads and merges the referenced tables of the study whose data path is {@code dataPath}. */
    static CombinedTables read(Path dataPath, List<Reference> references, String metadataAction) {
        if (!List.of("ignore", "combine", "separate").contains(metadataAction)) {
            throw new IllegalArgumentException("metadata_action must be ignore, combine or separate, got '"
                    + metadataAction + "'");
        }
        List<AnnDataTable> tables = new ArrayList<>();
        for (Reference ref : references) {
            Path root = dataPath.resolve("spatial").resolve(ref.sampleId());
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("Sample " + ref.sampleId() + " (" + ref.sampleName()
                        + ") has no spatial store in this study: nothing was ingested for it");
            }
            SampleStore store = SampleStore.open(dataPath, ref.sampleId());
            Map<String, String> elements = store.elements(SampleStore.Group.TABLES);
            String id = elements.getOrDefault(ref.table(), elements.containsValue(ref.table()) ? ref.table() : null);
            if (id == null) {
                throw new IllegalArgumentException("Sample " + ref.sampleId() + " has no table '" + ref.table()
                        + "' (it has " + elements.keySet() + ")");
            }
            tables.add(AnnDataTable.open(store.path(SampleStore.Group.TABLES, id)));
        }
        Map<String, Integer> geneColumn = new LinkedHashMap<>();
        List<String> geneIds = new ArrayList<>();
        Set<String> seenCells = new HashSet<>();
        boolean duplicates = false;
        for (AnnDataTable table : tables) {
            List<String> names = table.geneNames();
            List<String> ids = table.geneIds();
            for (int g = 0; g < names.size(); g++) {
                if (geneColumn.putIfAbsent(names.get(g), geneColumn.size()) == null) {
                    geneIds.add(ids.get(g));
                }
            }
            for (String cell : table.cellIds()) {
                duplicates |= !seenCells.add(cell);
            }
        }
        List<String> cells = new ArrayList<>();
        List<int[]> rowsIndices = new ArrayList<>();
        List<double[]> rowsValues = new ArrayList<>();
        boolean ints = true;
        boolean allSpatial = true;
        List<double[]> xy = new ArrayList<>();
        int[] sampleCodes;
        List<Integer> sampleOf = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            AnnDataTable table = tables.get(t);
            ExpressionMatrix m = table.expression().read();
            ints &= m.values() instanceof MatrixValues.Ints;
            int[] column = new int[m.geneCount()];
            for (int g = 0; g < column.length; g++) {
                column[g] = geneColumn.get(m.geneNames().get(g));
            }
            for (int c = 0; c < m.cellCount(); c++) {
                int from = m.indptr()[c];
                int to = m.indptr()[c + 1];
                int[] idx = new int[to - from];
                double[] val = new double[to - from];
                for (int i = from; i < to; i++) {
                    idx[i - from] = column[m.indices()[i]];
                    val[i - from] = m.values().get(i);
                }
                rowsIndices.add(idx);
                rowsValues.add(val);
                String id = m.cellIds().get(c);
                cells.add(duplicates ? references.get(t).sampleName() + "_" + id : id);
                sampleOf.add(t);
            }
            if (table.ids(Slot.OBSM).contains("spatial")) {
                DenseMatrix spatial = table.obsm("spatial");
                for (int c = 0; c < spatial.rows(); c++) {
                    xy.add(new double[] {spatial.get(c, 0), spatial.get(c, 1)});
                }
            } else {
                allSpatial = false;
            }
        }
        ExpressionMatrix matrix = csr(cells, new ArrayList<>(geneColumn.keySet()), geneIds, rowsIndices, rowsValues,
                ints);
        CellPositions positions = null;
        if (allSpatial) {
            double[] x = new double[cells.size()];
            double[] y = new double[cells.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = xy.get(i)[0];
                y[i] = xy.get(i)[1];
            }
            positions = new CellPositions(cells, x, y, "um");
        }
        sampleCodes = sampleOf.stream().mapToInt(Integer::intValue).toArray();
        List<String> sampleNames = references.stream().map(Reference::sampleName).toList();
        List<TableEntry> entries = new ArrayList<>();
        entries.add(new TableEntry.Obs("sample", "Sample", new Column.Categorical(distinct(sampleNames),
                remap(sampleCodes, sampleNames))));
        if (!metadataAction.equals("ignore")) {
            entries.addAll(metadata(tables, sampleNames, sampleCodes, metadataAction.equals("separate")));
        }
        return new CombinedTables(matrix, positions, entries);
    }

    private static List<String> distinct(List<String> names) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(names));
    }

    private static int[] remap(int[] tableOfRow, List<String> names) {
        List<String> categories = distinct(names);
        int[] codes = new int[tableOfRow.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = categories.indexOf(names.get(tableOfRow[i]));
        }
        return codes;
    }

    /** The obs columns of every table, merged by display name or kept per sample, as text or numbers. */
    private static List<TableEntry> metadata(List<AnnDataTable> tables, List<String> samples, int[] tableOfRow,
            boolean separate) {
        int rows = tableOfRow.length;
        int[] offset = new int[tables.size() + 1];
        for (int t = 0; t < tables.size(); t++) {
            offset[t + 1] = offset[t] + tables.get(t).cellCount();
        }
        Map<String, Object[]> merged = new LinkedHashMap<>();
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            for (Map.Entry<String, String> e : tables.get(t).elements(Slot.OBS).entrySet()) {
                if (RECOMPUTED.contains(e.getKey())) {
                    continue;
                }
                String name = separate ? samples.get(t) + " - " + e.getKey() : e.getKey();
                Column column = tables.get(t).obs(e.getValue());
                Object[] values = merged.computeIfAbsent(name, n -> new Object[rows]);
                numeric.merge(name, column instanceof Column.Numeric, Boolean::logicalAnd);
                for (int r = 0; r < column.size(); r++) {
                    values[offset[t] + r] = switch (column) {
                        case Column.Numeric n -> n.values()[r];
                        case Column.Categorical c -> c.label(r);
                        case Column.Text x -> x.values().get(r);
                    };
                }
            }
        }
        List<TableEntry> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Object[]> e : merged.entrySet()) {
            String id = "combined_" + (n++);
            Object[] values = e.getValue();
            if (numeric.get(e.getKey())) {
                double[] numbers = new double[rows];
                for (int i = 0; i < rows; i++) {
                    numbers[i] = values[i] == null ? Double.NaN : ((Number) values[i]).doubleValue();
                }
                out.add(new TableEntry.Obs(id, e.getKey(), new Column.Numeric(numbers)));
            } else {
                List<String> labels = new ArrayList<>();
                int[] codes = new int[rows];
                Map<String, Integer> index = new LinkedHashMap<>();
                for (int i = 0; i < rows; i++) {
                    Object v = values[i];
                    if (v == null) {
                        codes[i] = -1;
                        continue;
                    }
                    String text = v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
                            : String.valueOf(v);
                    codes[i] = index.computeIfAbsent(text, k -> {
                        labels.add(k);
                        return labels.size() - 1;
                    });
                }
                out.add(new TableEntry.Obs(id, e.getKey(), new Column.Categorical(labels, codes)));
            }
        }
        return out;
    }

    private static ExpressionMatrix csr(List<String> cells, List<String> genes, List<String> geneIds,
            List<int[]> indices, List<double[]> values, boolean ints) {
        int[] indptr = new int[cells.size() + 1];
        for (int c = 0; c < cells.size(); c++) {
            indptr[c + 1] = indptr[c] + indices.get(c).length;
        }
        int[] idx = new int[indptr[cells.size()]];
        double[] val = new double[idx.length];
        for (int c = 0; c < cells.size(); c++) {
            int[] order = sortedOrder(indices.get(c));
            for (int i = 0; i < order.length; i++) {
                idx[indptr[c] + i] = indices.get(c)[order[i]];
                val[indptr[c] + i] = values.get(c)[order[i]];
            }
        }
        MatrixValues stored = ints ? MatrixValues.narrowest(val, val.length) : new MatrixValues.Doubles(val);
        return new ExpressionMatrix(cells, geneIds, genes, indptr, idx, stored);
    }

    private static int[] sortedOrder(int[] columns) {
        Integer[] order = new Integer[columns.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(columns[a], columns[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
