package org.spatialx.analysis.input;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.matrix.H5adMatrix;

/**
 * What analyses read of an AnnData {@code .h5ad} a call names (an uploaded embedding file, a reference
 * of cell types): the obs names, obs columns (categorical as anndata 0.7+ writes them, or text), the
 * two-dimensional numeric {@code obsm} entries, and {@code X} (through the technologies module's
 * reader). Every problem is an {@link AnalysisException} that names the file.
 */
public final class AnnDataFile {

    private final Path file;

    private AnnDataFile(Path file) {
        this.file = file;
    }

    /** The file at {@code file}; nothing is read yet. */
    public static AnnDataFile at(Path file) {
        return new AnnDataFile(file);
    }

    /** The obs names (cell ids), in row order. */
    public List<String> obsNames() {
        return read(hdf -> {
            Node obs = child(hdf, "obs");
            Attribute index = obs.getAttribute("_index");
            return strings(child(obs, index == null ? "_index" : String.valueOf(index.getData())));
        });
    }

    /** The obs column names. */
    public List<String> obsKeys() {
        return read(hdf -> {
            Node obs = child(hdf, "obs");
            Attribute index = obs.getAttribute("_index");
            String indexName = index == null ? "_index" : String.valueOf(index.getData());
            return ((Group) obs).getChildren().keySet().stream()
                    .filter(name -> !name.equals(indexName) && !name.equals("__categories")).toList();
        });
    }

    /** An obs column as labels: a categorical column, or text (its distinct values sorted as categories). */
    public Column.Categorical obsLabels(String name) {
        return read(hdf -> {
            Node obs = child(hdf, "obs");
            Node column = ((Group) obs).getChildren().get(name);
            if (column == null) {
                throw new AnalysisException(file.getFileName() + " has no obs column '" + name + "'; its columns are: "
                        + String.join(", ", obsKeys()));
            }
            if (column instanceof Group categorical) {
                List<String> categories = strings(child(categorical, "categories"));
                return new Column.Categorical(categories, ints(child(categorical, "codes")));
            }
            Node legacy = obs instanceof Group g && g.getChildren().get("__categories") instanceof Group c
                    ? c.getChildren().get(name) : null;
            if (legacy != null) {
                return new Column.Categorical(strings(legacy), ints(column));
            }
            Object data = ((Dataset) column).getData();
            if (!(data instanceof String[] values)) {
                throw new AnalysisException(file.getFileName() + ": obs column '" + name + "' holds numbers, not labels.");
            }
            return LabelColumns.ofText(Arrays.asList(values));
        });
    }

    /** Every two-dimensional numeric obsm entry, by key, one row per obs name. */
    public Map<String, DenseMatrix> obsm() {
        return read(hdf -> {
            Map<String, DenseMatrix> embeddings = new LinkedHashMap<>();
            if (hdf.getChildren().get("obsm") instanceof Group obsm) {
                for (Map.Entry<String, Node> entry : obsm.getChildren().entrySet()) {
                    if (entry.getValue() instanceof Dataset dataset && dataset.getDimensions().length == 2
                            && isNumeric(dataset.getJavaType())) {
                        embeddings.put(entry.getKey(), matrix(dataset));
                    }
                }
            }
            return embeddings;
        });
    }

    /** {@code X}, cells x genes. */
    public ExpressionMatrix counts() {
        try {
            return H5adMatrix.read(file);
        } catch (RuntimeException e) {
            throw new AnalysisException("Cannot read X of " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private interface Reading<T> {
        T from(HdfFile hdf);
    }

    private <T> T read(Reading<T> reading) {
        try (HdfFile hdf = new HdfFile(file)) {
            return reading.from(hdf);
        } catch (AnalysisException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AnalysisException("Cannot read " + file.getFileName() + " as AnnData .h5ad: " + e.getMessage(), e);
        }
    }

    private Node child(Node group, String name) {
        Node child = group instanceof Group g ? g.getChildren().get(name) : null;
        if (child == null) {
            throw new AnalysisException(file.getFileName() + " is not an AnnData .h5ad as expected: it has no "
                    + group.getPath() + (group.getPath().endsWith("/") ? "" : "/") + name);
        }
        return child;
    }

    private List<String> strings(Node node) {
        Object data = node instanceof Dataset dataset ? dataset.getData() : null;
        if (!(data instanceof String[] values)) {
            throw new AnalysisException(file.getFileName() + ": " + node.getPath() + " is not text.");
        }
        return Arrays.asList(values);
    }

    private static int[] ints(Node node) {
        Object data = ((Dataset) node).getData();
        int length = Array.getLength(data);
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = ((Number) Array.get(data, i)).intValue();
        }
        return values;
    }

    private static boolean isNumeric(Class<?> type) {
        return type.isPrimitive() ? type != boolean.class && type != char.class : Number.class.isAssignableFrom(type);
    }

    private static DenseMatrix matrix(Dataset dataset) {
        int[] shape = dataset.getDimensions();
        Object data = dataset.getData();
        double[] values = new double[Math.multiplyExact(shape[0], shape[1])];
        for (int r = 0; r < shape[0]; r++) {
            Object row = Array.get(data, r);
            for (int c = 0; c < shape[1]; c++) {
                values[r * shape[1] + c] = ((Number) Array.get(row, c)).doubleValue();
            }
        }
        return new DenseMatrix(shape[0], shape[1], values);
    }

    @Override
    public String toString() {
        return "AnnDataFile[" + file + "]";
    }
}
