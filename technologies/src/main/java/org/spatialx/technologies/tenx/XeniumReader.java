package org.spatialx.technologies.tenx;

import java.io.IOException;
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
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads a Xenium run (every XOA generation, also with an H&E image): the cell matrix beside the
 * submitted files (h5 or MEX; without it the server counts the transcripts), cell centroids from
 * {@code cells.parquet}/{@code .csv.gz}, transcripts, cell and nucleus boundaries, all in microns.
 */
final class XeniumReader implements DataReader {

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return files.find("cell_matrix").filter(p -> !p.toString().endsWith(".zip")).map(Readers::tenxMatrix);
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return files.find("cells").filter(p -> !p.toString().endsWith(".zip")).map(PositionReader::xeniumCells);
    }

    @Override
    public Optional<Rows<Transcript>> transcripts(SubmittedFiles files) {
        return Optional.of(Readers.transcripts(files.require("transcripts")));
    }


    @Override
    public List<Boundaries> boundaries(SubmittedFiles files) {
        return Readers.boundaries(files, "segmentation", "Cell segmentation", "nucleus_segmentation",
                "Nucleus segmentation");
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) throws IOException {
        OptionalDouble pixelSize = Readers.experimentNumber(files, "pixel_size");
        return Readers.images(files, "images").stream()
                .map(i -> i.micronsPerPixel().isPresent() || pixelSize.isEmpty() ? i
                        : new ImageInfo(i.source(), i.format(), i.width(), i.height(), i.channels(), pixelSize))
                .toList();
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return OptionalDouble.of(1.0);
    }
}
