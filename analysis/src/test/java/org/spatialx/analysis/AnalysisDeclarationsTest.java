package org.spatialx.analysis;

import org.spatialx.api.PythonNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.spatialx.analysis.clustering.KMeansAnalysis;
import org.spatialx.analysis.de.DifferentialExpressionAnalysis;
import org.spatialx.analysis.embeddings.ScviAnalysis;
import org.spatialx.analysis.embeddings.TsneAnalysis;
import org.spatialx.analysis.embeddings.UmapAnalysis;
import org.spatialx.analysis.embeddings.UploadEmbeddingsAnalysis;
import org.spatialx.analysis.prediction.DeconvolutionAnalysis;
import org.spatialx.analysis.prediction.MetadataReferenceAnalysis;
import org.spatialx.analysis.spatial.NeighborhoodAnalysis;
import org.spatialx.analysis.spatial.RegionSegmentationAnalysis;
import org.spatialx.api.analysis.Analysis;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.CallOnly;
import org.spatialx.api.analysis.DataIds;
import org.spatialx.api.analysis.Derived;
import org.spatialx.api.analysis.LocalKeyword;
import org.spatialx.api.analysis.Required;

/**
 * Pins every kind of this module against protocol 7.2, in the style of Trino's
 * {@code assertRecordedDefaults}: group, name, default title, sub_type, group_type, the wire params in
 * order with their Python defaults and roles, and whether extra keyword arguments join the params. A
 * changed default or a reordered param fails here.
 */
class AnalysisDeclarationsTest {

    enum Role { PARAM, REQUIRED, DERIVED, CALL_ONLY, CALL_ONLY_REQUIRED, LOCAL_KEYWORD }

    record Param(String wireName, Object pythonDefault, Role role) {
    }

    record Declaration(String group, String name, String defaultTitle, String subType, String groupType,
            boolean extraKeywordsInParams, List<Param> params) {
    }

    private static Param param(String wireName, Object pythonDefault) {
        return new Param(wireName, pythonDefault, Role.PARAM);
    }

    private static Param required(String wireName) {
        return new Param(wireName, null, Role.REQUIRED);
    }

    private static Param derived(String wireName) {
        return new Param(wireName, null, Role.DERIVED);
    }

    /** Protocol 7.2, row by row (PCA, Louvain and Leiden are pinned where they are built). */
    private static final Map<Class<?>, Declaration> PROTOCOL_7_2 = new LinkedHashMap<>();

    static {
        PROTOCOL_7_2.put(ScviAnalysis.class, new Declaration("embeddings", "scvi", "scVI", "scVI", "embedding", true,
                List.of(param("n_latents", 20), param("name", null), param("batch_key", null),
                        param("n_top_genes", 2000))));
        PROTOCOL_7_2.put(UmapAnalysis.class, new Declaration("embeddings", "umap", "UMAP", "UMAP", "embedding", true,
                List.of(required("embedding_key"), param("n_neighbors", 15), param("local_connectivity", 1),
                        param("init", "pca"), param("deterministic", true), param("name", null))));
        PROTOCOL_7_2.put(TsneAnalysis.class, new Declaration("embeddings", "tsne", "t-SNE", "t-SNE", "embedding", true,
                List.of(required("embedding_key"), param("n_neighbors", 90), param("local_connectivity", 1),
                        param("init", "pca"), param("perplexity", 30.0), param("name", null))));
        PROTOCOL_7_2.put(UploadEmbeddingsAnalysis.class, new Declaration("embeddings", "upload_embeddings",
                "Import Embeddings", "import_embeddings", "embedding", true, List.of(required("csv_path"))));
        PROTOCOL_7_2.put(KMeansAnalysis.class, new Declaration("clustering", "kmeans", "k-means", "k-means",
                "clustering", true, List.of(required("embedding_key"), required("n_clusters"), param("name", null))));
        PROTOCOL_7_2.put(DifferentialExpressionAnalysis.class, new Declaration("de", "differential_expression_genes",
                "DE genes", "de_genes", "deg", true,
                List.of(new Param("data_id_1", null, Role.CALL_ONLY_REQUIRED),
                        new Param("data_id_2", null, Role.CALL_ONLY_REQUIRED),
                        required("group_1_indices"), required("group_2_indices"), param("group_1_name", "Group 1"),
                        param("group_2_name", "Group 2"), param("method", "venice"),
                        param("normalize_method", "log1p-normalized"), derived("sample_id_1"), derived("sample_id_2"),
                        derived("table_id_1"), derived("table_id_2"), param("name", null))));
        PROTOCOL_7_2.put(MetadataReferenceAnalysis.class, new Declaration("prediction", "metadata_reference",
                "Metadata Reference", "celltype_prediction", "prediction", true,
                List.of(required("cluster_key"), param("anno_type", "sub"), required("species"), param("name", null),
                        new Param("reference", null, Role.LOCAL_KEYWORD),
                        new Param("reference_label", null, Role.LOCAL_KEYWORD))));
        PROTOCOL_7_2.put(DeconvolutionAnalysis.class, new Declaration("prediction", "deconvolution", "Deconvolution",
                "deconvolution", "prediction", false,
                List.of(required("model_id"), param("name", null), param("n_cells_per_location", 30),
                        param("detection_alpha", 20.0))));
        PROTOCOL_7_2.put(RegionSegmentationAnalysis.class, new Declaration("spatial_analysis", "region_segmentation",
                "Region Segmentation", "segmentation_by_spatial_correlation", "svg", true,
                List.of(required("radius"), required("mpp"), param("resolution", 0.5), required("species"),
                        derived("transcripts_id"), derived("spots_id"), param("name", null))));
        // sub_type with the defaults (no annotation_key): the deconvolution variant
        PROTOCOL_7_2.put(NeighborhoodAnalysis.class, new Declaration("spatial_analysis", "neighborhood_analysis",
                "Neighborhood Analysis", "deconvolution_neighborhood_analysis", "neighborhood", false,
                List.of(required("radius"), required("mpp"), param("annotation_key", ""),
                        param("deconvolution_key", ""), param("tau", null), param("n_centroids", 30),
                        param("name", null))));
    }

    @TempDir
    Path plugins;

    @Test
    void everyKindIsFoundByPf4jAndMatchesProtocol72() {
        PluginManager manager = new DefaultPluginManager(plugins);
        List<Analysis> found = new ArrayList<>();
        for (Object extension : manager.getExtensions(Analysis.class)) {
            found.add((Analysis) extension);
        }
        for (Class<?> kind : PROTOCOL_7_2.keySet()) {
            assertTrue(found.stream().anyMatch(kind::isInstance), kind.getSimpleName() + " is not a PF4J extension");
        }
        for (Analysis analysis : found) {
            Declaration expected = PROTOCOL_7_2.get(analysis.getClass());
            if (expected != null) {
                assertEquals(expected, declarationOf(analysis), analysis.getClass().getSimpleName());
            }
        }
        List<String> names = found.stream().map(a -> a.group() + "." + a.name()).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "a group.name twice: " + names);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Declaration declarationOf(Analysis analysis) {
        Record defaults = analysis.defaults();
        assertEquals(analysis.paramsType(), defaults.getClass());
        List<Param> params = new ArrayList<>();
        for (RecordComponent component : defaults.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            Role role = component.isAnnotationPresent(CallOnly.class)
                    ? (component.isAnnotationPresent(Required.class) ? Role.CALL_ONLY_REQUIRED : Role.CALL_ONLY)
                    : component.isAnnotationPresent(Required.class) ? Role.REQUIRED
                    : component.isAnnotationPresent(Derived.class) ? Role.DERIVED
                    : component.isAnnotationPresent(LocalKeyword.class) ? Role.LOCAL_KEYWORD : Role.PARAM;
            if (role != Role.PARAM && role != Role.CALL_ONLY) {
                assertEquals(null, value, component.getName() + " has no Python default");
            }
            params.add(new Param(PythonNames.snakeCase(component.getName()), value, role));
        }
        return new Declaration(analysis.group(), analysis.name(), analysis.defaultTitle(), analysis.subType(defaults),
                analysis.groupType(), analysis.extraKeywordsInParams(), params);
    }

    @Test
    void neighborhoodSubTypeFollowsTheKeyGiven() {
        NeighborhoodAnalysis kind = new NeighborhoodAnalysis();
        NeighborhoodAnalysis.Params byCellType = new NeighborhoodAnalysis.Params(50.0, 0.2125, "cell type", "", null, 30, null);
        NeighborhoodAnalysis.Params byDeconvolution = new NeighborhoodAnalysis.Params(50.0, 0.2125, "", "Deconvolution", 0.5, 30, null);
        assertEquals("neighborhood_proportions_analysis", kind.subType(byCellType));
        assertEquals("deconvolution_neighborhood_analysis", kind.subType(byDeconvolution));
        kind.validate(byCellType);
        kind.validate(byDeconvolution);
        String neither = assertThrows(AnalysisException.class, () -> kind.validate(
                new NeighborhoodAnalysis.Params(50.0, 0.2125, "", "", null, 30, null))).getMessage();
        String both = assertThrows(AnalysisException.class, () -> kind.validate(
                new NeighborhoodAnalysis.Params(50.0, 0.2125, "cell type", "Deconvolution", null, 30, null))).getMessage();
        assertTrue(neither.startsWith("Request exactly one of `annotation_key` or `deconvolution_key`"), neither);
        assertTrue(neither.contains("neither"), neither);
        assertTrue(both.contains("both"), both);
    }

    @Test
    void defaultOutputNamesFollowSpatialXListings() {
        // the notebook's listings: "UMAP - n_neighbors=15", "t-SNE - perplexity=30", "scVI - 20 latents - 486 top genes"
        assertEquals("UMAP - n_neighbors=15", new UmapAnalysis().defaultOutputName(UmapAnalysis.Params.defaults()));
        assertEquals("t-SNE - perplexity=30", new TsneAnalysis().defaultOutputName(TsneAnalysis.Params.defaults()));
        assertEquals("scVI - 20 latents - 486 top genes",
                new ScviAnalysis().defaultOutputName(new ScviAnalysis.Params(20, null, null, 486)));
        assertEquals("k-means clustering - n_clusters=5",
                new KMeansAnalysis().defaultOutputName(new KMeansAnalysis.Params("PCA", 5, null)));
        assertEquals("MetaReference prediction",
                new MetadataReferenceAnalysis().defaultOutputName(MetadataReferenceAnalysis.Params.defaults()));
        assertEquals("Region segmentation - radius=50 - resolution=0.5", new RegionSegmentationAnalysis()
                .defaultOutputName(new RegionSegmentationAnalysis.Params(50.0, 0.2125, 0.5, "human", null, null, null)));
        assertEquals("DE genes - Group 1 vs Group 2 - wilcoxon", new DifferentialExpressionAnalysis()
                .defaultOutputName(DifferentialExpressionAnalysis.Params.defaults().withMethod("wilcoxon")));
        assertEquals("Import Embeddings",
                new UploadEmbeddingsAnalysis().defaultOutputName(new UploadEmbeddingsAnalysis.Params("/up/x.h5ad")));
    }

    @Test
    void differentialExpressionIsAboutDataSet1AndResolvesBothTables() {
        DifferentialExpressionAnalysis kind = new DifferentialExpressionAnalysis();
        DifferentialExpressionAnalysis.Params call = DifferentialExpressionAnalysis.Params.defaults()
                .withGroups("DA-1", List.of(0, 1, 2), "DA-2", List.of(0, 1));
        assertEquals(Optional.of("DA-1"), kind.dataId(call));
        Map<String, DataIds> records = Map.of(
                "DA-1", new DataIds("ST-1", "SP-1", "DA-1", Optional.of("TB-1"), Map.of("annotated_data", List.of("TB-1"))),
                "DA-2", new DataIds("ST-1", "SP-2", "DA-2", Optional.of("TB-2"), Map.of("annotated_data", List.of("TB-2"))));
        DifferentialExpressionAnalysis.Params resolved = kind.resolve(call, Optional.empty(), records::get);
        assertEquals(List.of("SP-1", "SP-2", "TB-1", "TB-2"),
                List.of(resolved.sampleId1(), resolved.sampleId2(), resolved.tableId1(), resolved.tableId2()));
        assertEquals(call.group1Indices(), resolved.group1Indices());
        // explicit ids win over derived ones (protocol 7.1)
        DifferentialExpressionAnalysis.Params explicit = new DifferentialExpressionAnalysis.Params("DA-1", "DA-2",
                List.of(0), List.of(1), "A", "B", "t-test", "raw", "SP-X", null, "TB-X", null, null);
        DifferentialExpressionAnalysis.Params kept = kind.resolve(explicit, Optional.empty(), records::get);
        assertEquals(List.of("SP-X", "SP-2", "TB-X", "TB-2"),
                List.of(kept.sampleId1(), kept.sampleId2(), kept.tableId1(), kept.tableId2()));
        // protocol 7.1's errors when the table is not unique
        Map<String, DataIds> ambiguous = Map.of("DA-1", new DataIds("ST-1", "SP-1", "DA-1", Optional.empty(),
                Map.of("annotated_data", List.of("TB-1", "TB-9"))), "DA-2", records.get("DA-2"));
        String many = assertThrows(AnalysisException.class, () -> kind.resolve(call, Optional.empty(), ambiguous::get))
                .getMessage();
        assertTrue(many.startsWith("Found too many annotated data in data DA-1: [TB-1, TB-9]. Please identify an ID by `table_id_1=...`"), many);
        Map<String, DataIds> none = Map.of("DA-1", new DataIds("ST-1", "SP-1", "DA-1", Optional.empty(), Map.of()),
                "DA-2", records.get("DA-2"));
        assertEquals("Not found any annotated data in data DA-1.",
                assertThrows(AnalysisException.class, () -> kind.resolve(call, Optional.empty(), none::get)).getMessage());
        assertTrue(call.toString().contains("group1Indices=[3 cells]"), call.toString());
    }

    @Test
    void regionSegmentationResolvesElementsFromTheCallsDataId() {
        RegionSegmentationAnalysis kind = new RegionSegmentationAnalysis();
        RegionSegmentationAnalysis.Params call = new RegionSegmentationAnalysis.Params(50.0, 0.2125, 0.5, "human",
                null, null, null);
        DataIds xenium = new DataIds("ST-1", "SP-1", "DA-1", Optional.of("TB-1"), Map.of(
                "transcripts", List.of("TX-1", "TX-2"), "annotated_data", List.of("TB-1")));
        RegionSegmentationAnalysis.Params resolved = kind.resolve(call, Optional.of("DA-1"), id -> {
            assertEquals("DA-1", id);
            return xenium;
        });
        assertEquals("TX-1", resolved.transcriptsId());
        assertEquals(null, resolved.spotsId());
        // without a data id (the Python SDK's documented call) nothing can be resolved: both stay null
        assertEquals(call, kind.resolve(call, Optional.empty(), id -> {
            throw new AssertionError("no lookup without a data id");
        }));
    }

    @Test
    void badParamsAreRejectedWithTheParamAndTheFix() {
        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("Missing `embedding_key`", () -> new UmapAnalysis().validate(UmapAnalysis.Params.defaults()));
        cases.put("Unknown init \"tsne\": use one of pca, spectral, random", () -> new UmapAnalysis().validate(
                new UmapAnalysis.Params("PCA", 15, 1, "tsne", true, null)));
        cases.put("`n_neighbors` must be at least 2, got 1", () -> new TsneAnalysis().validate(
                new TsneAnalysis.Params("PCA", 1, 1, "pca", 30.0, null)));
        cases.put("`perplexity` must be a positive number, got -5.0", () -> new TsneAnalysis().validate(
                new TsneAnalysis.Params("PCA", 90, 1, "pca", -5.0, null)));
        cases.put("`n_clusters` must be at least 1, got 0", () -> new KMeansAnalysis().validate(
                new KMeansAnalysis.Params("PCA", 0, null)));
        cases.put("`embedding_key` is empty", () -> new KMeansAnalysis().validate(new KMeansAnalysis.Params(" ", 3, null)));
        cases.put("Unknown species \"cat\": use one of human, mouse, others, nonHumanPrimate",
                () -> new MetadataReferenceAnalysis().validate(new MetadataReferenceAnalysis.Params("Louvain", "sub", "cat", null)));
        cases.put("Unknown anno_type \"minor\": use one of sub, major", () -> new MetadataReferenceAnalysis().validate(
                new MetadataReferenceAnalysis.Params("Louvain", "minor", "human", null)));
        cases.put("`radius` must be a positive number, got 0.0", () -> new RegionSegmentationAnalysis().validate(
                new RegionSegmentationAnalysis.Params(0.0, 0.2, 0.5, "human", null, null, null)));
        cases.put("Missing `model_id`", () -> new DeconvolutionAnalysis().validate(DeconvolutionAnalysis.Params.defaults()));
        cases.put("Unknown method \"deseq2\": use one of venice, t-test, wilcoxon", () -> new DifferentialExpressionAnalysis()
                .validate(DifferentialExpressionAnalysis.Params.defaults().withGroups("DA-1", List.of(0), "DA-1", List.of(1))
                        .withMethod("deseq2")));
        cases.put("Unknown normalize_method \"log2\": use one of raw, log1p-normalized, sqrt-normalized",
                () -> new DifferentialExpressionAnalysis().validate(DifferentialExpressionAnalysis.Params.defaults()
                        .withGroups("DA-1", List.of(0), "DA-1", List.of(1)).withNormalizeMethod("log2")));
        cases.put("`group_2_indices` is empty", () -> new DifferentialExpressionAnalysis().validate(
                DifferentialExpressionAnalysis.Params.defaults().withGroups("DA-1", List.of(0), "DA-1", List.of())));
        cases.put("group_1_indices and group_2_indices are the same 2 cells of DA-1", () -> new DifferentialExpressionAnalysis()
                .validate(DifferentialExpressionAnalysis.Params.defaults().withGroups("DA-1", List.of(3, 4), "DA-1", List.of(4, 3))));
        cases.put("`group_1_indices` lists cell 3 twice", () -> new DifferentialExpressionAnalysis().validate(
                DifferentialExpressionAnalysis.Params.defaults().withGroups("DA-1", List.of(3, 3), "DA-1", List.of(4))));
        cases.put("`group_1_indices` has -1 at position 0", () -> new DifferentialExpressionAnalysis().validate(
                DifferentialExpressionAnalysis.Params.defaults().withGroups("DA-1", List.of(-1), "DA-1", List.of(4))));
        cases.forEach((expected, call) -> {
            String message = assertThrows(AnalysisException.class, call::run).getMessage();
            assertTrue(message.startsWith(expected), "expected \"" + expected + "\", got \"" + message + "\"");
        });
        // the same cells of two different data sets are two groups
        new DifferentialExpressionAnalysis().validate(DifferentialExpressionAnalysis.Params.defaults()
                .withGroups("DA-1", List.of(3, 4), "DA-2", List.of(3, 4)));
        assertFalse(Arrays.asList(new ScviAnalysis(), new DeconvolutionAnalysis()).stream()
                .anyMatch(Analysis::runsLocally));
    }
}
