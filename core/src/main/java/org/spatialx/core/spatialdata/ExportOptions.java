package org.spatialx.core.spatialdata;

/**
 * Options of {@code export_anndata} / {@code export_obs_csv}.
 *
 * @param table the table's display name or id; null for the data set's only table
 */
public record ExportOptions(String table) {

    /** The data set's only table. */
    public static ExportOptions defaults() {
        return new ExportOptions(null);
    }
}
