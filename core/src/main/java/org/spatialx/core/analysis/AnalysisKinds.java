package org.spatialx.core.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.spatialx.api.analysis.Analysis;

/** Where the connector's analysis kinds come from when its host gives none. */
public final class AnalysisKinds {

    private AnalysisKinds() {
    }

    /**
     * The {@link Analysis} extensions on the class path (PF4J's {@code META-INF/extensions.idx}), sorted
     * by group and name: the built-in kinds when the analysis module is there. Plugins are loaded by the
     * hosts that have a plugins folder (the shell, the local server) and passed in
     * {@link org.spatialx.core.ConnectorOptions.Builder#analyses}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Analysis<?>> onClassPath() {
        // no plugins folder: a DefaultPluginManager() would load ./plugins of the working directory
        DefaultPluginManager manager = new DefaultPluginManager(List.of());
        List<Analysis<?>> kinds = new ArrayList<>((List) manager.getExtensions(Analysis.class));
        kinds.sort(Comparator.comparing((Analysis<?> kind) -> kind.group()).thenComparing(Analysis::name));
        return List.copyOf(kinds);
    }
}
