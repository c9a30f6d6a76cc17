package org.spatialx.analysis.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.input.AnnDataFile;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.testing.RealMatrices;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SpatialDomains;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * metadata_reference: the bundled Human Reference Atlas markers name clusters whose cells express a cell
 * type's markers (sub and major level, human and mouse symbols); a given reference (another data set, or
 * squidpy's real Visium h5ad with its leiden labels) names clusters by correlation; bad input is a clear error.
 */
class MetadataReferenceTest {

    private static final MetadataReferenceAnalysis KIND = new MetadataReferenceAnalysis();
    private static final List<String> TYPES = List.of("Plasma cell", "Type II pneumocyte", "Mast cell",
            "Oligodendrocyte", "Cardiac muscle cell", "Podocyte");
    private static final List<String> MAJOR = List.of("B cell", "Epithelial cell", "Myeloid cell", "Glial cell",
            "Muscle cell", "Epithelial cell");

    @TempDir
    Path uploads;

    /**
     * Cells of the six types: every gene of the bundled reference plus 200 others is a column; a cell of a type
     * raises a random 70% of that type's markers 6-fold over a log-normal base; counts are Poisson.
     */
    private static InMemoryAnalysisInput generated(int cells, long seed, boolean mouse, String dataId) {
        MarkerReference reference = MarkerReference.bundled();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        reference.types().forEach(t -> names.addAll(t.markers()));
        for (int g = 0; g < 200; g++) {
            names.add("BACKGROUND" + g);
        }
        List<String> genes = names.stream().map(n -> mouse ? n.charAt(0) + n.substring(1).toLowerCase() : n).toList();
        // the genes' base expression and each type's raised markers are biology: the same in every data set
        SplittableRandom biology = new SplittableRandom(42);
        double[] base = genes.stream().mapToDouble(g -> Math.exp(-2 + biology.nextGaussian())).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        List<String> geneList = new ArrayList<>(names);
        double[][] mean = new double[TYPES.size()][];
        for (int t = 0; t < TYPES.size(); t++) {
            mean[t] = base.clone();
            String type = TYPES.get(t);
            for (String marker : reference.types().stream().filter(c -> c.name().equals(type)).findFirst()
                    .orElseThrow().markers()) {
                if (biology.nextDouble() < 0.7) {
                    mean[t][geneList.indexOf(marker)] *= 6;
                }
            }
        }
        int[] truth = new int[cells];
        int[] indptr = new int[cells + 1];
        List<Integer> indices = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            truth[c] = c % TYPES.size();
            for (int g = 0; g < genes.size(); g++) {
                int count = SpatialDomains.poisson(mean[truth[c]][g] * 4, random);
                if (count > 0) {
                    indices.add(g);
                    values.add(count);
                }
            }
            indptr[c + 1] = indices.size();
        }
        List<String> ids = IntStream.range(0, cells).mapToObj(c -> dataId + "-cell" + c).toList();
        ExpressionMatrix counts = new ExpressionMatrix(ids, genes, genes, indptr,
                indices.stream().mapToInt(Integer::intValue).toArray(),
                new MatrixValues.Ints(values.stream().mapToInt(Integer::intValue).toArray()));
        return InMemoryAnalysisInput.builder(dataId, counts)
                .obs("clusters", Column.Categorical.ofClusters(truth))
                .obs("cell type", new Column.Text(Arrays.stream(truth).mapToObj(TYPES::get).toList()))
                .threads(2).build();
    }

    private static List<String> predictions(AnalysisResult result, String name) {
        Map<String, Column> table = result.tables().get(name + " - scores");
        return ((Column.Text) table.get("prediction")).values();
    }

    @Test
    void bundledMarkersNameTheClustersOfHumanAndMouseCells() {
        for (boolean mouse : new boolean[] {false, true}) {
            InMemoryAnalysisInput input = generated(600, 5, mouse, "DA-" + (mouse ? "mouse" : "human"));
            String species = mouse ? "mouse" : "human";
            AnalysisResult sub = KIND.run(new MetadataReferenceAnalysis.Params("clusters", "sub", species, null), input,
                    new RecordingContext(0, 2, "MetaReference prediction"));
            assertEquals(TYPES, predictions(sub, "MetaReference prediction"), species + ": " + sub.summary());
            AnalysisResult major = KIND.run(new MetadataReferenceAnalysis.Params("clusters", "major", species, null),
                    input, new RecordingContext(0, 2, "MetaReference prediction"));
            assertEquals(MAJOR, predictions(major, "MetaReference prediction"), species + ": " + major.summary());
            // every cell carries its cluster's label
            Column.Categorical cells = (Column.Categorical) sub.obs().get("MetaReference prediction");
            for (int i = 0; i < cells.size(); i++) {
                assertEquals(TYPES.get(i % TYPES.size()), cells.label(i));
            }
        }
    }

    @Test
    void aReferenceDataSetNamesClustersByCorrelation() {
        InMemoryAnalysisInput reference = generated(300, 11, false, "DA-reference");
        InMemoryAnalysisInput query = InMemoryAnalysisInput.builder("DA-query", generated(600, 12, false, "DA-query")
                .counts()).obs("clusters", Column.Categorical.ofClusters(IntStream.range(0, 600)
                        .map(c -> c % TYPES.size()).toArray())).dataSet(reference).threads(2).build();
        AnalysisResult result = KIND.run(new MetadataReferenceAnalysis.Params("clusters", "sub", "human", "Named",
                "DA-reference", "cell type"), query, new RecordingContext(0, 2, "Named"));
        assertEquals(TYPES, predictions(result, "Named"), result.summary().toString());
        double[] scores = ((Column.Numeric) result.tables().get("Named - scores").get("score")).values();
        assertTrue(Arrays.stream(scores).allMatch(s -> s > 0.5), Arrays.toString(scores));
    }

    @Test
    void anUploadedH5adReferenceNamesTheRealClustersItWasLabelledWith() throws IOException {
        Path h5ad = Files.copy(RealMatrices.bundled("anndata_h5ad/squidpy_visium_V1_Adult_Mouse_Brain_subset/test_data.h5ad"),
                uploads.resolve("reference.h5ad"));
        AnnDataFile file = AnnDataFile.at(h5ad);
        Column.Categorical leiden = file.obsLabels("leiden");
        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-visium", file.counts())
                .obs("leiden", leiden).files(uploads).threads(2).build();
        AnalysisResult result = KIND.run(new MetadataReferenceAnalysis.Params("leiden", "sub", "mouse", null,
                "/reference.h5ad", "leiden"), input, new RecordingContext(0, 2, "MetaReference prediction"));
        assertEquals(leiden.categories(), predictions(result, "MetaReference prediction"), result.summary().toString());
    }

    @Test
    void badInputIsAClearError() {
        InMemoryAnalysisInput input = generated(60, 1, false, "DA-1");
        Map<String, MetadataReferenceAnalysis.Params> cases = new java.util.LinkedHashMap<>();
        cases.put("has no metadata column 'Louvain' for cluster_key; its columns are: clusters, cell type",
                new MetadataReferenceAnalysis.Params("Louvain", "sub", "human", null));
        cases.put("`reference_label` names a column of a reference",
                new MetadataReferenceAnalysis.Params("clusters", "sub", "human", null, null, "cell type"));
        cases.put("Missing `reference_label`",
                new MetadataReferenceAnalysis.Params("clusters", "sub", "human", null, "DA-2", null));
        cases.put("Data set DA-2 is not available next to DA-1",
                new MetadataReferenceAnalysis.Params("clusters", "sub", "human", null, "DA-2", "cell type"));
        cases.put("This server cannot give analyses the file /up/atlas.h5ad",
                new MetadataReferenceAnalysis.Params("clusters", "sub", "human", null, "/up/atlas.h5ad", "cell type"));
        cases.forEach((expected, params) -> {
            String message = assertThrows(AnalysisException.class,
                    () -> KIND.run(params, input, new RecordingContext(0, 1, "x"))).getMessage();
            assertTrue(message.contains(expected), "expected \"" + expected + "\" in \"" + message + "\"");
        });
        List<String> genes = IntStream.range(0, 20).mapToObj(g -> "gene" + g).toList();
        ExpressionMatrix anonymous = new ExpressionMatrix(List.of("a", "b"), genes, genes, new int[] {0, 1, 2},
                new int[] {0, 1}, new MatrixValues.Ints(new int[] {3, 4}));
        InMemoryAnalysisInput noMarkers = InMemoryAnalysisInput.builder("DA-3", anonymous)
                .obs("clusters", Column.Categorical.ofClusters(new int[] {0, 1})).build();
        String message = assertThrows(AnalysisException.class, () -> KIND.run(new MetadataReferenceAnalysis.Params(
                "clusters", "sub", "human", null), noMarkers, new RecordingContext(0, 1, "x"))).getMessage();
        assertTrue(message.contains("pass reference=... (an uploaded .h5ad or a data id)"), message);
    }
}
