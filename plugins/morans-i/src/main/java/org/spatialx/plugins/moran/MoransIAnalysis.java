package org.spatialx.plugins.moran;

import java.util.stream.IntStream;
import org.pf4j.Extension;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * {@code connector.analysis.spatial_statistics.morans_i(data_id=..., n_neighbors=6, title=None)}: Moran's I
 * of every gene, a spatial autocorrelation SpatialX does not compute. Weights join each cell to its
 * {@code n_neighbors} nearest cells in space, row-standardised; expression is log1p-normalised (total
 * 1e4 per cell). I near 1: the gene is expressed in patches; near 0: at random; below: checkerboard.
 * Written to var, one value per gene, under the title.
 */
@Extension
public final class MoransIAnalysis implements Analysis<MoransIAnalysis.Params> {

    /**
     * The params.
     *
     * @param nNeighbors spatial neighbours of each cell in the weights
     * @param name       the call's title
     */
    public record Params(Integer nNeighbors, String name) {
        /** The defaults: 6 neighbours (a hexagonal neighbourhood). */
        public static Params defaults() {
            return new Params(6, null);
        }
    }

    @Override
    public String group() {
        return "spatial_statistics";
    }

    @Override
    public String name() {
        return "morans_i";
    }

    @Override
    public String defaultTitle() {
        return "Moran's I";
    }

    @Override
    public String groupType() {
        return "spatial_statistics";
    }

    @Override
    public String subType(Params params) {
        return "morans_i";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Params defaults() {
        return Params.defaults();
    }

    @Override
    public String description() {
        return "Moran's I of every gene over each cell's nearest cells in space (written to var)";
    }

    @Override
    public void validate(Params params) {
        if (params.nNeighbors() == null || params.nNeighbors() < 1) {
            throw new AnalysisException("morans_i: n_neighbors must be at least 1, got " + params.nNeighbors());
        }
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        ExpressionMatrix counts = input.counts();
        int cells = counts.cellCount();
        if (cells <= params.nNeighbors()) {
            throw new AnalysisException("morans_i: " + cells + " cells cannot have " + params.nNeighbors()
                    + " neighbours each; lower n_neighbors");
        }
        String spatial = input.embeddingKeys().stream().filter(key -> key.startsWith("Spatial")).findFirst()
                .orElseThrow(() -> new AnalysisException("morans_i: data set " + input.dataId()
                        + " has no spatial coordinates (no 'Spatial ...' embedding)"));
        context.progress("spatial neighbours", 0);
        KnnGraph graph = input.neighbours(spatial, params.nNeighbors());
        context.checkCancelled();
        double[][] columns = normalisedColumns(counts);
        context.progress("Moran's I", 0.3);
        double[] moran = new double[counts.geneCount()];
        IntStream.range(0, moran.length).parallel().forEach(gene -> {
            if (!context.cancelled()) {
                moran[gene] = moransI(columns[gene], graph);
            }
        });
        context.checkCancelled();
        context.progress("Moran's I", 1);
        int patchy = (int) java.util.Arrays.stream(moran).filter(i -> i > 0.3).count();
        return AnalysisResult.builder()
                .var(context.outputName(), new Column.Numeric(moran))
                .summary("Moran's I of " + moran.length + " genes over " + params.nNeighbors() + " spatial neighbours ("
                        + spatial + "); " + patchy + " genes above 0.3")
                .build();
    }

    /** I = sum_i z_i (mean of z over i's neighbours) / sum_i z_i^2, with row-standardised weights (W = n). */
    static double moransI(double[] values, KnnGraph graph) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < n; i++) {
            double zi = values[i] - mean;
            double lag = 0;
            for (int j = 0; j < graph.k(); j++) {
                lag += values[graph.neighbour(i, j)] - mean;
            }
            numerator += zi * lag / graph.k();
            denominator += zi * zi;
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /** log1p(count / (cell total / 1e4)) per gene, as dense columns (cells with no counts stay 0). */
    private static double[][] normalisedColumns(ExpressionMatrix counts) {
        double[][] columns = new double[counts.geneCount()][counts.cellCount()];
        for (int cell = 0; cell < counts.cellCount(); cell++) {
            double total = counts.cellTotal(cell);
            double divisor = total == 0 ? 1 : total / 1e4;
            for (int i = counts.indptr()[cell]; i < counts.indptr()[cell + 1]; i++) {
                columns[counts.indices()[i]][cell] = Math.log1p(counts.values().get(i) / divisor);
            }
        }
        return columns;
    }
}
