package org.spatialx.formats.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.csv.CsvFile;
import org.spatialx.formats.nanostring.CosmxCellIds;

/**
 * Reads dense count tables written as CSV, streaming row by row into a sparse matrix: MERSCOPE
 * {@code cell_by_gene.csv}, CosMx {@code *_exprMat_file.csv} (cells are rows) and Slide-seq
 * {@code MappedDGEForR.csv} (genes are rows).
 */
public final class DelimitedMatrix {

    private DelimitedMatrix() {
    }

    /** MERSCOPE {@code cell_by_gene.csv}: first column the cell id, one column per gene. */
    public static ExpressionMatrix readMerscopeCellByGene(Path file) {
        return readCellsAsRows(file, 1, row -> row.get(0), row -> false);
    }

    /**
     * CosMx {@code *_exprMat_file.csv}: columns {@code fov, cell_ID}, then genes; cell ids are
     * {@code <fov>_<cell_ID>}, and the {@code cell_ID 0} rows (transcripts outside any cell) are skipped.
     */
    public static ExpressionMatrix readCosmxExprMat(Path file) {
        return readCellsAsRows(file, 2, row -> CosmxCellIds.qualified(row.get(0), row.get(1)),
                row -> row.get(1).trim().equals(CosmxCellIds.UNASSIGNED));
    }

    private static ExpressionMatrix readCellsAsRows(Path path, int idColumns,
            java.util.function.Function<List<String>, String> cellId,
            java.util.function.Predicate<List<String>> skip) {
        try (CsvFile file = CsvFile.open(path)) {
            List<String> header = file.next();
            if (header == null || header.size() <= idColumns) {
                throw new IllegalArgumentException(path + " has no gene columns");
            }
            List<String> genes = header.subList(idColumns, header.size());
            List<String> cells = new ArrayList<>();
            SparseBuilder builder = new SparseBuilder();
            for (List<String> row = file.next(); row != null; row = file.next()) {
                if (skip.test(row)) {
                    continue;
                }
                int cell = cells.size();
                cells.add(cellId.apply(row));
                for (int g = 0; g < genes.size(); g++) {
                    builder.add(cell, g, file.number(row, g + idColumns, genes.get(g)));
                }
            }
            SparseBuilder.Csr csr = builder.build(cells.size());
            return new ExpressionMatrix(cells, genes, genes, csr.indptr(), csr.indices(), csr.values());
        }
    }

    /** Slide-seq {@code MappedDGEForR.csv}: genes are rows (first column the gene), beads are columns. */
    public static ExpressionMatrix readGenesAsRows(Path path) {
        try (CsvFile file = CsvFile.open(path)) {
            List<String> header = file.next();
            if (header == null || header.size() < 2) {
                throw new IllegalArgumentException(path + " has no bead columns");
            }
            List<String> beads = header.subList(1, header.size());
            List<String> genes = new ArrayList<>();
            SparseBuilder builder = new SparseBuilder();
            for (List<String> row = file.next(); row != null; row = file.next()) {
                int gene = genes.size();
                genes.add(row.get(0));
                for (int b = 0; b < beads.size(); b++) {
                    builder.add(b, gene, file.number(row, b + 1, beads.get(b)));
                }
            }
            SparseBuilder.Csr csr = builder.build(beads.size());
            return new ExpressionMatrix(beads, genes, genes, csr.indptr(), csr.indices(), csr.values());
        }
    }
}
