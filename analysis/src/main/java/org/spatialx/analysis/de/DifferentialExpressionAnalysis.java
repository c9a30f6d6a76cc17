package org.spatialx.analysis.de;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.SpatialAttrs;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.CallOnly;
import org.spatialx.api.analysis.DataIds;
import org.spatialx.api.analysis.DataLookup;
import org.spatialx.api.analysis.Derived;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * {@code analysis.de.differential_expression_genes(data_id_1, data_id_2, group_1_indices, group_2_indices,
 * group_1_name="Group 1", group_2_name="Group 2", method="venice", normalize_method="log1p-normalized",
 * title=None)}: genes that differ between two groups of cells, possibly of two data sets.
 *
 * <p>Locally, {@code wilcoxon} and {@code t-test} compute what scanpy's {@code rank_genes_groups} does
 * for group 1 against group 2 as reference (Wilcoxon with {@code tie_correct=True}), with
 * Benjamini-Hochberg adjusted p-values; {@code venice}, BioTuring's method, runs on SpatialX only.
 */
@Extension
public final class DifferentialExpressionAnalysis extends DeclaredAnalysis<DifferentialExpressionAnalysis.Params> {

    /** The accepted {@code method} values. */
    public static final List<String> METHODS = List.of("venice", "t-test", "wilcoxon");
    /** The methods this module runs. */
    public static final List<String> LOCAL_METHODS = List.of("wilcoxon", "t-test");

    /** Columns of the result table, in order. */
    public static final String GENE = "gene";
    /** Gene id column. */
    public static final String GENE_ID = "gene id";
    /** z-score (Wilcoxon) or t statistic (t-test) of group 1 against group 2; rows sorted by it, largest first. */
    public static final String SCORE = "score";
    /** {@code log2((m1 + 1e-9) / (m2 + 1e-9))} of the group means brought back to the count scale. */
    public static final String LOG2_FOLD_CHANGE = "log2 fold change";
    /** Two-sided p-value. */
    public static final String P_VALUE = "p-value";
    /** Benjamini-Hochberg adjusted p-value. */
    public static final String ADJUSTED_P_VALUE = "adjusted p-value";
    /** Mean normalised expression of group 1. */
    public static final String MEAN_1 = "mean in group 1";
    /** Mean normalised expression of group 2. */
    public static final String MEAN_2 = "mean in group 2";
    /** Percentage of group 1's cells expressing the gene. */
    public static final String PERCENT_1 = "percent expressed in group 1";
    /** Percentage of group 2's cells expressing the gene. */
    public static final String PERCENT_2 = "percent expressed in group 2";

    /** scanpy's pseudo-count of the fold change. */
    private static final double PSEUDO_COUNT = 1e-9;

    /**
     * The call (protocol 7.2): {@code data_id_1}/{@code data_id_2} select the data sets and are not sent;
     * the sample and table ids are derived from them.
     *
     * @param dataId1         the data set of group 1
     * @param dataId2         the data set of group 2 (the same one to compare two groups of one data set)
     * @param group1Indices   row indices of group 1's cells in data set 1
     * @param group2Indices   row indices of group 2's cells in data set 2
     * @param group1Name      label of group 1
     * @param group2Name      label of group 2
     * @param method          venice, t-test or wilcoxon
     * @param normalizeMethod a {@link NormalizeMethod} wire value
     * @param sampleId1       sample of data set 1, derived
     * @param sampleId2       sample of data set 2, derived
     * @param tableId1        annotated-data table of data set 1, derived
     * @param tableId2        annotated-data table of data set 2, derived
     * @param name            the call's title
     */
    public record Params(@CallOnly @Required String dataId1, @CallOnly @Required String dataId2,
            @Required List<Integer> group1Indices, @Required List<Integer> group2Indices, String group1Name,
            String group2Name, String method, String normalizeMethod, @Derived String sampleId1,
            @Derived String sampleId2, @Derived String tableId1, @Derived String tableId2, String name) {

        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, null, null, null, "Group 1", "Group 2", "venice", "log1p-normalized", null, null,
                    null, null, null);
        }

        /** With other groups of cells: {@code withGroups("DA-1", List.of(...), "DA-1", List.of(...))}. */
        public Params withGroups(String dataId1, List<Integer> group1, String dataId2, List<Integer> group2) {
            return new Params(dataId1, dataId2, group1, group2, group1Name, group2Name, method, normalizeMethod,
                    sampleId1, sampleId2, tableId1, tableId2, name);
        }

        /** With another method. */
        public Params withMethod(String method) {
            return new Params(dataId1, dataId2, group1Indices, group2Indices, group1Name, group2Name, method,
                    normalizeMethod, sampleId1, sampleId2, tableId1, tableId2, name);
        }

        /** With another normalisation. */
        public Params withNormalizeMethod(String normalizeMethod) {
            return new Params(dataId1, dataId2, group1Indices, group2Indices, group1Name, group2Name, method,
                    normalizeMethod, sampleId1, sampleId2, tableId1, tableId2, name);
        }

        /** Index lists are summarised: a group may hold a million cells. */
        @Override
        public String toString() {
            return "Params[dataId1=" + dataId1 + ", dataId2=" + dataId2 + ", group1Indices=" + size(group1Indices)
                    + ", group2Indices=" + size(group2Indices) + ", group1Name=" + group1Name + ", group2Name="
                    + group2Name + ", method=" + method + ", normalizeMethod=" + normalizeMethod + ", sampleId1="
                    + sampleId1 + ", sampleId2=" + sampleId2 + ", tableId1=" + tableId1 + ", tableId2=" + tableId2
                    + ", name=" + name + "]";
        }

        private static String size(List<Integer> indices) {
            return indices == null ? "null" : "[" + indices.size() + " cells]";
        }
    }

    /** The kind's declaration. */
    public DifferentialExpressionAnalysis() {
        super(AnalysisGroups.DE, "differential_expression_genes", "DE genes", "de_genes", "deg",
                Params.defaults(),
                "Differentially expressed genes between two groups of cells (wilcoxon and t-test also run locally)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("data_id_1", params.dataId1());
        ParamChecks.requiredText("data_id_2", params.dataId2());
        int[] group1 = indices("group_1_indices", params.group1Indices());
        int[] group2 = indices("group_2_indices", params.group2Indices());
        if (params.dataId1().equals(params.dataId2()) && sameCells(group1, group2)) {
            throw new AnalysisException("group_1_indices and group_2_indices are the same " + group1.length
                    + " cells of " + params.dataId1() + ": compare two different groups of cells.");
        }
        ParamChecks.required("group_1_name", params.group1Name());
        ParamChecks.required("group_2_name", params.group2Name());
        ParamChecks.oneOf("method", params.method(), METHODS);
        ParamChecks.wireValue("normalize_method", params.normalizeMethod(), NormalizeMethod.class);
    }

    /** The call is about data set 1: the client fills the request's top-level ids from it (protocol 11.10, F). */
    @Override
    public Optional<String> dataId(Params params) {
        return Optional.ofNullable(params.dataId1());
    }

    /** The sample and table ids of both data sets (protocol 7.2); explicit ones are kept. */
    @Override
    public Params resolve(Params params, Optional<String> dataId, DataLookup lookup) {
        DataIds ids1 = lookup.ids(params.dataId1());
        DataIds ids2 = params.dataId2().equals(params.dataId1()) ? ids1 : lookup.ids(params.dataId2());
        return new Params(params.dataId1(), params.dataId2(), params.group1Indices(), params.group2Indices(),
                params.group1Name(), params.group2Name(), params.method(), params.normalizeMethod(),
                Objects.requireNonNullElse(params.sampleId1(), ids1.sampleId()),
                Objects.requireNonNullElse(params.sampleId2(), ids2.sampleId()),
                params.tableId1() != null ? params.tableId1() : table(ids1, "table_id_1"),
                params.tableId2() != null ? params.tableId2() : table(ids2, "table_id_2"),
                params.name());
    }

    /** The data's single annotated-data table, with protocol 7.1's two errors. */
    private static String table(DataIds ids, String param) {
        if (ids.tableId().isPresent()) {
            return ids.tableId().get();
        }
        List<String> tables = ids.elements().getOrDefault(SpatialAttrs.ANNOTATED_DATA.value(), List.of());
        if (tables.isEmpty()) {
            throw new AnalysisException("Not found any annotated data in data " + ids.dataId() + ".");
        }
        throw new AnalysisException("Found too many annotated data in data " + ids.dataId() + ": " + tables
                + ". Please identify an ID by `" + param + "=...`");
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("DE genes", params.group1Name() + " vs " + params.group2Name(), params.method());
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        DifferentialExpression.Test test = switch (params.method()) {
            case "wilcoxon" -> DifferentialExpression.Test.WILCOXON;
            case "t-test" -> DifferentialExpression.Test.T_TEST;
            default -> throw new AnalysisException("method=\"" + params.method()
                    + "\" is BioTuring's Venice, which runs on SpatialX only (its publication does not describe it"
                    + " in enough detail to reproduce). On this server use method=\"wilcoxon\" or method=\"t-test\".");
        };
        Normalization normalization = Normalization.of(NormalizeMethod.fromValue(params.normalizeMethod()));
        ExpressionMatrix counts1 = dataSet(input, params.dataId1()).counts();
        ExpressionMatrix counts2 = dataSet(input, params.dataId2()).counts();
        int[] rows1 = rows("group_1_indices", params.group1Indices(), counts1, params.dataId1());
        int[] rows2 = rows("group_2_indices", params.group2Indices(), counts2, params.dataId2());
        if (test == DifferentialExpression.Test.T_TEST && (rows1.length < 2 || rows2.length < 2)) {
            throw new AnalysisException("The t-test needs at least 2 cells in each group (group 1 has " + rows1.length
                    + ", group 2 has " + rows2.length + "): add cells or use method=\"wilcoxon\".");
        }
        int[][] columns = testedColumns(counts1, counts2, params);
        if (counts1 == counts2 && overlaps(rows1, rows2)) {
            context.log("Warning: the two groups share cells; each shared cell counts in both groups.");
        }
        DifferentialExpression.Statistics statistics;
        try (Workers pool = Workers.of(context)) {
            statistics = new DifferentialExpression(new CellGroup(counts1, rows1, columns[0]),
                    new CellGroup(counts2, rows2, columns[1]), normalization, test, pool, context).run();
        }
        double[] adjusted = BenjaminiHochberg.adjust(statistics.pValues());
        context.progress("adjusting p-values", 1);
        return AnalysisResult.builder()
                .table(context.outputName(), table(statistics, adjusted, counts1, columns[0], normalization))
                .summary(columns[0].length + " genes tested with " + params.method() + " on " + params.normalizeMethod()
                        + " values: " + params.group1Name() + " (" + rows1.length + " cells) vs "
                        + params.group2Name() + " (" + rows2.length + " cells)")
                .summary(java.util.Arrays.stream(adjusted).filter(p -> p < 0.05).count()
                        + " genes with adjusted p-value < 0.05")
                .build();
    }

    private static AnalysisInput dataSet(AnalysisInput input, String dataId) {
        return dataId.equals(input.dataId()) ? input : input.dataSet(dataId);
    }

    /** The result table, sorted as scanpy sorts: by score, largest first (ties in gene order). */
    private static Map<String, Column> table(DifferentialExpression.Statistics statistics, double[] adjusted,
            ExpressionMatrix counts, int[] columns, Normalization normalization) {
        int genes = columns.length;
        int[] order = IndexOrder.of(statistics.scores(), true);
        List<String> names = new ArrayList<>(genes);
        List<String> ids = new ArrayList<>(genes);
        double[][] numbers = new double[8][genes];
        for (int row = 0; row < genes; row++) {
            int gene = order[row];
            names.add(counts.geneNames().get(columns[gene]));
            ids.add(counts.geneIds().get(columns[gene]));
            double mean1 = statistics.means1()[gene];
            double mean2 = statistics.means2()[gene];
            numbers[0][row] = statistics.scores()[gene];
            numbers[1][row] = log2((normalization.toCountScale(mean1) + PSEUDO_COUNT)
                    / (normalization.toCountScale(mean2) + PSEUDO_COUNT));
            numbers[2][row] = statistics.pValues()[gene];
            numbers[3][row] = adjusted[gene];
            numbers[4][row] = mean1;
            numbers[5][row] = mean2;
            numbers[6][row] = 100 * statistics.fractions1()[gene];
            numbers[7][row] = 100 * statistics.fractions2()[gene];
        }
        Map<String, Column> table = new LinkedHashMap<>();
        table.put(GENE, new Column.Text(names));
        table.put(GENE_ID, new Column.Text(ids));
        String[] numeric = {SCORE, LOG2_FOLD_CHANGE, P_VALUE, ADJUSTED_P_VALUE, MEAN_1, MEAN_2, PERCENT_1, PERCENT_2};
        for (int c = 0; c < numeric.length; c++) {
            table.put(numeric[c], new Column.Numeric(numbers[c]));
        }
        return table;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * The genes both data sets measure, in data set 1's order: matched by gene id (by name when no id
     * matches), each gene's column in either matrix.
     */
    private static int[][] testedColumns(ExpressionMatrix counts1, ExpressionMatrix counts2, Params params) {
        int genes1 = counts1.geneCount();
        if (counts1 == counts2 || counts1.geneIds().equals(counts2.geneIds())) {
            int[] all = java.util.stream.IntStream.range(0, genes1).toArray();
            return new int[][] {all, all};
        }
        int[][] byId = match(counts1.geneIds(), counts2.geneIds());
        int[][] matched = byId[0].length > 0 ? byId : match(counts1.geneNames(), counts2.geneNames());
        if (matched[0].length == 0) {
            throw new AnalysisException("Data sets " + params.dataId1() + " and " + params.dataId2()
                    + " have no gene in common (by id or by name): DE needs the same genes in both.");
        }
        return matched;
    }

    private static int[][] match(List<String> genes1, List<String> genes2) {
        Map<String, Integer> column2 = new HashMap<>();
        for (int c = genes2.size() - 1; c >= 0; c--) {
            column2.put(genes2.get(c), c); // the first occurrence wins
        }
        int[] first = new int[genes1.size()];
        int[] second = new int[genes1.size()];
        int matched = 0;
        for (int c = 0; c < genes1.size(); c++) {
            Integer other = column2.get(genes1.get(c));
            if (other != null) {
                first[matched] = c;
                second[matched] = other;
                matched++;
            }
        }
        return new int[][] {java.util.Arrays.copyOf(first, matched), java.util.Arrays.copyOf(second, matched)};
    }

    /** The indices as rows of the data set, checked against its size. */
    private static int[] rows(String param, List<Integer> indices, ExpressionMatrix counts, String dataId) {
        int[] rows = indices(param, indices);
        for (int row : rows) {
            if (row >= counts.cellCount()) {
                throw new AnalysisException("`" + param + "` has index " + row + " but data " + dataId + " has "
                        + counts.cellCount() + " cells (indices 0 to " + (counts.cellCount() - 1) + ").");
            }
        }
        return rows;
    }

    /** The indices as an array: given, not empty, none negative, none twice. */
    private static int[] indices(String param, List<Integer> indices) {
        ParamChecks.required(param, indices);
        if (indices.isEmpty()) {
            throw new AnalysisException("`" + param + "` is empty: give the row indices of the group's cells.");
        }
        int[] rows = new int[indices.size()];
        BitSet seen = new BitSet();
        for (int i = 0; i < rows.length; i++) {
            Integer index = indices.get(i);
            if (index == null || index < 0) {
                throw new AnalysisException("`" + param + "` has " + index + " at position " + i
                        + ": indices are cell rows, from 0.");
            }
            if (seen.get(index)) {
                throw new AnalysisException("`" + param + "` lists cell " + index + " twice: give each cell once.");
            }
            seen.set(index);
            rows[i] = index;
        }
        return rows;
    }

    private static boolean sameCells(int[] group1, int[] group2) {
        if (group1.length != group2.length) {
            return false;
        }
        BitSet first = new BitSet();
        for (int row : group1) {
            first.set(row);
        }
        for (int row : group2) {
            if (!first.get(row)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(int[] group1, int[] group2) {
        BitSet first = new BitSet();
        for (int row : group1) {
            first.set(row);
        }
        for (int row : group2) {
            if (first.get(row)) {
                return true;
            }
        }
        return false;
    }
}
