package org.spatialx.technologies.spatialdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.ingestion.DataReader;
import org.spatialx.api.ingestion.SubmittedFiles;
import org.spatialx.formats.anndata.AnnDataTable;
import org.spatialx.formats.anndata.Slot;

/**
 * Reads a SpatialData zarr store's table ({@code tables/<name>}, the first in name order; anndata's
 * zarr encoding, Blosc or zlib chunks, X as CSR or CSC) and its cells' positions from
 * {@code obsm["spatial"]} when the table has them. The store's own shapes, points and images are not
 * converted.
 */
final class SpatialDataZarrReader implements DataReader {

    private AnnDataTable table;

    @Override
    public Optional<ExpressionMatrix> matrix(SubmittedFiles files) throws IOException {
        return Optional.of(table(files).expression().read());
    }

    @Override
    public Optional<CellPositions> positions(SubmittedFiles files) throws IOException {
        AnnDataTable t = table(files);
        if (!t.ids(Slot.OBSM).contains("spatial")) {
            return Optional.empty();
        }
        DenseMatrix xy = t.obsm("spatial");
        return Optional.of(new CellPositions(t.cellIds(), xy.column(0), xy.column(1), "px"));
    }

    @Override
    public OptionalDouble micronsPerUnit(SubmittedFiles files) {
        return files.number("mpp");
    }

    private AnnDataTable table(SubmittedFiles files) throws IOException {
        if (table == null) {
            Path tables = files.require("store").resolve("tables");
            if (!Files.isDirectory(tables)) {
                throw new IllegalArgumentException(files.require("store") + " has no tables/ group: a SpatialData store "
                        + "without a table has no expression to ingest");
            }
            List<Path> names;
            try (Stream<Path> children = Files.list(tables)) {
                names = children.filter(p -> Files.isRegularFile(p.resolve(".zgroup"))).sorted().toList();
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(tables + " holds no table");
            }
            table = AnnDataTable.open(names.get(0));
        }
        return table;
    }
}
