package org.spatialx.analysis.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.spatialx.api.data.Column;

/** Per-cell labels (clusters, cell types) from a column, whether stored as categories or as text. */
public final class LabelColumns {

    private LabelColumns() {
    }

    /**
     * {@code column} as categories: a categorical column as it is; text with its distinct values, sorted,
     * as categories (a missing value has code -1); null for a numeric column.
     */
    public static Column.Categorical categorical(Column column) {
        if (column instanceof Column.Categorical categorical) {
            return categorical;
        }
        if (column instanceof Column.Text text) {
            return ofText(text.values());
        }
        return null;
    }

    /** Labels from text values, the distinct values sorted as categories, null a missing value. */
    public static Column.Categorical ofText(List<String> values) {
        Map<String, Integer> codes = new TreeMap<>();
        values.stream().filter(Objects::nonNull).forEach(v -> codes.put(v, 0));
        List<String> categories = new ArrayList<>(codes.keySet());
        for (int i = 0; i < categories.size(); i++) {
            codes.put(categories.get(i), i);
        }
        return new Column.Categorical(categories, values.stream().mapToInt(v -> v == null ? -1 : codes.get(v)).toArray());
    }
}
