package org.spatialx.analysis.embeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialx.analysis.input.AnnDataFile;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.DenseMatrix;
import org.spatialx.formats.csv.CsvFile;

/**
 * Embeddings in an uploaded file, with the barcodes of their rows: an AnnData {@code .h5ad} (every
 * two-dimensional numeric entry of {@code obsm}, named by its key, rows named by the {@code obs}
 * index), or a delimited text file ({@code .csv}, {@code .tsv}, {@code .txt}, optionally gzipped) with
 * a header, the barcodes in the first column and numbers in the others. Text columns are grouped into
 * embeddings by name: consecutive {@code UMAP_1, UMAP_2} (a name, then a number) form {@code UMAP};
 * columns without a name before a number ({@code x, y} or {@code 1, 2}) form one embedding named after
 * the file.
 *
 * @param barcodes   one per row
 * @param embeddings name to values, one row per barcode
 */
record ImportedEmbeddings(List<String> barcodes, Map<String, DenseMatrix> embeddings) {

    /** Reads {@code file}, by its extension. */
    static ImportedEmbeddings read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".h5ad")) {
                return h5ad(file);
            }
            if (name.matches(".*\\.(csv|tsv|txt)(\\.gz)?")) {
                return delimited(file);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new AnalysisException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        throw new AnalysisException("Cannot import embeddings from " + file.getFileName() + ": give an AnnData .h5ad"
                + " (embeddings in obsm) or a .csv/.tsv with a barcode column then one column per dimension.");
    }

    private static ImportedEmbeddings h5ad(Path file) {
        AnnDataFile anndata = AnnDataFile.at(file);
        Map<String, DenseMatrix> embeddings = anndata.obsm();
        if (embeddings.isEmpty()) {
            throw new AnalysisException(file.getFileName() + " has no embedding: its obsm holds no two-dimensional"
                    + " numeric array (e.g. X_umap).");
        }
        List<String> barcodes = anndata.obsNames();
        embeddings.forEach((key, matrix) -> {
            if (matrix.rows() != barcodes.size()) {
                throw new AnalysisException(file.getFileName() + ": obsm/" + key + " has " + matrix.rows()
                        + " rows for " + barcodes.size() + " cells in obs.");
            }
        });
        return new ImportedEmbeddings(barcodes, embeddings);
    }

    private static ImportedEmbeddings delimited(Path file) throws IOException {
        char delimiter = ',';
        CsvFile csv = CsvFile.open(file, delimiter);
        List<String> header = csv.next();
        if (header != null && header.size() == 1 && header.get(0).indexOf('\t') >= 0) {
            csv.close();
            delimiter = '\t';
            csv = CsvFile.open(file, delimiter);
            header = csv.next();
        }
        try (CsvFile rows = csv) {
            if (header == null) {
                throw new AnalysisException(file.getFileName() + " is empty.");
            }
            int dims = header.size() - 1;
            if (dims < 1) {
                throw new AnalysisException(file.getFileName() + " has one column; it needs the barcodes, then one"
                        + " column per dimension.");
            }
            List<String> barcodes = new ArrayList<>();
            double[] values = new double[dims * 1024];
            List<String> fields;
            while ((fields = rows.next()) != null) {
                int lineNumber = (int) rows.lineNumber();
                if (fields.size() != dims + 1) {
                    throw new AnalysisException(file.getFileName() + " line " + lineNumber + " has " + fields.size()
                            + " fields; the header has " + (dims + 1) + ".");
                }
                int row = barcodes.size();
                barcodes.add(fields.get(0));
                if ((row + 1) * dims > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                for (int c = 0; c < dims; c++) {
                    values[row * dims + c] = number(fields.get(c + 1), file, lineNumber, header.get(c + 1));
                }
            }
            return new ImportedEmbeddings(barcodes, grouped(header.subList(1, header.size()),
                    Arrays.copyOf(values, barcodes.size() * dims), barcodes.size(), stem(file)));
        }
    }

    private static double number(String field, Path file, int line, String column) {
        try {
            double value = Double.parseDouble(field.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AnalysisException(file.getFileName() + " line " + line + ", column " + column + ": \"" + field
                + "\" is not a finite number.");
    }

    /** Consecutive columns {@code <name><separator?><number>} of the same name form one embedding. */
    private static Map<String, DenseMatrix> grouped(List<String> columns, double[] values, int rows, String fallback) {
        int dims = columns.size();
        List<String> names = columns.stream().map(ImportedEmbeddings::embeddingName).toList();
        Map<String, DenseMatrix> embeddings = new LinkedHashMap<>();
        int start = 0;
        while (start < dims) {
            int end = start + 1;
            while (end < dims && names.get(end).equals(names.get(start))) {
                end++;
            }
            String name = names.get(start).isEmpty() ? fallback : names.get(start);
            double[] part = new double[rows * (end - start)];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * dims + start, part, r * (end - start), end - start);
            }
            String unique = name;
            for (int copy = 1; embeddings.containsKey(unique); copy++) {
                unique = name + " (" + copy + ")";
            }
            embeddings.put(unique, new DenseMatrix(rows, end - start, part));
            start = end;
        }
        return embeddings;
    }

    /** {@code UMAP} for {@code UMAP_1}; empty for a column without a number at its end ({@code x}). */
    private static String embeddingName(String column) {
        String trimmed = column.trim();
        return trimmed.matches(".*\\d") ? trimmed.replaceFirst("[ _.-]*\\d+$", "") : "";
    }

    private static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.(csv|tsv|txt)(\\.gz)?$", "");
    }
}
