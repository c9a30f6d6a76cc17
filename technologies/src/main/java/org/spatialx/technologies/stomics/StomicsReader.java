package org.spatialx.technologies.stomics;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.Centers;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.matrix.GemMatrix;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads a Stereo-seq GEM binned into 50 x 50 DNB squares (25 µm), each bin at its centre in
 * microns; an optional {@code bin_size} argument changes the bin. GEF files are refused with a fix.
 */
final class StomicsReader implements DataReader {

    private GemMatrix.Binned binned;

    @Override
    public Centers centers() {
        return Centers.SPOTS;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return Optional.of(read(files).matrix());
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return Optional.of(read(files).positions());
    }

    @Override
    public OptionalDouble spotDiameter(SubmittedFiles files) {
        return OptionalDouble.of(read(files).binSize() * GemMatrix.MICRONS_PER_DNB);
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return OptionalDouble.of(1.0);
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) {
        return Readers.images(files, "images");
    }

    private GemMatrix.Binned read(SubmittedFiles files) {
        if (binned == null) {
            Path gem = files.require("matrix");
            if (gem.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gef")) {
                throw new IllegalArgumentException(gem + " is a GEF (HDF5) file, which this server does not read; "
                        + "convert it to GEM (SAW 'gefTools view' or stereopy) and submit the .gem.gz");
            }
            int bin = (int) files.number("bin_size").orElse(GemMatrix.DEFAULT_BIN_SIZE);
            binned = GemMatrix.read(gem, bin);
        }
        return binned;
    }
}
