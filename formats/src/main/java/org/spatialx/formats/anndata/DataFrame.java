package org.spatialx.formats.anndata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialx.api.data.Column;

/**
 * A table of named columns over named rows, as anndata stores a data frame: a result table (one row
 * per gene of a differential expression), or obs/var read back whole.
 *
 * @param index   one name per row
 * @param columns the columns in display order, each with one value per row
 */
public record DataFrame(List<String> index, Map<String, Column> columns) {

    /** Copies both and checks that every column has one value per row. */
    public DataFrame {
        index = List.copyOf(index);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        for (Map.Entry<String, Column> column : columns.entrySet()) {
            if (column.getValue().size() != index.size()) {
                throw new IllegalArgumentException("Column '" + column.getKey() + "' has " + column.getValue().size()
                        + " values for " + index.size() + " rows");
            }
        }
    }

    /** Number of rows. */
    public int rowCount() {
        return index.size();
    }

    /** The column {@code name}; fails naming the columns there are. */
    public Column column(String name) {
        Column column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("No column '" + name + "' (columns: " + String.join(", ", columns.keySet())
                    + ")");
        }
        return column;
    }
}
