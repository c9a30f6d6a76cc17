package org.spatialx.technologies.tenx;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.Centers;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.ImageInfo;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.positions.PositionReader;
import org.spatialx.technologies.reading.Readers;

/**
 * Reads Space Ranger spots (Visium) or bins (Visium HD): the feature-barcode matrix, spot positions
 * in full-resolution pixels, the spot size and the pixel size from {@code scalefactors_json.json}
 * (Visium spots are 55 µm across; Visium HD records {@code microns_per_pixel} and {@code bin_size_um}).
 */
final class SpaceRangerReader implements DataReader {

    /** The diameter of a Visium spot, which Space Ranger 1-3 do not record in microns. */
    private static final double VISIUM_SPOT_MICRONS = 55.0;

    @Override
    public Centers centers() {
        return Centers.SPOTS;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return Optional.of(Readers.tenxMatrix(files.require("matrix")));
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return Optional.of(PositionReader.visiumSpots(files.require("tissue_positions")));
    }

    @Override
    public OptionalDouble spotDiameter(SubmittedFiles files) throws IOException {
        OptionalDouble diameter = Readers.scalefactor(files, "spot_diameter_fullres");
        OptionalDouble binMicrons = Readers.scalefactor(files, "bin_size_um");
        OptionalDouble mpp = Readers.scalefactor(files, "microns_per_pixel");
        if (binMicrons.isPresent() && mpp.isPresent() && mpp.getAsDouble() > 0) {
            return OptionalDouble.of(binMicrons.getAsDouble() / mpp.getAsDouble());
        }
        return diameter;
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) throws IOException {
        OptionalDouble mpp = Readers.scalefactor(files, "microns_per_pixel");
        if (mpp.isPresent()) {
            return mpp;
        }
        OptionalDouble diameter = Readers.scalefactor(files, "spot_diameter_fullres");
        return diameter.isPresent() && diameter.getAsDouble() > 0
                ? OptionalDouble.of(VISIUM_SPOT_MICRONS / diameter.getAsDouble()) : OptionalDouble.empty();
    }

    @Override
    public List<ImageInfo> images(SubmittedFiles files) throws IOException {
        OptionalDouble mpp = micronsPerUnit(files);
        return Readers.images(files, "images").stream()
                .map(i -> i.micronsPerPixel().isPresent() || mpp.isEmpty() || i.format().equals("PNG") ? i
                        : new ImageInfo(i.source(), i.format(), i.width(), i.height(), i.channels(), mpp))
                .toList();
    }
}
