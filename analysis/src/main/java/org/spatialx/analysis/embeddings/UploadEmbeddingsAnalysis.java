package org.spatialx.analysis.embeddings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;
import org.spatialx.analysis.DeclaredAnalysis;
import org.spatialx.analysis.ParamChecks;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.analysis.AnalysisGroups;
import org.spatialx.api.analysis.AnalysisInput;
import org.spatialx.api.analysis.AnalysisResult;
import org.spatialx.api.analysis.Required;
import org.spatialx.api.data.DenseMatrix;

/**
 * {@code analysis.embeddings.upload_embeddings(csv_path)}: imports the embeddings of an uploaded file
 * (despite the name, SpatialX documents the server path of an {@code .h5ad}; protocol 7.2).
 *
 * <p>Locally the host resolves {@code csv_path} to a file ({@link AnalysisInput#serverFile}); an
 * {@code .h5ad} gives every two-dimensional numeric {@code obsm} entry under its key, a {@code .csv} or
 * {@code .tsv} (barcodes in the first column) gives its columns grouped by name
 * ({@link ImportedEmbeddings}). Rows are matched to the table's cells by barcode, in any order; a cell
 * of the table without a row, or a barcode given twice, is an error that writes nothing; rows of other
 * cells are ignored (the log counts them).
 */
@Extension
public final class UploadEmbeddingsAnalysis extends DeclaredAnalysis<UploadEmbeddingsAnalysis.Params> {

    /**
     * The wire params (protocol 7.2): no title is sent.
     *
     * @param csvPath the server path of the uploaded file
     */
    public record Params(@Required String csvPath) {
        /** The Python defaults: none. */
        public static Params defaults() {
            return new Params(null);
        }
    }

    /** The kind's declaration. */
    public UploadEmbeddingsAnalysis() {
        super(AnalysisGroups.EMBEDDINGS, "upload_embeddings", "Import Embeddings", "import_embeddings", "embedding",
                Params.defaults(), "Import embeddings from an uploaded .h5ad (obsm) or CSV, matched to the cells by barcode");
    }

    @Override
    public void validate(Params params) {
        ParamChecks.requiredText("csv_path", params.csvPath());
    }

    @Override
    public AnalysisResult run(Params params, AnalysisInput input, AnalysisContext context) {
        validate(params);
        Path file = input.serverFile(params.csvPath());
        context.progress("read", 0);
        ImportedEmbeddings imported = ImportedEmbeddings.read(file);
        List<String> cells = input.cellIds();
        int[] rowOf = rows(imported.barcodes(), cells, file.getFileName().toString(), input.dataId());
        context.checkCancelled();
        AnalysisResult.Builder result = AnalysisResult.builder();
        for (Map.Entry<String, DenseMatrix> entry : imported.embeddings().entrySet()) {
            DenseMatrix values = entry.getValue();
            int dims = values.cols();
            double[] ordered = new double[Math.multiplyExact(cells.size(), dims)];
            for (int cell = 0; cell < cells.size(); cell++) {
                System.arraycopy(values.values(), rowOf[cell] * dims, ordered, cell * dims, dims);
            }
            result.embedding(entry.getKey(), new DenseMatrix(cells.size(), dims, ordered));
            String line = String.format(Locale.ROOT, "Imported embedding '%s': %,d cells x %d dimensions",
                    entry.getKey(), cells.size(), dims);
            context.log(line);
            result.summary(line);
        }
        int ignored = imported.barcodes().size() - cells.size();
        if (ignored > 0) {
            String line = String.format(Locale.ROOT, "%,d rows of %s are not cells of data set %s and were ignored",
                    ignored, file.getFileName(), input.dataId());
            context.log(line);
            result.summary(line);
        }
        context.progress("done", 1);
        return result.build();
    }

    /** The file row of each table cell, by barcode. */
    private static int[] rows(List<String> barcodes, List<String> cells, String file, String dataId) {
        Map<String, Integer> rowOf = new HashMap<>(barcodes.size() * 2);
        for (int row = 0; row < barcodes.size(); row++) {
            Integer previous = rowOf.put(barcodes.get(row), row);
            if (previous != null) {
                throw new AnalysisException(file + " has barcode " + barcodes.get(row) + " twice (rows " + (previous + 1)
                        + " and " + (row + 1) + "); each cell needs exactly one row. Nothing was imported.");
            }
        }
        int[] rows = new int[cells.size()];
        List<String> missing = new ArrayList<>();
        for (int cell = 0; cell < cells.size(); cell++) {
            Integer row = rowOf.get(cells.get(cell));
            if (row == null) {
                missing.add(cells.get(cell));
                rows[cell] = -1;
            } else {
                rows[cell] = row;
            }
        }
        if (!missing.isEmpty()) {
            throw new AnalysisException(String.format(Locale.ROOT, "%s does not match the cells of data set %s:"
                    + " %,d of its %,d cells have no row (e.g. %s), and the file's barcodes look like %s. Import a file"
                    + " whose barcodes are this data set's cell ids. Nothing was imported.", file, dataId, missing.size(), cells.size(),
                    String.join(", ", missing.subList(0, Math.min(3, missing.size()))),
                    String.join(", ", barcodes.subList(0, Math.min(3, barcodes.size())))));
        }
        return rows;
    }
}
