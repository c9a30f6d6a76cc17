package org.spatialx.technologies.nanostring;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.api.ingestion.Boundaries;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.Rows;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads a CosMx flat-file export in global pixels: transcripts, the {@code exprMat} and cell
 * metadata when the export has them (else the server counts the transcripts per cell and places each
 * cell at its transcripts' mean), polygons, and the morphology images; {@code mpp} (0.18) sizes a pixel.
 */
final class CosmxReader implements DataReader {

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return files.find("expression_matrix").map(DelimitedMatrix::readCosmxExprMat);
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return files.find("cell_metadata").map(PositionReader::cosmxCells);
    }

    @Override
    public Optional<Rows<Transcript>> transcripts(SubmittedFiles files) {
        return Optional.of(Readers.transcripts(files.require("transcripts")));
    }


    @Override
    public List<Boundaries> boundaries(SubmittedFiles files) {
        return Readers.boundaries(files, "polygons", "Cell segmentation");
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) {
        return Readers.images(files, "images");
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        OptionalDouble mpp = files.number("mpp");
        return mpp.isPresent() ? mpp : OptionalDouble.of(CosmxLayout.MICRONS_PER_PIXEL);
    }
}
