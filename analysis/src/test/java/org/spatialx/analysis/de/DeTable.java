package org.spatialx.analysis.de;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;

/** A DE result table as the tests read it: rows in table order, and each gene's row. */
record DeTable(List<String> genes, Map<String, double[]> columns, Map<String, Integer> rowOfGene) {

    static final String NAME = "DE";

    static DeTable run(DifferentialExpressionAnalysis.Params params, AnalysisInput input, int threads) {
        AnalysisResult result = new DifferentialExpressionAnalysis().run(params, input,
                new RecordingContext(0, threads, NAME));
        return of(result.tables().get(NAME));
    }

    static DeTable of(Map<String, Column> table) {
        List<String> genes = ((Column.Text) table.get(DifferentialExpressionAnalysis.GENE)).values();
        Map<String, double[]> columns = new HashMap<>();
        table.forEach((name, column) -> {
            if (column instanceof Column.Numeric numeric) {
                columns.put(name, numeric.values());
            }
        });
        Map<String, Integer> rows = new HashMap<>();
        for (int row = 0; row < genes.size(); row++) {
            rows.put(genes.get(row), row);
        }
        return new DeTable(genes, columns, rows);
    }

    /** The value of {@code column} for {@code gene}. */
    double get(String gene, String column) {
        return columns.get(column)[rowOfGene.get(gene)];
    }
}
