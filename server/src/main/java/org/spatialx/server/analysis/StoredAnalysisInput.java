package org.spatialx.server.analysis;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.spatialx.analysis.neighbors.NeighbourGraphs;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.KnnGraph;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.AnnDataWriter;
import org.spatialx.formats.anndata.Slot;

/**
 * A data set's ingested table (the AnnData zarr of its sample store) as an analysis reads it: counts,
 * columns and embeddings read when first asked for, by the names users see.
 */
final class StoredAnalysisInput implements AnalysisInput {

    private final String dataId;
    private final AnnDataTable table;
    private final Function<String, AnalysisInput> otherDataSets;
    private final NeighbourGraphs neighbours;
    private ExpressionMatrix counts;

    StoredAnalysisInput(String dataId, Path table, int threads, long seed, Function<String, AnalysisInput> otherDataSets) {
        this.dataId = dataId;
        this.table = AnnDataTable.open(table);
        this.otherDataSets = otherDataSets;
        this.neighbours = new NeighbourGraphs(dataId, threads, seed);
    }

    @Override
    public String dataId() {
        return dataId;
    }

    @Override
    public int cellCount() {
        return table.cellCount();
    }

    @Override
    public synchronized ExpressionMatrix counts() {
        if (counts == null) {
            counts = table.expression().read();
        }
        return counts;
    }

    @Override
    public Set<String> obsKeys() {
        return new LinkedHashSet<>(table.elements(Slot.OBS).keySet());
    }

    @Override
    public Column obs(String key) {
        if (!table.elements(Slot.OBS).containsKey(key)) {
            throw new AnalysisException("Data set " + dataId + " has no metadata '" + key + "'; list_metadata shows: "
                    + String.join(", ", obsKeys()));
        }
        return table.obs(key);
    }

    @Override
    public Set<String> embeddingKeys() {
        return new LinkedHashSet<>(table.elements(Slot.OBSM).keySet());
    }

    @Override
    public DenseMatrix embedding(String key) {
        if (!table.elements(Slot.OBSM).containsKey(key)) {
            throw new AnalysisException("Data set " + dataId + " has no embedding '" + key + "'; list_embedding shows: "
                    + String.join(", ", embeddingKeys()));
        }
        return table.obsm(key);
    }

    @Override
    public DenseMatrix spatial() {
        Set<String> names = embeddingKeys();
        for (String name : new String[] {AnnDataWriter.SPATIAL_CELL_CENTERS, AnnDataWriter.SPATIAL_SPOT_CENTERS}) {
            if (names.contains(name)) {
                return table.obsm(name);
            }
        }
        throw new AnalysisException("Data set " + dataId + " has no spatial coordinates ('"
                + AnnDataWriter.SPATIAL_CELL_CENTERS + "' or '" + AnnDataWriter.SPATIAL_SPOT_CENTERS + "')");
    }

    @Override
    public KnnGraph neighbours(String embeddingKey, int k) {
        return neighbours.of(embeddingKey, embedding(embeddingKey), k);
    }

    @Override
    public AnalysisInput dataSet(String id) {
        return id.equals(dataId) ? this : otherDataSets.apply(id);
    }

    @Override
    public java.util.List<String> geneNames() {
        return table.geneNames();
    }
}
