package org.spatialx.formats.matrix;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.formats.testing.ExampleData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts aggregated from the bundled CosMx transcript file (the Lung12 mini set has no exprMat).
 * Reference values computed once with awk on Lung12_tx_file.csv (columns fov, cell_ID, ..., target):
 * {@code awk -F, 'NR>1 && $2!="0" {n++; c[$1"_"$2]++; g[$8]++} END {print n, length(c), length(g)}'}
 * gives 18965 transcripts in 120 (fov, cell) pairs and 980 targets; cell_ID alone takes only 115
 * values, so 5 ids are reused across the two FOVs. Cell 2_113 holds 535 transcripts, 51 of MZT2A;
 * cell 3_287 holds 431.
 */
class TranscriptCountsTest {

    private static final Path TX = ExampleData.bundled("cosmx/Lung12_GiottoData_mini_fov2-3").resolve("Lung12_tx_file.csv");

    @Test
    void cosmxCountsQualifyCellIdsByFovAndLeaveUnassignedTranscriptsOut() throws IOException {
        ExpressionMatrix counts = TranscriptCounts.aggregate(TX);

        assertEquals(120, counts.cellCount());
        assertEquals(980, counts.geneCount());
        assertEquals(18965, counts.total());
        int cell = counts.cellIds().indexOf("2_113");
        assertEquals(535, counts.cellTotal(cell));
        assertEquals(51, value(counts, cell, "MZT2A"));
        assertEquals(431, counts.cellTotal(counts.cellIds().indexOf("3_287")));
        List<String> sorted = new ArrayList<>(counts.geneIds());
        sorted.sort(null);
        assertEquals(sorted, counts.geneIds(), "genes are sorted by name");
    }

    @Test
    void aGzippedCopyCountsTheSame(@TempDir Path temp) throws IOException {
        Path gz = temp.resolve("Lung12_tx_file.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(TX, out);
        }
        ExpressionMatrix plain = TranscriptCounts.aggregate(TX);
        ExpressionMatrix gzipped = TranscriptCounts.aggregate(gz);
        assertEquals(plain.cellIds(), gzipped.cellIds());
        assertEquals(plain.geneIds(), gzipped.geneIds());
        assertEquals(plain.values(), gzipped.values());
        assertTrue(java.util.Arrays.equals(plain.indices(), gzipped.indices()));
    }

    private static double value(ExpressionMatrix m, int cell, String gene) {
        int column = m.geneIds().indexOf(gene);
        for (int i = m.indptr()[cell]; i < m.indptr()[cell + 1]; i++) {
            if (m.indices()[i] == column) {
                return m.values().get(i);
            }
        }
        return 0;
    }
}
