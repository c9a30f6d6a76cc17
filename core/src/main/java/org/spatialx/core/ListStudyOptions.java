package org.spatialx.core;

/**
 * Optional arguments of {@code list_study} (protocol 8.2; {@code study/list} form fields).
 *
 * @param limit   page size (default 50)
 * @param offset  first study (default 0; the Python docstring's 50 is wrong, protocol 11.22)
 * @param active  status threshold (default 2 = processing, see {@link org.spatialx.api.StudyStatus})
 * @param compare how {@code active} compares (default 1 = not larger, see {@link org.spatialx.api.StudyFilter})
 */
public record ListStudyOptions(int limit, int offset, int active, int compare) {

    /** The Python defaults: {@code limit=50, offset=0, active=2, compare=1} (every study not deleted). */
    public static ListStudyOptions defaults() {
        return new ListStudyOptions(50, 0, 2, 1);
    }

    /** These options with another page. */
    public ListStudyOptions withPage(int newLimit, int newOffset) {
        return new ListStudyOptions(newLimit, newOffset, active, compare);
    }
}
