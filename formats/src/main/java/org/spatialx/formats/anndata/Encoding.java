package org.spatialx.formats.anndata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.formats.zarr.Compression;
import org.spatialx.formats.zarr.DataType;
import org.spatialx.formats.zarr.FileWriter;
import org.spatialx.formats.zarr.Json;
import org.spatialx.formats.zarr.ZarrArray;
import org.spatialx.formats.zarr.ZarrArrayWriter;
import org.spatialx.formats.zarr.ZarrException;
import org.spatialx.formats.zarr.ZarrGroup;
import org.spatialx.formats.zarr.ZarrStore;

/**
 * anndata's on-disk element encodings (the {@code encoding-type}/{@code encoding-version} attributes
 * anndata 0.8 writes and reads): string-array, array, categorical, dataframe, dict, csc/csr matrices.
 */
final class Encoding {

    static final String TYPE = "encoding-type";
    static final String VERSION = "encoding-version";
    static final String ELEMENTS = "elements";
    static final String INDEX = "_index";
    static final String COLUMN_ORDER = "column-order";

    private Encoding() {
    }

    /** {@code {"encoding-type": type, "encoding-version": version}}. */
    static ObjectNode attrs(String type, String version) {
        ObjectNode node = Json.object();
        node.put(TYPE, type);
        node.put(VERSION, version);
        return node;
    }

    /** An empty {@code dict} group (obsm, uns, layers...) with an empty {@code elements} map where names go. */
    static void writeDict(Path dir, boolean named) {
        ObjectNode attrs = attrs("dict", "0.1.0");
        if (named) {
            attrs.putObject(ELEMENTS);
        }
        ZarrGroup.create(dir, attrs);
    }

    static void writeStrings(Path dir, List<String> values, FileWriter files) throws IOException {
        ZarrArrayWriter writer = ZarrArrayWriter.oneDimensional(dir, DataType.STRING, ZarrArrayWriter.DEFAULT_CHUNK,
                Compression.ZLIB, files);
        writer.appendStrings(values);
        writer.finish(attrs("string-array", "0.2.0"));
    }

    static void writeDoubles(Path dir, double[] values, FileWriter files) throws IOException {
        ZarrArrayWriter writer = ZarrArrayWriter.oneDimensional(dir, DataType.FLOAT64, ZarrArrayWriter.DEFAULT_CHUNK,
                Compression.ZLIB, files);
        writer.appendDoubles(values, 0, values.length);
        writer.finish(attrs("array", "0.2.0"));
    }

    /** A column as anndata writes a pandas Series: categorical group, float64 array or string array. */
    static void writeColumn(Path dir, Column column, FileWriter files) throws IOException {
        switch (column) {
            case Column.Numeric numeric -> writeDoubles(dir, numeric.values(), files);
            case Column.Text text -> writeStrings(dir, text.values(), files);
            case Column.Categorical categorical -> {
                Set<String> seen = new HashSet<>();
                for (String category : categorical.categories()) {
                    if (category == null || !seen.add(category)) {
                        throw new IllegalArgumentException("Categories must be distinct and not null (pandas "
                                + "requires it): '" + category + "' is repeated or null");
                    }
                }
                ObjectNode attrs = attrs("categorical", "0.2.0");
                attrs.put("ordered", false);
                ZarrGroup.create(dir, attrs);
                writeStrings(dir.resolve("categories"), categorical.categories(), files);
                int[] codes = categorical.codes();
                ZarrArrayWriter writer = ZarrArrayWriter.oneDimensional(dir.resolve("codes"),
                        DataType.smallestSigned(categorical.categories().size()), ZarrArrayWriter.DEFAULT_CHUNK,
                        Compression.ZLIB, files);
                writer.appendInts(codes, 0, codes.length);
                writer.finish(attrs("array", "0.2.0"));
            }
        }
    }

    /** A dense matrix as a float64 2-D array, chunked by rows. */
    static void writeDense(Path dir, DenseMatrix matrix, FileWriter files) throws IOException {
        int cols = Math.max(1, matrix.cols());
        ZarrArrayWriter writer = ZarrArrayWriter.twoDimensional(dir, DataType.FLOAT64,
                ZarrArrayWriter.rowsPerChunk(cols), cols, Compression.ZLIB, files);
        writer.appendDoubles(matrix.values(), 0, matrix.values().length);
        writer.finish(attrs("array", "0.2.0"));
    }

    /** A data frame group: {@code _index}, one entry per column, {@code column-order}. */
    static void writeDataFrame(Path dir, DataFrame frame, Map<String, String> elements, FileWriter files)
            throws IOException {
        ObjectNode attrs = attrs("dataframe", "0.2.0");
        attrs.put(INDEX, INDEX);
        ArrayNode order = attrs.putArray(COLUMN_ORDER);
        frame.columns().keySet().forEach(order::add);
        if (elements != null) {
            attrs.set(ELEMENTS, Json.of(elements));
        }
        ZarrGroup.create(dir, attrs);
        writeStrings(dir.resolve(INDEX), frame.index(), files);
        for (Map.Entry<String, Column> column : frame.columns().entrySet()) {
            writeColumn(dir.resolve(column.getKey()), column.getValue(), files);
        }
    }

    /** Reads a column written by us or by anndata (categorical, numeric or bool array, string array). */
    static Column readColumn(ZarrStore store, String path) {
        if (ZarrGroup.exists(store, path)) {
            ObjectNode attrs = ZarrGroup.readAttributes(store, path);
            String type = attrs.path(TYPE).asText();
            if (!type.equals("categorical")) {
                throw new ZarrException(path + " is an anndata '" + type + "' element, not a column this reader "
                        + "knows (categorical, numeric, string)");
            }
            List<String> categories = ZarrArray.open(store, ZarrStore.join(path, "categories")).readAllStrings();
            int[] codes = ZarrArray.open(store, ZarrStore.join(path, "codes")).readAllInts();
            return new Column.Categorical(categories, codes);
        }
        ZarrArray array = ZarrArray.open(store, path);
        if (array.metadata().shape().length != 1) {
            throw new ZarrException(path + " is a " + array.metadata().shape().length + "-D array, not a column");
        }
        if (array.metadata().type() == DataType.STRING) {
            return new Column.Text(array.readAllStrings());
        }
        return new Column.Numeric(array.readAllDoubles());
    }

    /** Reads a 2-D (or 1-D, as one column) numeric array into a dense matrix. */
    static DenseMatrix readDense(ZarrStore store, String path) {
        ZarrArray array = ZarrArray.open(store, path);
        int rows = Math.toIntExact(array.length());
        return new DenseMatrix(rows, array.columns(), array.readRows(0, rows));
    }

    /** Reads a data frame group: index and every column of {@code column-order}. */
    static DataFrame readDataFrame(ZarrStore store, String path) {
        ObjectNode attrs = ZarrGroup.readAttributes(store, path);
        String index = attrs.path(INDEX).asText(INDEX);
        List<String> rows = ZarrArray.open(store, ZarrStore.join(path, index)).readAllStrings();
        Map<String, Column> columns = new LinkedHashMap<>();
        for (JsonNode name : attrs.path(COLUMN_ORDER)) {
            columns.put(name.asText(), readColumn(store, ZarrStore.join(path, name.asText())));
        }
        return new DataFrame(rows, columns);
    }

    /** The {@code elements} map of a slot's attributes, display name to id, in stored order. */
    static Map<String, String> elements(ObjectNode attrs) {
        Map<String, String> elements = new LinkedHashMap<>();
        attrs.path(ELEMENTS).properties().forEach(e -> elements.put(e.getKey(), e.getValue().asText()));
        return elements;
    }
}
