package org.spatialx.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.spatialx.api.analysis.Analysis;

/** The built-in kinds are PF4J extensions found the way the host finds them (META-INF/extensions.idx). */
class AnalysisExtensionsTest {

    @TempDir
    Path plugins;

    @Test
    void pf4jFindsEveryKindOfProtocol72() {
        PluginManager manager = new DefaultPluginManager(plugins);
        @SuppressWarnings("rawtypes")
        List<Analysis> kinds = manager.getExtensions(Analysis.class);
        Set<String> names = kinds.stream().map(kind -> kind.group() + "." + kind.name()).collect(Collectors.toSet());
        assertEquals(Set.of("embeddings.pca", "embeddings.scvi", "embeddings.umap", "embeddings.tsne",
                "embeddings.upload_embeddings", "clustering.louvain", "clustering.leiden", "clustering.kmeans",
                "prediction.metadata_reference", "prediction.deconvolution", "de.differential_expression_genes",
                "spatial_analysis.region_segmentation", "spatial_analysis.neighborhood_analysis"), names);
    }
}
