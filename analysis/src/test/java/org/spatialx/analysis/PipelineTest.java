package org.spatialx.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.analysis.clustering.LeidenAnalysis;
import org.spatialx.analysis.embeddings.PcaAnalysis;
import org.spatialx.analysis.input.InMemoryAnalysisInput;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.testing.AdjustedRandIndex;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.analysis.testing.RecordingContext;
import org.spatialx.analysis.testing.SyntheticCounts;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.Column;
import org.spatialx.api.data.DenseMatrix;

/**
 * The notebook's chain (PCA, then Leiden on its embedding) on generated counts with known cell types,
 * against the same chain in the Python stack (scanpy's steps written with numpy, scipy, umap-learn,
 * igraph and leidenalg): the clusters must find the truth at least as well (ARI within 0.02).
 */
class PipelineTest {

    @TempDir
    Path folder;

    @Test
    void findsTheCellTypesAsWellAsThePythonStack() throws IOException {
        PythonReference.assumeAvailable();
        SyntheticCounts data;
        try (Workers workers = Workers.of(2)) {
            // close cell types (markers 1.5-3 fold) so that neither side finds them perfectly
            data = SyntheticCounts.generate(8_000, 1_000, SyntheticCounts.Design.of(10).withMarkers(1.5, 3), 99, workers);
        }
        data.write(folder);
        PythonReference.run(1800, "pipeline", folder.toString(), "log1p-normalized", "500", "90", "1.0", "0");
        int[] theirs = Npy.read(folder.resolve("pipeline_labels.npy")).ints();

        InMemoryAnalysisInput input = InMemoryAnalysisInput.builder("DA-generated", data.counts()).threads(2).build();
        PcaAnalysis pca = new PcaAnalysis();
        DenseMatrix embedding = pca.run(new PcaAnalysis.Params(NormalizeMethod.LOG1P_NORMALIZE, null, null, 500), input,
                new RecordingContext(0, 2, "Connector - PCA")).embeddings().get("Connector - PCA");
        InMemoryAnalysisInput withPca = InMemoryAnalysisInput.builder("DA-generated", data.counts())
                .embedding("Connector - PCA", embedding).threads(2).build();
        LeidenAnalysis leiden = new LeidenAnalysis();
        Column.Categorical clusters = (Column.Categorical) leiden.run(
                new LeidenAnalysis.Params("Connector - PCA", 1.0, 90, 1, null), withPca,
                new RecordingContext(0, 2, "Leiden")).obs().get("Leiden");

        double ours = AdjustedRandIndex.of(clusters.codes(), data.truth());
        double python = AdjustedRandIndex.of(theirs, data.truth());
        System.out.printf("pipeline on 8,000 generated cells (10 types): ARI to the truth, ours %.4f, Python stack %.4f;"
                + " ours vs Python %.4f%n", ours, python, AdjustedRandIndex.of(clusters.codes(), theirs));
        assertTrue(ours >= python - 0.02, "ARI " + ours + " vs the Python stack's " + python);
    }
}
