package org.spatialx.technologies.matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spatialx.technologies.transcripts.Transcript;
import org.spatialx.technologies.transcripts.TranscriptReader;

/**
 * A cells x genes count matrix aggregated from a transcript table: how CosMx data without an
 * {@code exprMat} file (or any transcript table) gets its expression matrix. Each transcript in a
 * cell adds 1 to (cell, gene); transcripts outside every cell are left out. Memory grows with the
 * number of cells and genes, never with the number of transcripts.
 */
public final class TranscriptCounts {

    private TranscriptCounts() {
    }

    /** The counts of the transcript table {@code file} (Parquet, CSV or CSV.GZ; see {@link TranscriptReader}). */
    public static ExpressionMatrix aggregate(Path file) throws IOException {
        try (TranscriptReader reader = TranscriptReader.open(file)) {
            return aggregate(reader);
        }
    }

    /**
     * The counts of every remaining transcript: cells in order of first appearance, genes sorted by
     * name (gene ids are the names: transcript tables carry no other id).
     */
    public static ExpressionMatrix aggregate(Iterator<Transcript> transcripts) {
        Map<String, Integer> cellIndex = new HashMap<>();
        List<String> cells = new ArrayList<>();
        Map<String, Integer> geneIndex = new HashMap<>();
        List<String> genesInOrder = new ArrayList<>();
        // per cell: gene index -> count, in an int map kept small with a sorted tree
        List<TreeMap<Integer, Integer>> counts = new ArrayList<>();
        while (transcripts.hasNext()) {
            Transcript t = transcripts.next();
            if (!t.inCell()) {
                continue;
            }
            int cell = cellIndex.computeIfAbsent(t.cellId(), id -> {
                cells.add(id);
                counts.add(new TreeMap<>());
                return cells.size() - 1;
            });
            int gene = geneIndex.computeIfAbsent(t.gene(), name -> {
                genesInOrder.add(name);
                return genesInOrder.size() - 1;
            });
            counts.get(cell).merge(gene, 1, Integer::sum);
        }
        // Columns sorted by gene name, whatever order the genes first appeared in.
        List<String> genes = new ArrayList<>(genesInOrder);
        genes.sort(null);
        int[] column = new int[genesInOrder.size()];
        for (int g = 0; g < genes.size(); g++) {
            column[geneIndex.get(genes.get(g))] = g;
        }
        SparseBuilder builder = new SparseBuilder();
        for (int c = 0; c < cells.size(); c++) {
            for (Map.Entry<Integer, Integer> entry : counts.get(c).entrySet()) {
                builder.add(c, column[entry.getKey()], entry.getValue());
            }
        }
        SparseBuilder.Csr csr = builder.build(cells.size());
        return new ExpressionMatrix(cells, genes, genes, csr.indptr(), csr.indices(), csr.values());
    }
}
