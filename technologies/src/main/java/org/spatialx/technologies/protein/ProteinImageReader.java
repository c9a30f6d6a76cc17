package org.spatialx.technologies.protein;

import java.util.List;
import java.util.OptionalDouble;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads a multiplexed protein image's metadata (channels, size, pixel size) for registration; a
 * per-cell table comes with a custom submission ({@code annotated_data}), not from the image.
 */
final class ProteinImageReader implements DataReader {

    @Override
    public List<ImageInfo> images(SubmittedFiles files) {
        return Readers.images(files, "protein_images");
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return files.number("mpp");
    }
}
