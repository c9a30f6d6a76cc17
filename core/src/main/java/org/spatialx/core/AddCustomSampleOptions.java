package org.spatialx.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional arguments of {@code add_custom_sample} (protocol 4.3). Keys may be
 * {@link org.spatialx.api.SubmissionElementKeys} members or their strings.
 *
 * @param paths    element key to server path (default none)
 * @param args     technology arguments, e.g. {@code mpp} (default none)
 * @param kwargs   processing options (default none)
 * @param tracking follow the submission log until done (default false)
 * @param maxTime  tracking time limit in seconds (default 600)
 */
public record AddCustomSampleOptions(Map<?, ?> paths, Map<?, ?> args, Map<?, ?> kwargs, boolean tracking,
                                     int maxTime) {

    /** Copies the maps in order; null becomes empty. */
    public AddCustomSampleOptions {
        paths = paths == null ? Map.of() : new LinkedHashMap<>(paths);
        args = args == null ? Map.of() : new LinkedHashMap<>(args);
        kwargs = kwargs == null ? Map.of() : new LinkedHashMap<>(kwargs);
    }

    /** The Python defaults: {@code paths={}, args={}, kwargs={}, tracking=False, max_time=600}. */
    public static AddCustomSampleOptions defaults() {
        return new AddCustomSampleOptions(Map.of(), Map.of(), Map.of(), false, 600);
    }
}
