package org.spatialx.formats.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.csv.CsvFile;

/**
 * Stereo-seq gene expression in GEM text ({@code .gem}, {@code .gem.gz}, tab-separated): one row per
 * gene and DNB ({@code x}, {@code y} in DNB units, 500 nm apart) with its MID count. SAW 5 and later
 * write {@code #} lines first ({@code #FileFormat=GEMv0.1}, {@code #BinSize}, {@code #OffsetX}, ...)
 * and name the count column {@code MIDCount}; the first public releases wrote neither
 * ({@code MIDCounts}). DNBs are summed into squares of {@code binSize} x {@code binSize} DNBs
 * (bin 50 = 25 µm, Stereopy's usual choice), the spots of the matrix. Memory grows with bins x genes,
 * not with the number of rows.
 */
public final class GemMatrix {

    /** Bin size used when none is given: 50 DNBs (25 µm). */
    public static final int DEFAULT_BIN_SIZE = 50;

    /** Distance between neighbouring DNBs on a Stereo-seq chip. */
    public static final double MICRONS_PER_DNB = 0.5;

    private static final List<String> COUNT_COLUMNS = List.of("MIDCount", "MIDCounts", "UMICount");

    /**
     * A binned GEM.
     *
     * @param matrix    bins x genes counts; bin ids {@code bin<size>_<x0>_<y0>}, the DNB coordinates of
     *                  the bin's lowest corner (x0 and y0 multiples of the bin size)
     * @param positions each bin's centre, in microns
     * @param binSize   DNBs per bin side
     */
    public record Binned(ExpressionMatrix matrix, CellPositions positions, int binSize) {
    }

    private GemMatrix() {
    }

    /** {@code file} binned at {@link #DEFAULT_BIN_SIZE}. */
    public static Binned read(Path file) {
        return read(file, DEFAULT_BIN_SIZE);
    }

    /** {@code file} binned into squares of {@code binSize} DNBs (1 keeps every DNB). */
    public static Binned read(Path file, int binSize) {
        if (binSize < 1) {
            throw new IllegalArgumentException("bin size must be at least 1 DNB, got " + binSize);
        }
        try (CsvFile gem = CsvFile.open(file, '\t')) {
            CsvFile.Fields header = gem.nextFields();
            while (header != null && header.size() > 0 && header.text(0).startsWith("#")) {
                header = gem.nextFields(); // SAW's #FileFormat, #BinSize, #Offset lines
            }
            if (header == null) {
                throw new IllegalArgumentException(file + " has no header line; expected a Stereo-seq GEM with "
                        + "columns geneID, x, y, MIDCount");
            }
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                columns.add(header.text(i));
            }
            int gene = require(file, columns, List.of("geneID"));
            int x = require(file, columns, List.of("x"));
            int y = require(file, columns, List.of("y"));
            int count = require(file, columns, COUNT_COLUMNS);
            String countName = columns.get(count);

            GeneCounts<Corner> counts = new GeneCounts<>();
            CsvFile.Fields row;
            while ((row = gem.nextFields()) != null) {
                long x0 = Math.floorDiv(integer(gem, row, x, "x"), binSize) * binSize;
                long y0 = Math.floorDiv(integer(gem, row, y, "y"), binSize) * binSize;
                counts.add(new Corner(x0, y0), row.text(gene), integer(gem, row, count, countName));
            }
            // bins sorted by x0 then y0
            GeneCounts.Built<Corner> built = counts.build(Comparator.comparingLong(Corner::x0)
                    .thenComparingLong(Corner::y0), corner -> "bin" + binSize + "_" + corner.x0() + "_" + corner.y0());
            double[] px = new double[built.rows().size()];
            double[] py = new double[built.rows().size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = (built.rows().get(i).x0() + binSize / 2.0) * MICRONS_PER_DNB;
                py[i] = (built.rows().get(i).y0() + binSize / 2.0) * MICRONS_PER_DNB;
            }
            ExpressionMatrix matrix = built.matrix();
            return new Binned(matrix, new CellPositions(matrix.cellIds(), px, py, "um"), binSize);
        }
    }

    /** The lowest corner of a bin, in DNBs. */
    private record Corner(long x0, long y0) {
    }

    private static int require(Path file, List<String> columns, List<String> names) {
        for (String name : names) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        throw new IllegalArgumentException(file + " is not a Stereo-seq GEM: no column " + String.join(" or ", names)
                + " (it has " + String.join(", ", columns) + "); expected geneID, x, y, MIDCount");
    }

    private static long integer(CsvFile gem, CsvFile.Fields row, int index, String column) {
        double value = gem.number(row, index, column);
        if (value != Math.rint(value) || Double.isNaN(value)) {
            throw new IllegalArgumentException("Not a whole number in " + gem.path() + " line " + gem.lineNumber()
                    + " column '" + column + "': " + (index < row.size() ? row.text(index) : ""));
        }
        return (long) value;
    }
}
