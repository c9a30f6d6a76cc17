package org.spatialx.formats.transcripts;

import java.util.List;
import java.util.Optional;

/**
 * The column names of a transcript table.
 *
 * @param gene   gene column
 * @param x      x column
 * @param y      y column
 * @param z      z column, or {@code null}
 * @param cell   cell id column, or {@code null}
 * @param unit   unit of x/y: {@code um} or {@code px}
 * @param fov    the field-of-view column that qualifies a cell id unique only within its FOV
 *               (CosMx), or {@code null}
 */
public record TranscriptColumns(String gene, String x, String y, String z, String cell, String unit, String fov) {

    /** Columns whose cell ids are unique in the whole table (no FOV qualifier). */
    public TranscriptColumns(String gene, String x, String y, String z, String cell, String unit) {
        this(gene, x, y, z, cell, unit, null);
    }

    /** Xenium {@code transcripts.csv.gz}. */
    public static final TranscriptColumns XENIUM =
            new TranscriptColumns("feature_name", "x_location", "y_location", "z_location", "cell_id", "um");
    /** CosMx {@code *_tx_file.csv}, global pixel positions; {@code cell_ID} counts from 1 in every FOV. */
    public static final TranscriptColumns COSMX =
            new TranscriptColumns("target", "x_global_px", "y_global_px", "z", "cell_ID", "px", "fov");
    /** MERSCOPE {@code detected_transcripts.csv}, global micron positions. */
    public static final TranscriptColumns MERSCOPE =
            new TranscriptColumns("gene", "global_x", "global_y", "global_z", "cell_id", "um");

    /** The known layout whose gene, x and y columns are all in {@code header}. */
    public static Optional<TranscriptColumns> detect(List<String> header) {
        for (TranscriptColumns columns : List.of(XENIUM, COSMX, MERSCOPE)) {
            if (header.contains(columns.gene) && header.contains(columns.x) && header.contains(columns.y)) {
                return Optional.of(columns);
            }
        }
        return Optional.empty();
    }
}
