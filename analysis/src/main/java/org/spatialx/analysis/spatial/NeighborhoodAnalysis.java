package org.spatialx.analysis.spatial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.OutputNames;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.clustering.KMeans;
import org.spatialx.analysis.input.LabelColumns;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * {@code analysis.spatial_analysis.neighborhood_analysis(radius, mpp, annotation_key="",
 * deconvolution_key="", tau=None, n_centroids=30, title=None)}: cell neighbourhoods (niches) from the
 * cell types around each cell, given either as an annotation or as a deconvolution result.
 *
 * <p>Locally: each cell's composition is the mean, over the cells within {@code radius} microns of it
 * (itself included), of their one-hot labels ({@code annotation_key}, an obs column) or of their
 * abundances normalised to fractions ({@code deconvolution_key}, an embedding with one column per cell
 * type); with {@code tau} (microns) a neighbour at distance {@code r} weighs
 * {@code exp(-r^2 / (2 tau^2))}, without every neighbour weighs the same. The compositions are
 * clustered by k-means into {@code n_centroids} niches (as {@code clustering.kmeans}), and the niches
 * are numbered in the leaf order of an average-linkage dendrogram of their mean compositions. Written:
 * the niche of each cell as a categorical obs column under the output name, and a table named
 * {@code <output name> - composition} with one row per niche (its cells and mean composition).
 * Coordinates are in microns already, so {@code mpp} is checked and logged only.
 */
@Extension
public final class NeighborhoodAnalysis extends DeclaredAnalysis<NeighborhoodAnalysis.Params> {

    /** The sub type when the neighbourhoods are built from an annotation (cell type labels). */
    public static final String FROM_ANNOTATION = "neighborhood_proportions_analysis";
    /** The sub type when they are built from deconvolution abundances. */
    public static final String FROM_DECONVOLUTION = "deconvolution_neighborhood_analysis";

    /**
     * The wire params (protocol 7.2).
     *
     * @param radius           radius in microns of a neighbourhood
     * @param mpp              microns per pixel
     * @param annotationKey    an obs column of cell types, or empty
     * @param deconvolutionKey a deconvolution result, or empty; exactly one of the two keys is given
     * @param tau              the temperature of the soft assignment to niches, or none for the server's default
     * @param nCentroids       the number of niches
     * @param name             the call's title
     */
    public record Params(@Required Double radius, @Required Double mpp, String annotationKey, String deconvolutionKey,
            Double tau, Integer nCentroids, String name) {
        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, null, "", "", null, 30, null);
        }
    }

    /** The kind's declaration. */
    public NeighborhoodAnalysis() {
        super(AnalysisGroups.SPATIAL_ANALYSIS, "neighborhood_analysis", "Neighborhood Analysis",
                FROM_DECONVOLUTION, "neighborhood",
                Params.defaults(), "Cell neighbourhoods (niches) from the cell types or deconvolution abundances around each cell");
    }

    /** Depends on which key is given (protocol 7.2). */
    @Override
    public String subType(Params params) {
        return given(params.annotationKey()) ? FROM_ANNOTATION : FROM_DECONVOLUTION;
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredPositive("radius", params.radius());
        ParamChecks.requiredPositive("mpp", params.mpp());
        boolean annotation = given(params.annotationKey());
        boolean deconvolution = given(params.deconvolutionKey());
        if (annotation == deconvolution) {
            throw new AnalysisException("Request exactly one of `annotation_key` or `deconvolution_key` (got "
                    + (annotation ? "both" : "neither") + ").");
        }
        ParamChecks.positive("tau", params.tau());
        ParamChecks.requiredAtLeast("n_centroids", params.nCentroids(), 1);
    }

    /** The Python SDK does not append extra keyword arguments (such as {@code data_id}) to these params. */
    @Override
    public boolean extraKeywordsInParams() {
        return false;
    }

    @Override
    public String defaultOutputName(Params params) {
        return OutputNames.of("Neighborhood analysis", OutputNames.setting("radius", params.radius()),
                OutputNames.setting("n_centroids", params.nCentroids()));
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        String call = "spatial_analysis.neighborhood_analysis";
        Composition labels = given(params.annotationKey()) ? annotation(input, params.annotationKey())
                : deconvolution(input, params.deconvolutionKey());
        DenseMatrix positions = SpatialInput.positions(call, input);
        int n = positions.rows();
        int k = params.nCentroids();
        if (k > n) {
            throw new AnalysisException(call + ": n_centroids=" + k + " is more than the " + n + " cells of data set "
                    + input.dataId() + "; ask for at most " + n + " niches.");
        }
        context.log(String.format(Locale.ROOT, "Cell centres in microns: radius=%s µm used as given (mpp=%s is not"
                + " needed here)", OutputNames.number(params.radius()), OutputNames.number(params.mpp())));
        int d = labels.names().size();
        double[] composition = new double[n * d];
        long pairs;
        try (Workers workers = Workers.of(context)) {
            context.progress("compositions", 0);
            pairs = NeighbourhoodMeans.average(SpatialGrid.of(positions, params.radius()), labels.values(), d,
                    params.tau(), composition, workers);
        }
        context.checkCancelled();
        context.progress("niches", 0.3);
        KMeans.Result niches;
        try (Workers pool = Workers.of(context)) {
            niches = new KMeans(k, KMeans.RESTARTS, KMeans.MAX_ITERATIONS, KMeans.TOLERANCE)
                    .fit(composition, n, d, pool, context);
        }
        int[] order = Niches.dendrogramOrder(niches.centres(), k, d);
        int[] number = new int[k];
        for (int position = 0; position < k; position++) {
            number[order[position]] = position;
        }
        int[] niche = new int[n];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            niche[i] = number[niches.labels()[i]];
            sizes[niche[i]]++;
        }
        Map<String, Column> table = new LinkedHashMap<>();
        List<String> nicheNames = new ArrayList<>();
        double[] cells = new double[k];
        for (int position = 0; position < k; position++) {
            nicheNames.add(Integer.toString(position));
            cells[position] = sizes[position];
        }
        table.put("niche", new Column.Text(nicheNames));
        table.put("cells", new Column.Numeric(cells));
        for (int c = 0; c < d; c++) {
            double[] share = new double[k];
            for (int position = 0; position < k; position++) {
                share[position] = niches.centres()[order[position] * d + c];
            }
            String name = labels.names().get(c);
            table.put(table.containsKey(name) ? name + " (label)" : name, new Column.Numeric(share));
        }
        String summary = String.format(Locale.ROOT, "%d niches of %,d cells from the composition of %d %s within %s µm"
                + " (%.1f cells on average%s); sizes %s", k, n, d, labels.what(), OutputNames.number(params.radius()),
                pairs / (double) n, params.tau() == null ? "" : ", weighted with tau=" + OutputNames.number(params.tau())
                + " µm", SpatialInput.sizes(sizes));
        context.log(summary);
        context.progress("done", 1);
        return AnalysisResult.builder()
                .obs(context.outputName(), Column.Categorical.ofClusters(niche))
                .table(context.outputName() + " - composition", table)
                .summary(summary)
                .build();
    }

    /** Per-cell values to average ({@code n x names}), the names of their columns, and what they are. */
    private record Composition(double[] values, List<String> names, String what) {
    }

    /** One-hot labels of an obs column; cells without a label count for nothing. */
    private static Composition annotation(AnalysisInput input, String key) {
        if (!input.obsKeys().contains(key)) {
            throw new AnalysisException("spatial_analysis.neighborhood_analysis: data set " + input.dataId()
                    + " has no metadata column '" + key + "' for annotation_key; its columns are: "
                    + (input.obsKeys().isEmpty() ? "(none)" : String.join(", ", input.obsKeys())));
        }
        Column.Categorical labels = LabelColumns.categorical(input.obs(key));
        if (labels == null) {
            throw new AnalysisException("spatial_analysis.neighborhood_analysis: annotation_key '" + key + "' is a"
                    + " numeric column; give a column of cell types (categorical or text), or a deconvolution result"
                    + " as deconvolution_key.");
        }
        List<String> names = labels.categories();
        int[] codes = labels.codes();
        if (names.isEmpty()) {
            throw new AnalysisException("spatial_analysis.neighborhood_analysis: annotation_key '" + key
                    + "' has no labels.");
        }
        double[] values = new double[codes.length * names.size()];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0) {
                values[i * names.size() + codes[i]] = 1;
            }
        }
        return new Composition(values, names, "labels of '" + key + "'");
    }

    /** Abundances of an embedding, each cell's row scaled to sum to 1 (a row of zeros stays). */
    private static Composition deconvolution(AnalysisInput input, String key) {
        if (!input.embeddingKeys().contains(key)) {
            throw new AnalysisException("spatial_analysis.neighborhood_analysis: data set " + input.dataId()
                    + " has no embedding '" + key + "' for deconvolution_key (per-spot cell type abundances); its"
                    + " embeddings are: " + (input.embeddingKeys().isEmpty() ? "(none)"
                    : String.join(", ", input.embeddingKeys())));
        }
        DenseMatrix abundances = input.embedding(key);
        int d = abundances.cols();
        double[] values = abundances.values().clone();
        for (int i = 0; i < abundances.rows(); i++) {
            double total = 0;
            for (int c = 0; c < d; c++) {
                double v = values[i * d + c];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new AnalysisException("spatial_analysis.neighborhood_analysis: deconvolution_key '" + key
                            + "' has " + v + " at cell " + i + ", column " + c + "; abundances must be finite and not"
                            + " negative.");
                }
                total += v;
            }
            for (int c = 0; c < d && total > 0; c++) {
                values[i * d + c] /= total;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < d; c++) {
            names.add(key + " " + (c + 1));
        }
        return new Composition(values, names, "abundance columns of '" + key + "'");
    }

    private static boolean given(String key) {
        return key != null && !key.isEmpty();
    }
}
