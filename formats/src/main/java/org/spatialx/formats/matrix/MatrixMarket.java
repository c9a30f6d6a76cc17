package org.spatialx.formats.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.csv.CsvFile;

/**
 * Reads a Matrix Market triple (10x MEX folder: {@code matrix.mtx}, {@code barcodes.tsv},
 * {@code features.tsv} or {@code genes.tsv}, each optionally {@code .gz}; also Curio Seeker's
 * {@code <sample>_MoleculesPerMatchedBead.mtx}): genes are rows and barcodes columns in the file.
 */
public final class MatrixMarket {

    private MatrixMarket() {
    }

    /** Reads a MEX folder. */
    public static ExpressionMatrix readFolder(Path folder) {
        return read(pick(folder, "matrix.mtx"), pick(folder, "barcodes.tsv"),
                Files.exists(folder.resolve("features.tsv")) || Files.exists(folder.resolve("features.tsv.gz"))
                        ? pick(folder, "features.tsv")
                        : pick(folder, "genes.tsv"));
    }

    private static Path pick(Path folder, String name) {
        Path plain = folder.resolve(name);
        Path gzip = folder.resolve(name + ".gz");
        if (Files.exists(gzip)) {
            return gzip;
        }
        if (Files.exists(plain)) {
            return plain;
        }
        throw new IllegalArgumentException("MEX folder " + folder + " has no " + name + " or " + name + ".gz");
    }

    /** Reads the three files; cells are the barcodes. */
    public static ExpressionMatrix read(Path matrix, Path barcodes, Path features) {
        List<String> cells = new ArrayList<>();
        try (CsvFile file = CsvFile.open(barcodes, '\t')) {
            for (List<String> row = file.next(); row != null; row = file.next()) {
                cells.add(row.get(0));
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (CsvFile file = CsvFile.open(features, '\t')) {
            for (List<String> row = file.next(); row != null; row = file.next()) {
                ids.add(row.get(0));
                names.add(row.size() > 1 ? row.get(1) : row.get(0));
            }
        }
        SparseBuilder builder = new SparseBuilder();
        try (CsvFile file = CsvFile.open(matrix, ' ')) {
            List<String> row = file.next();
            while (row != null && row.get(0).startsWith("%")) {
                row = file.next();
            }
            if (row == null || row.size() < 3) {
                throw new IllegalArgumentException(matrix + ": no Matrix Market size line");
            }
            int rows = Integer.parseInt(row.get(0).trim());
            int columns = Integer.parseInt(row.get(1).trim());
            if (rows != ids.size() || columns != cells.size()) {
                throw new IllegalArgumentException(matrix + " is " + rows + " x " + columns + " but " + features
                        + " lists " + ids.size() + " genes and " + barcodes + " " + cells.size() + " barcodes");
            }
            for (row = file.next(); row != null; row = file.next()) {
                int gene = Integer.parseInt(row.get(0).trim()) - 1;
                int cell = Integer.parseInt(row.get(1).trim()) - 1;
                double value = row.size() > 2 ? Double.parseDouble(row.get(2).trim()) : 1;
                builder.add(cell, gene, value);
            }
        }
        SparseBuilder.Csr csr = builder.build(cells.size());
        return new ExpressionMatrix(cells, ids, names, csr.indptr(), csr.indices(), csr.values());
    }
}
