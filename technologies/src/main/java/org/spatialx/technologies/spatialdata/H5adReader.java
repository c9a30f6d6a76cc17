package org.spatialx.technologies.spatialdata;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.matrix.H5adMatrix;

/**
 * Reads an AnnData {@code .h5ad}: X with its obs and var names, and the cells' positions from
 * {@code obsm["spatial"]} (the first two columns) when it has them; an {@code mpp} argument gives
 * their size in microns.
 */
public final class H5adReader implements DataReader {

    private final String element;

    /** A reader of the h5ad submitted as {@code element} ({@code annotated_data}). */
    public H5adReader(String element) {
        this.element = element;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return Optional.of(H5adMatrix.read(files.require(element)));
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        Path file = files.require(element);
        Optional<DenseMatrix> spatial = H5adMatrix.obsm(file, "spatial");
        if (spatial.isEmpty()) {
            return Optional.empty();
        }
        DenseMatrix xy = spatial.get();
        if (xy.cols() < 2) {
            throw new IllegalArgumentException(file + ": obsm/spatial has " + xy.cols() + " column(s); expected x, y");
        }
        return Optional.of(new CellPositions(H5adMatrix.read(file).cellIds(), xy.column(0), xy.column(1), "px"));
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return files.number("mpp");
    }
}
