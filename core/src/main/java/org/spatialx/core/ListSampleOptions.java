package org.spatialx.core;

/**
 * Optional arguments of {@code list_sample} (protocol 8.3; {@code sample/list} query).
 *
 * @param limit    page size (default 50)
 * @param offset   first sample (default 0)
 * @param needData whether the server should include data records (default false)
 */
public record ListSampleOptions(int limit, int offset, boolean needData) {

    /** The Python defaults: {@code limit=50, offset=0, need_data=False}. */
    public static ListSampleOptions defaults() {
        return new ListSampleOptions(50, 0, false);
    }
}
