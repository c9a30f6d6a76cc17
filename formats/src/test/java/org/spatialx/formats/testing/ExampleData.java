package org.spatialx.formats.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hardwood.InputFile;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowReader;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.spatialx.api.data.CellPolygon;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;
import org.spatialx.api.data.Transcript;

/** Where the tests find real instrument outputs: the bundled examples/data and, for GPL data, ../shared/testdata. */
public final class ExampleData {

    private ExampleData() {
    }

    /** A bundled data set folder or file, e.g. {@code xenium/SFE_toy_Xenium_XOA1x_human_526cells}. */
    public static Path bundled(String relative) {
        String dir = System.getProperty("spatialx.examples.dir", "../examples/data");
        Path path = Path.of(dir, relative).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException("Bundled example data missing: " + path);
        }
        return path;
    }

    /** A data set of ../shared/testdata that is not bundled (GPL); skips the test when absent. */
    public static Path shared(String relative) {
        String dir = System.getProperty("spatialx.shared.dir", "../../shared");
        Path path = Path.of(dir, "testdata", relative).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(path), "GPL test data not bundled and not found at " + path
                + " (set -Dspatialx.shared.dir to the folder holding testdata/)");
        return path;
    }

    /** Copies a folder tree (to derive layout variants in a temporary folder). */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /**
     * A 10x {@code cell_feature_matrix.h5} read with jHDF in its stored element type: the file's
     * genes x cells CSC is the cells x genes CSR of {@link ExpressionMatrix}.
     */
    public static ExpressionMatrix tenxMatrix(Path h5) {
        try (HdfFile file = new HdfFile(h5)) {
            Object data = file.getDatasetByPath("matrix/data").getData();
            MatrixValues values = switch (data) {
                case int[] ints -> new MatrixValues.Ints(ints);
                case float[] floats -> new MatrixValues.Floats(floats);
                case double[] doubles -> new MatrixValues.Doubles(doubles);
                default -> throw new IllegalStateException("matrix/data of " + h5 + " is " + data.getClass());
            };
            int[] indices = ints(file.getDatasetByPath("matrix/indices").getData());
            int[] indptr = ints(file.getDatasetByPath("matrix/indptr").getData());
            List<String> barcodes = Arrays.asList((String[]) file.getDatasetByPath("matrix/barcodes").getData());
            List<String> ids = Arrays.asList((String[]) file.getDatasetByPath("matrix/features/id").getData());
            List<String> names = Arrays.asList((String[]) file.getDatasetByPath("matrix/features/name").getData());
            return new ExpressionMatrix(barcodes, ids, names, indptr, indices, values);
        }
    }

    /** Xenium {@code transcripts.parquet} rows (feature_name, x/y/z_location, cell_id), read with Hardwood. */
    public static List<Transcript> xeniumTranscripts(Path parquet) {
        List<Transcript> out = new java.util.ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(parquet));
                RowReader rows = reader.buildRowReader().build()) {
            java.util.Map<String, Integer> field = new java.util.HashMap<>();
            for (int f = 0; f < rows.getFieldCount(); f++) {
                field.put(rows.getFieldName(f), f);
            }
            while (rows.hasNext()) {
                rows.next();
                String gene = rows.isNull(field.get("feature_name")) ? "" : text(rows, field.get("feature_name"));
                out.add(new Transcript(gene, number(rows, field.get("x_location")),
                        number(rows, field.get("y_location")), number(rows, field.get("z_location")),
                        text(rows, field.get("cell_id"))));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Xenium {@code cell_boundaries.parquet} (cell_id, vertex_x, vertex_y rows) as one polygon per cell. */
    public static List<CellPolygon> xeniumBoundaries(Path parquet) {
        List<CellPolygon> out = new java.util.ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(parquet));
                RowReader rows = reader.buildRowReader().build()) {
            java.util.Map<String, Integer> field = new java.util.HashMap<>();
            for (int f = 0; f < rows.getFieldCount(); f++) {
                field.put(rows.getFieldName(f), f);
            }
            String cell = null;
            List<Double> xs = new java.util.ArrayList<>();
            List<Double> ys = new java.util.ArrayList<>();
            while (true) {
                boolean more = rows.hasNext();
                String id = null;
                if (more) {
                    rows.next();
                    id = text(rows, field.get("cell_id"));
                }
                if (cell != null && (!more || !id.equals(cell))) {
                    out.add(new CellPolygon(cell, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                            ys.stream().mapToDouble(Double::doubleValue).toArray()));
                    xs.clear();
                    ys.clear();
                }
                if (!more) {
                    break;
                }
                cell = id;
                xs.add(number(rows, field.get("vertex_x")));
                ys.add(number(rows, field.get("vertex_y")));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static double number(RowReader rows, int field) {
        Object value = rows.getValue(field);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static String text(RowReader rows, int field) {
        Object value = rows.getValue(field);
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    private static int[] ints(Object array) {
        return array instanceof long[] longs ? Arrays.stream(longs).mapToInt(Math::toIntExact).toArray() : (int[]) array;
    }
}
