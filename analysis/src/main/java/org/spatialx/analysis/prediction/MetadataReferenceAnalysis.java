package org.spatialx.analysis.prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.analysis.input.AnnDataFile;
import org.spatialx.analysis.input.LabelColumns;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.Species;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.LocalKeyword;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * {@code analysis.prediction.metadata_reference(cluster_key, species, anno_type="sub", title=None)}:
 * predicts the cell type of each cluster. SpatialX uses BioTuring's reference atlases.
 *
 * <p>Locally, with the keyword {@code reference=} (an uploaded {@code .h5ad}'s server path, or another
 * data set's id) and {@code reference_label=} (its obs column of cell types), each cluster takes the
 * label whose mean expression profile correlates best with its own ({@link ReferenceCorrelation});
 * without, the bundled marker reference of the Human Reference Atlas ({@link MarkerReference}) scores
 * each cluster's marker genes ({@link MarkerScores}), at the {@code anno_type} level: {@code sub} cell
 * types or {@code major} ones. Written: each cell's predicted label, a categorical obs column under the
 * output name ({@code MetaReference prediction}), and a table {@code <output name> - scores} with one
 * row per cluster (prediction, score, runner-up, evidence).
 */
@Extension
public final class MetadataReferenceAnalysis extends DeclaredAnalysis<MetadataReferenceAnalysis.Params> {

    /** The accepted {@code anno_type} values: sub or major cell types. */
    public static final List<String> ANNOTATION_TYPES = List.of("sub", "major");

    /**
     * The wire params (protocol 7.2), then the local keywords, sent only when given.
     *
     * @param clusterKey     the obs column of clusters to name, e.g. {@code Connector - Louvain}
     * @param annoType       sub or major cell types
     * @param species        the data's species, a {@link Species} wire value
     * @param name           the call's title
     * @param reference      a reference of labelled cells: the server path of an {@code .h5ad}, or a data set id
     * @param referenceLabel the reference's obs column of cell types
     */
    public record Params(@Required String clusterKey, String annoType, @Required String species, String name,
            @LocalKeyword String reference, @LocalKeyword String referenceLabel) {

        /** The wire params alone (no reference: the bundled marker reference is used locally). */
        public Params(String clusterKey, String annoType, String species, String name) {
            this(clusterKey, annoType, species, name, null, null);
        }

        /** The Python defaults. */
        public static Params defaults() {
            return new Params(null, "sub", null, null);
        }
    }

    /** The kind's declaration. */
    public MetadataReferenceAnalysis() {
        super(AnalysisGroups.PREDICTION, "metadata_reference", "Metadata Reference",
                "celltype_prediction", "prediction",
                Params.defaults(), "Cell type prediction of clusters from a reference (locally: a given reference"
                        + " or the bundled Human Reference Atlas markers)");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("cluster_key", params.clusterKey());
        ParamChecks.oneOf("anno_type", params.annoType(), ANNOTATION_TYPES);
        ParamChecks.wireValue("species", params.species(), Species.class);
        if (params.reference() != null) {
            ParamChecks.requiredText("reference", params.reference());
            ParamChecks.requiredText("reference_label", params.referenceLabel());
        } else if (params.referenceLabel() != null) {
            throw new AnalysisException("`reference_label` names a column of a reference: pass reference=... (an"
                    + " uploaded .h5ad or a data id) with it.");
        }
    }

    /** The name SpatialX lists such predictions under. */
    @Override
    public String defaultOutputName(Params params) {
        return "MetaReference prediction";
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        String call = "prediction.metadata_reference";
        if (!input.obsKeys().contains(params.clusterKey())) {
            throw new AnalysisException(call + ": data set " + input.dataId() + " has no metadata column '"
                    + params.clusterKey() + "' for cluster_key; its columns are: "
                    + (input.obsKeys().isEmpty() ? "(none; run a clustering first)" : String.join(", ", input.obsKeys())));
        }
        Column.Categorical clusters = LabelColumns.categorical(input.obs(params.clusterKey()));
        if (clusters == null || clusters.categories().isEmpty()) {
            throw new AnalysisException(call + ": cluster_key '" + params.clusterKey() + "' holds no clusters (a"
                    + " numeric or empty column); give a clustering such as a Louvain or Leiden result.");
        }
        ExpressionMatrix counts = input.counts();
        List<Prediction> predictions;
        String method;
        context.progress("profiles", 0);
        try (Workers workers = Workers.of(context)) {
            if (params.reference() != null) {
                Reference reference = reference(params, input, call);
                context.log("anno_type=" + params.annoType() + " selects a level of the bundled reference; the given"
                        + " reference's labels ('" + params.referenceLabel() + "') are used as they are");
                ReferenceCorrelation.Outcome outcome;
                try {
                    outcome = ReferenceCorrelation.predict(counts, clusters.codes(), clusters.categories().size(),
                            reference.counts(), reference.labels(), workers);
                } catch (IllegalArgumentException e) {
                    throw new AnalysisException(call + ": " + e.getMessage() + ". Is " + params.reference()
                            + " a reference of the same species (" + params.species() + ")?", e);
                }
                predictions = outcome.predictions();
                method = String.format(Locale.ROOT, "Spearman correlation with the %d labels of '%s' in %s over %,d"
                        + " informative of %,d shared genes", outcome.labels(), params.referenceLabel(),
                        params.reference(), outcome.informativeGenes(), outcome.sharedGenes());
            } else {
                MarkerReference markers = MarkerReference.bundled();
                boolean major = params.annoType().equals("major");
                Map<String, Integer> columns = MarkerScores.panel(counts.geneNames());
                int[] genes = markers.types().stream().flatMap(t -> t.markers().stream()).distinct()
                        .filter(columns::containsKey).mapToInt(columns::get).distinct().sorted().toArray();
                long usable = markers.types().stream().filter(t -> t.markers().stream().filter(columns::containsKey)
                        .count() >= MarkerScores.MIN_MARKERS).count();
                if (usable == 0) {
                    throw new AnalysisException(call + ": none of the bundled reference's cell types has "
                            + MarkerScores.MIN_MARKERS + " marker genes among the " + counts.geneCount()
                            + " genes of data set " + input.dataId() + "; pass reference=... (an uploaded .h5ad or a"
                            + " data id) and reference_label=... to use your own reference.");
                }
                ClusterProfiles profiles = ClusterProfiles.of(counts, clusters.codes(), clusters.categories().size(),
                        genes, workers);
                predictions = MarkerScores.predict(markers, profiles, genes, columns, major);
                method = String.format(Locale.ROOT, "marker scores of %d cell types of the Human Reference Atlas%s"
                        + " (%,d of their marker genes in the data, species %s)", usable,
                        major ? ", each major type scoring as its best sub type" : "", genes.length, params.species());
            }
        }
        context.progress("labels", 0.9);
        return result(params, clusters, predictions, method, context);
    }

    private record Reference(ExpressionMatrix counts, Column.Categorical labels) {
    }

    /** The reference's counts and labels: an uploaded .h5ad, or another data set of this server. */
    private static Reference reference(Params params, AnalysisInput input, String call) {
        ExpressionMatrix counts;
        Column.Categorical labels;
        if (params.reference().toLowerCase(Locale.ROOT).endsWith(".h5ad")) {
            AnnDataFile file = AnnDataFile.at(input.serverFile(params.reference()));
            labels = file.obsLabels(params.referenceLabel());
            counts = file.counts();
        } else {
            AnalysisInput other = input.dataSet(params.reference());
            if (!other.obsKeys().contains(params.referenceLabel())) {
                throw new AnalysisException(call + ": reference data set " + params.reference() + " has no metadata"
                        + " column '" + params.referenceLabel() + "' for reference_label; its columns are: "
                        + String.join(", ", other.obsKeys()));
            }
            labels = LabelColumns.categorical(other.obs(params.referenceLabel()));
            if (labels == null) {
                throw new AnalysisException(call + ": reference_label '" + params.referenceLabel() + "' of "
                        + params.reference() + " is numeric; give its column of cell types.");
            }
            counts = other.counts();
        }
        if (labels.size() != counts.cellCount()) {
            throw new AnalysisException(call + ": reference " + params.reference() + " has " + labels.size()
                    + " labels for " + counts.cellCount() + " cells.");
        }
        return new Reference(counts, labels);
    }

    private static AnalysisResult result(Params params, Column.Categorical clusters, List<Prediction> predictions,
            String method, AnalysisContext context) {
        List<String> names = new ArrayList<>();
        int[] labelOf = new int[predictions.size()];
        for (int c = 0; c < predictions.size(); c++) {
            String label = predictions.get(c).label();
            if (!names.contains(label)) {
                names.add(label);
            }
            labelOf[c] = names.indexOf(label);
        }
        int[] cells = new int[clusters.size()];
        int[] sizes = new int[predictions.size()];
        for (int i = 0; i < cells.length; i++) {
            int cluster = clusters.codes()[i];
            cells[i] = cluster < 0 ? -1 : labelOf[cluster];
            if (cluster >= 0) {
                sizes[cluster]++;
            }
        }
        int clusterCount = predictions.size();
        List<String> runnerUp = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        double[] score = new double[clusterCount];
        double[] runnerScore = new double[clusterCount];
        double[] evidence = new double[clusterCount];
        double[] cellCount = new double[clusterCount];
        StringBuilder lines = new StringBuilder();
        for (int c = 0; c < clusterCount; c++) {
            Prediction p = predictions.get(c);
            predicted.add(p.label());
            runnerUp.add(p.runnerUp());
            score[c] = p.score();
            runnerScore[c] = p.runnerScore();
            evidence[c] = p.evidence();
            cellCount[c] = sizes[c];
            if (c < 30) {
                lines.append(String.format(Locale.ROOT, "%n  cluster %s (%,d cells): %s, score %.3f", clusters
                        .categories().get(c), sizes[c], p.label(), p.score()));
            }
        }
        Map<String, Column> table = new LinkedHashMap<>();
        table.put("cluster", new Column.Text(clusters.categories()));
        table.put("cells", new Column.Numeric(cellCount));
        table.put("prediction", new Column.Text(predicted));
        table.put("score", new Column.Numeric(score));
        table.put("runner-up", new Column.Text(runnerUp));
        table.put("runner-up score", new Column.Numeric(runnerScore));
        table.put(params.reference() == null ? "markers found" : "genes compared", new Column.Numeric(evidence));
        String summary = String.format(Locale.ROOT, "%d clusters of '%s' named by %s:%s", clusterCount,
                params.clusterKey(), method, lines);
        context.log(summary);
        context.progress("done", 1);
        return AnalysisResult.builder()
                .obs(context.outputName(), new Column.Categorical(names, cells))
                .table(context.outputName() + " - scores", table)
                .summary(summary)
                .build();
    }
}
