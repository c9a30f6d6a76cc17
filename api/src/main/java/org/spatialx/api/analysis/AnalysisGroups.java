package org.spatialx.api.analysis;

/** The notebook's analysis groups ({@code connector.analysis.<group>}, protocol 7.2). Plugins may add their own. */
public final class AnalysisGroups {

    /** {@code analysis.embeddings}: pca, scvi, umap, tsne, upload_embeddings. */
    public static final String EMBEDDINGS = "embeddings";
    /** {@code analysis.clustering}: louvain, leiden, kmeans. */
    public static final String CLUSTERING = "clustering";
    /** {@code analysis.prediction}: metadata_reference, deconvolution. */
    public static final String PREDICTION = "prediction";
    /** {@code analysis.de}: differential_expression_genes. */
    public static final String DE = "de";
    /** {@code analysis.spatial_analysis}: region_segmentation, neighborhood_analysis. */
    public static final String SPATIAL_ANALYSIS = "spatial_analysis";

    private AnalysisGroups() {
    }
}
