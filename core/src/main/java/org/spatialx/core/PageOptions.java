package org.spatialx.core;

/**
 * Paging of the detail calls {@code get_study_detail}, {@code get_sample_detail} and
 * {@code get_sample_data_detail} (sent as {@code limit} and {@code offset}).
 *
 * @param limit  page size (Python default 50)
 * @param offset first entry (Python default 0)
 */
public record PageOptions(int limit, int offset) {

    /** The Python defaults: {@code limit=50, offset=0}. */
    public static PageOptions defaults() {
        return new PageOptions(50, 0);
    }
}
