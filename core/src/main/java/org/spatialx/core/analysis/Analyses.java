package org.spatialx.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.NotebookFunction;
import org.spatialx.api.NotebookMembers;
import org.spatialx.api.NotebookName;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisGroups;

/**
 * {@code connector.analysis}: one {@link AnalysisGroup} per group of the kinds present
 * ({@code embeddings}, {@code clustering}, {@code prediction}, {@code de}, {@code spatial_analysis}, and
 * any group a plugin adds), and the listings of protocol 7.3.
 */
public final class Analyses implements NotebookMembers {

    private final AnalysisEndpoints endpoints;
    private final Map<String, AnalysisGroup> groups = new LinkedHashMap<>();

    /** The analyses of {@code endpoints}' kinds. */
    public Analyses(AnalysisEndpoints endpoints) {
        this.endpoints = endpoints;
        for (Analysis<?> kind : endpoints.kinds()) {
            groups.computeIfAbsent(kind.group(), group -> new AnalysisGroup(group, endpoints));
        }
        // list_deconvolution_models sits in prediction (protocol 2.2 #34) even without a prediction kind
        groups.computeIfAbsent(AnalysisGroups.PREDICTION, group -> new AnalysisGroup(group, endpoints));
    }

    /**
     * The group {@code name} ({@code embeddings}, ...).
     *
     * @throws org.spatialx.core.SpatialXInvalidInputException naming the groups when there is none
     */
    public AnalysisGroup group(String name) {
        AnalysisGroup group = groups.get(name);
        if (group == null) {
            throw new org.spatialx.core.SpatialXInvalidInputException("No analysis group '" + name + "'; there are "
                    + String.join(", ", groups.keySet()));
        }
        return group;
    }

    /** {@code analysis.embeddings}. */
    public AnalysisGroup embeddings() {
        return group(AnalysisGroups.EMBEDDINGS);
    }

    /** {@code analysis.clustering}. */
    public AnalysisGroup clustering() {
        return group(AnalysisGroups.CLUSTERING);
    }

    /** {@code analysis.de}. */
    public AnalysisGroup de() {
        return group(AnalysisGroups.DE);
    }

    /**
     * {@code analysis.list_embedding(data_id)}: the embedding names of the data set's table, what
     * {@code embedding_key} takes (protocol 7.3).
     */
    @NotebookName("list_embedding")
    public List<String> listEmbedding(String dataId, ListElementsOptions options) {
        return endpoints.listEmbedding(dataId, options.call());
    }

    /** {@code list_embedding} with no other argument. */
    public List<String> listEmbedding(String dataId) {
        return listEmbedding(dataId, ListElementsOptions.defaults());
    }

    /**
     * {@code analysis.list_metadata(data_id)}: the metadata (cell column) names of the data set's
     * table, what {@code cluster_key} and {@code batch_key} take (protocol 7.3).
     */
    @NotebookName("list_metadata")
    public List<String> listMetadata(String dataId, ListElementsOptions options) {
        return endpoints.listMetadata(dataId, options.call());
    }

    /** {@code list_metadata} with no other argument. */
    public List<String> listMetadata(String dataId) {
        return listMetadata(dataId, ListElementsOptions.defaults());
    }

    @Override
    public List<NotebookFunction> notebookMembers() {
        List<NotebookFunction> members = new ArrayList<>();
        groups.forEach((name, group) -> members.add(new NotebookFunction(name, true, List.of(), false,
                "connector.analysis." + name + ": " + group.describe(), arguments -> group)));
        return members;
    }

    /** A short listing, never a secret. */
    @Override
    public String toString() {
        return "Analyses" + groups.keySet();
    }
}
