package org.spatialx.technologies.slideseq;

import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.Centers;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.matrix.DelimitedMatrix;
import org.spatialx.formats.positions.PositionReader;

/** Reads a Slide-seq puck: the digital expression (genes as rows) and the bead locations in puck pixels. */
final class SlideSeqReader implements DataReader {

    /** Slide-seq V2 puck pixels are 0.65 µm; beads are 10 µm across. */
    private static final double MICRONS_PER_PIXEL = 0.65;
    private static final double BEAD_MICRONS = 10.0;

    @Override
    public Centers centers() {
        return Centers.SPOTS;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return Optional.of(DelimitedMatrix.readGenesAsRows(files.require("matrix")));
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) {
        return Optional.of(PositionReader.slideSeqBeads(files.require("tissue_positions")));
    }

    @Override
    public OptionalDouble spotDiameter(SubmittedFiles files) {
        return OptionalDouble.of(BEAD_MICRONS / micronsPerUnit(files).getAsDouble());
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        OptionalDouble mpp = files.number("mpp");
        return mpp.isPresent() ? mpp : OptionalDouble.of(MICRONS_PER_PIXEL);
    }
}
