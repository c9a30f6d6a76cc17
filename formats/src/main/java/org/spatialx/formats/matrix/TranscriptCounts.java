package org.spatialx.formats.matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;
import org.spatialx.formats.transcripts.TranscriptReader;

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
        Accumulator counts = new Accumulator();
        while (transcripts.hasNext()) {
            counts.add(transcripts.next());
        }
        return counts.build();
    }

    /**
     * Counts gathered one transcript at a time, for a caller that streams the transcripts elsewhere
     * too (the local server writes them as points and counts them in the same pass).
     */
    public static final class Accumulator {

        private final GeneCounts<String> counts = new GeneCounts<>();

        /** Adds one transcript; one outside every cell is left out. */
        public void add(Transcript transcript) {
            if (transcript.inCell()) {
                counts.add(transcript.cellId(), transcript.gene(), 1);
            }
        }

        /** The counts so far: cells in order of first appearance, genes sorted by name. */
        public ExpressionMatrix build() {
            return counts.build(null, cell -> cell).matrix();
        }
    }
}
