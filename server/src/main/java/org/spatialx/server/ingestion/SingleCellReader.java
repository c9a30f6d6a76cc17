package org.spatialx.server.ingestion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.spatialx.api.SubmissionElementKeys;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.technologies.reading.Readers;
import org.spatialx.technologies.spatialdata.H5adReader;

/**
 * The reader of a single-cell data set that no instrument technology describes ("Single cell
 * transcriptomics", e.g. a Lens study converted offline, protocol 9.3): its expression matrix from an
 * AnnData file ({@code annotated_data}) or a 10x matrix ({@code matrix}: an {@code .h5} file or a
 * Matrix Market folder), and the AnnData's {@code obsm["spatial"]} when it has one.
 */
final class SingleCellReader implements DataReader {

    private static final String EXPRESSION = SubmissionElementKeys.EXPRESSION.value();
    private static final String MATRIX = SubmissionElementKeys.MATRIX.value();

    private final H5adReader h5ad = new H5adReader(EXPRESSION);

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) throws IOException {
        if (files.find(EXPRESSION).isPresent()) {
            return h5ad.matrix(files);
        }
        Optional<Path> tenx = files.find(MATRIX);
        return tenx.map(Readers::tenxMatrix);
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) throws IOException {
        return files.find(EXPRESSION).isPresent() ? h5ad.positions(files) : Optional.empty();
    }
}
