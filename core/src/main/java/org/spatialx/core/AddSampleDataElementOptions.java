package org.spatialx.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional arguments of {@code add_sample_data_element} (protocol 4.3). {@code kwargs} is
 * forwarded (the Python client always sends {@code []}, protocol 11.11 F). {@code studyId} and
 * {@code sampleId} are accepted for notebook call sites that pass them and ignored: the ids are
 * read from {@code data/detail}, as the Python client does.
 *
 * @param paths    element key to server path (default none)
 * @param args     element arguments, e.g. {@code spatial_id} (default none)
 * @param kwargs   processing options (default none)
 * @param tracking follow the submission log until done (default false)
 * @param maxTime  tracking time limit in seconds (default 600)
 * @param studyId  ignored (older call sites)
 * @param sampleId ignored (older call sites)
 */
public record AddSampleDataElementOptions(Map<?, ?> paths, Map<?, ?> args, Map<?, ?> kwargs, boolean tracking,
                                          int maxTime, String studyId, String sampleId) {

    /** Copies the maps in order; null becomes empty. */
    public AddSampleDataElementOptions {
        paths = paths == null ? Map.of() : new LinkedHashMap<>(paths);
        args = args == null ? Map.of() : new LinkedHashMap<>(args);
        kwargs = kwargs == null ? Map.of() : new LinkedHashMap<>(kwargs);
    }

    /** The Python defaults: {@code paths={}, args={}, tracking=False, max_time=600}. */
    public static AddSampleDataElementOptions defaults() {
        return new AddSampleDataElementOptions(Map.of(), Map.of(), Map.of(), false, 600, null, null);
    }

    /** These options with {@code newPaths} and {@code newArgs}. */
    public AddSampleDataElementOptions withPathsAndArgs(Map<?, ?> newPaths, Map<?, ?> newArgs) {
        return new AddSampleDataElementOptions(newPaths, newArgs, kwargs, tracking, maxTime, studyId, sampleId);
    }
}
