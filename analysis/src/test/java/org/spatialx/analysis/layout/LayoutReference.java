package org.spatialx.analysis.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.analysis.testing.Npy;
import org.spatialx.analysis.testing.PythonReference;
import org.spatialx.api.data.DenseMatrix;

/**
 * The Python side of the layout comparisons ({@code src/test/python/layout_reference.py}): umap-learn's UMAP,
 * scikit-learn's TSNE, and trustworthiness with kNN preservation measured by scikit-learn on our layouts and
 * theirs alike.
 */
final class LayoutReference {

    /** sklearn.manifold.trustworthiness and the kNN preservation of one layout. */
    record Quality(double trustworthiness, double preservation) {
    }

    private final Path folder;
    private final DenseMatrix embedding;
    private final Path embeddingFile;

    /** Writes {@code embedding} into {@code folder} for the Python side. */
    LayoutReference(Path folder, DenseMatrix embedding) {
        this.folder = folder;
        this.embedding = embedding;
        this.embeddingFile = folder.resolve("embedding.npy");
        write(embeddingFile, embedding);
    }

    /** umap-learn's layout with {@code n_neighbors} and {@code init}. */
    DenseMatrix umapLearn(int nNeighbors, String init, long seed) {
        return run("umap", nNeighbors, init, seed);
    }

    /** scikit-learn's TSNE with {@code perplexity} and {@code init}. */
    DenseMatrix sklearnTsne(double perplexity, String init, long seed) {
        return run("tsne", perplexity, init, seed);
    }

    private DenseMatrix run(String method, Object setting, String init, long seed) {
        Path out = folder.resolve(method + "-python.npy");
        try {
            PythonReference.script("layout_reference.py", method, embeddingFile, embedding.rows(), embedding.cols(),
                    out, setting, init, seed);
            double[] values = Npy.read(out).values();
            return new DenseMatrix(values.length / 2, 2, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, DenseMatrix matrix) {
        try {
            Npy.write(file, matrix.values(), matrix.rows(), matrix.cols());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The quality of each layout on the same {@code sample} cells, with {@code k} neighbours. */
    List<Quality> quality(int k, int sample, List<DenseMatrix> layouts) {
        List<Object> args = new ArrayList<>(List.of("trustworthiness", embeddingFile, embedding.rows(), embedding.cols()));
        for (int i = 0; i < layouts.size(); i++) {
            Path file = folder.resolve("layout-" + i + ".npy");
            write(file, layouts.get(i));
            args.add(file);
        }
        args.addAll(List.of(k, sample, 7));
        List<String> lines;
        try {
            lines = PythonReference.script("layout_reference.py", args.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.stream().map(line -> line.trim().split("\\s+"))
                .map(parts -> new Quality(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]))).toList();
    }
}
