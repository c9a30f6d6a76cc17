package org.spatialx.shell.picture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Points to draw: positions (cells, spots, transcripts, or an embedding) with an optional
 * category each (gene, cluster). Arrays are parallel.
 *
 * @param x      horizontal positions
 * @param y      vertical positions
 * @param labels the category of each point, or null for one colour
 * @param values a number per point drawn on a colour scale (a continuous obs column), or null
 */
public record SpatialPoints(double[] x, double[] y, String[] labels, double[] values) {

    /** Checks the arrays are parallel. */
    public SpatialPoints {
        if (x.length != y.length || (labels != null && labels.length != x.length)
                || (values != null && values.length != x.length)) {
            throw new IllegalArgumentException("x, y, labels and values must have the same length (got " + x.length
                    + ", " + y.length + ", " + (labels == null ? "no labels" : labels.length) + ", "
                    + (values == null ? "no values" : values.length) + ")");
        }
        if (labels != null && values != null) {
            throw new IllegalArgumentException("points are coloured by labels or by values, not both");
        }
    }

    /** Points coloured by category (or in one colour when {@code labels} is null). */
    public SpatialPoints(double[] x, double[] y, String[] labels) {
        this(x, y, labels, null);
    }

    /** The number of points. */
    public int size() {
        return x.length;
    }

    /**
     * Reads positions from a CSV or CSV.gz table (e.g. Xenium {@code transcripts.csv.gz}, CosMx
     * {@code *_tx_file.csv}, Visium {@code tissue_positions.csv}, MERSCOPE {@code cell_metadata.csv}).
     *
     * @param xColumn     column of x
     * @param yColumn     column of y
     * @param labelColumn column of the category, or null
     * @throws IllegalArgumentException naming the file and its columns when one is missing
     */
    public static SpatialPoints readCsv(Path file, String xColumn, String yColumn, String labelColumn) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; expected a header with " + xColumn + " and " + yColumn);
            }
            List<String> columns = split(header);
            int xi = column(columns, xColumn, file);
            int yi = column(columns, yColumn, file);
            int li = labelColumn == null ? -1 : column(columns, labelColumn, file);
            List<double[]> positions = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                positions.add(new double[] {Double.parseDouble(cells.get(xi)), Double.parseDouble(cells.get(yi))});
                if (li >= 0) {
                    labels.add(cells.get(li));
                }
            }
            double[] x = new double[positions.size()];
            double[] y = new double[positions.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = positions.get(i)[0];
                y[i] = positions.get(i)[1];
            }
            return new SpatialPoints(x, y, li < 0 ? null : labels.toArray(String[]::new));
        }
    }

    private static int column(List<String> columns, String name, Path file) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + name + "' in " + file + "; its columns are: " + String.join(", ", columns));
        }
        return index;
    }

    /** Splits one CSV line (double quotes may enclose commas). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
