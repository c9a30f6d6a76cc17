package org.spatialx.technologies.vizgen;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads a MERSCOPE region in microns: {@code cell_by_gene.csv}, cell centres from
 * {@code cell_metadata.csv} (else the server takes each cell's boundary centre), transcripts, the
 * parquet boundaries of VER2 and vpt (the per-FOV HDF5 of VER1 is not read) and the mosaic images.
 */
final class MerscopeReader implements DataReader {

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return files.find("matrix").map(DelimitedMatrix::readMerscopeCellByGene);
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return files.find("cell_metadata").map(MerscopeReader::cellMetadata);
    }

    /** The id column is {@code EntityID} in vpt outputs and unnamed in the instrument's own file. */
    private static CellPositions cellMetadata(Path file) {
        String idColumn;
        try (CsvFile csv = CsvFile.open(file)) {
            List<String> header = csv.next();
            idColumn = header == null || header.isEmpty() ? "" : header.contains("EntityID") ? "EntityID" : header.get(0);
        }
        return PositionReader.columns(file, idColumn, "center_x", "center_y", "um");
    }

    @Override
    public Optional<Rows<Transcript>> transcripts(SubmittedFiles files) {
        return Optional.of(Readers.transcripts(files.require("transcripts")));
    }


    @Override
    public List<Boundaries> boundaries(SubmittedFiles files) {
        Optional<Path> segmentation = files.find("segmentation").filter(Files::isRegularFile);
        return segmentation.map(p -> List.of(Readers.boundaries("Cell segmentation", p))).orElse(List.of());
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) {
        return Readers.images(files, "images");
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return OptionalDouble.of(1.0);
    }
}
