package org.spatialx.api.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;

/**
 * One data set's table as an analysis reads it: counts, per-cell columns, embeddings and spatial
 * coordinates, loaded only when asked for. The local server serves it from the ingested table;
 * tests build it in memory.
 */
public interface AnalysisInput {

    /** The data set's id. */
    String dataId();

    /** Number of cells (rows of the table). */
    int cellCount();

    /** The raw counts, cells x genes, as ingested (after QC). */
    ExpressionMatrix counts();

    /** The names of the per-cell columns (obs), as the user sees them. */
    Set<String> obsKeys();

    /**
     * A per-cell column by name.
     *
     * @throws AnalysisException naming the available columns when there is none of that name
     */
    Column obs(String key);

    /** The names of the embeddings (obsm), as the user sees them, e.g. {@code Connector - PCA}. */
    Set<String> embeddingKeys();

    /**
     * An embedding by name, one row per cell.
     *
     * @throws AnalysisException naming the available embeddings when there is none of that name
     */
    DenseMatrix embedding(String key);

    /** Cell or spot centres in microns, one row (x, y) per cell. */
    DenseMatrix spatial();

    /**
     * The {@code k} nearest neighbours of every cell in an embedding (exact for small tables,
     * approximate with high recall above), computed once per embedding and {@code k}.
     */
    KnnGraph neighbours(String embeddingKey, int k);

    /**
     * Another data set's table (DE genes between two data sets).
     *
     * @throws AnalysisException when it does not exist or has no table
     */
    AnalysisInput dataSet(String dataId);

    /** The gene (var) names, in column order of {@link #counts()}. */
    default List<String> geneNames() {
        return counts().geneNames();
    }

    /** The cell (obs) names, barcodes or cell ids, in row order; by default those of {@link #counts()}. */
    default List<String> cellIds() {
        return counts().cellIds();
    }

    /**
     * A file the call names by its server path (upload_embeddings' {@code csv_path}, a reference
     * {@code .h5ad}), as a readable local file: the host maps its own paths (uploads, mounts) to files
     * and refuses paths outside them. By default the host serves no files.
     *
     * @throws AnalysisException naming the path when there is no such file or the host serves no files
     */
    default Path serverFile(String serverPath) {
        throw new AnalysisException("This server cannot give analyses the file " + serverPath
                + "; upload it first (upload_file) and pass the path the upload returned.");
    }
}
