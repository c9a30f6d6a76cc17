package org.spatialx.technologies.nanostring;

import java.util.List;
import java.util.Optional;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.Centers;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.matrix.GeomxCounts;

/** Reads GeoMx DSP counts: one row per AOI from its {@code .dcc}, probes named by the PKC targets; AOIs have no positions. */
final class GeomxReader implements DataReader {

    @Override
    public Centers centers() {
        return Centers.SPOTS;
    }

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) {
        return Optional.of(GeomxCounts.read(files.require("dcc"), List.of(files.require("pkc"))));
    }
}
