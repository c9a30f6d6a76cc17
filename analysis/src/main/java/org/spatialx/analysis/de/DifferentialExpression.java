package org.spatialx.analysis.de;

import java.util.Arrays;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.expression.CellNormalizer;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * Tests every gene between two groups of cells, reading the sparse counts as they are (cells x genes
 * rows, never densified). The groups' rows are cut into pieces that the threads share; partial results
 * are combined in piece order, so the result does not depend on the number of threads. Each task allocates
 * its own scratch (a normaliser, partial sums): objects of two threads side by side in the heap would share
 * cache lines that every write bounces between the cores.
 *
 * <ul>
 *   <li>t-test: one pass over the rows gathers each gene's count, mean and sum of squared deviations
 *       (Welford within a piece, Chan et al.'s pairwise combination across pieces and with the zeros);</li>
 *   <li>Wilcoxon: the groups' non-zero values are gathered one block of genes at a time (at most
 *       {@link #BLOCK_VALUES} values), each row resuming where the previous block stopped, then each gene's
 *       values are sorted and ranked, the zeros forming one tie group.</li>
 * </ul>
 */
final class DifferentialExpression {

    /** The test. */
    enum Test {
        /** Wilcoxon rank-sum with tie correction, normal approximation (scanpy's {@code wilcoxon}). */
        WILCOXON,
        /** Welch's t-test (scanpy's {@code t-test}). */
        T_TEST
    }

    /**
     * Per-gene results, in tested-gene order.
     *
     * @param scores     the z-score (Wilcoxon) or t statistic; 0 where undefined, as scanpy sets NaN scores
     * @param pValues    two-sided p-values; 1 where undefined
     * @param means1     mean normalised expression in group 1, zeros included
     * @param means2     the same in group 2
     * @param fractions1 fraction of group 1's cells where the gene is non-zero
     * @param fractions2 the same in group 2
     */
    record Statistics(double[] scores, double[] pValues, double[] means1, double[] means2, double[] fractions1,
            double[] fractions2) {
    }

    /** Values gathered per block of genes: 4 Mi doubles, 32 MiB. */
    static final int BLOCK_VALUES = 1 << 22;
    /** Rows per piece of the passes over the rows, at most (at least 512: small inputs still make several pieces). */
    private static final int PIECE_ROWS = 4096;
    /** Pieces whose per-gene partial results are held at once by the t-test's pass (then combined). */
    private static final int PIECES_AT_ONCE = 16;
    /** Genes per task of the testing passes. */
    private static final int GENES_PER_TASK = 4;

    private final CellGroup first;
    private final CellGroup second;
    private final int genes;
    private final Normalization normalization;
    private final Test test;
    private final Workers pool;
    private final AnalysisContext context;
    private final Piece[] pieces;
    /** Pieces 0 .. firstPieces-1 hold group 1's rows, the others group 2's. */
    private final int firstPieces;

    DifferentialExpression(CellGroup first, CellGroup second, Normalization normalization, Test test, Workers pool,
            AnalysisContext context) {
        this.first = first;
        this.second = second;
        this.genes = first.columns().length;
        this.normalization = normalization;
        this.test = test;
        this.pool = pool;
        this.context = context;
        Side side1 = Side.of(first);
        Side side2 = first.counts() == second.counts() && Arrays.equals(first.columns(), second.columns())
                ? new Side(second, side1.positionOfColumn(), side1.ascending()) : Side.of(second);
        // the pieces depend on the input's size only (never on the thread count): about 64 of them, 512 to 4096 rows
        int rowsPerPiece = Math.clamp((first.size() + second.size() + 63L) / 64, 512, PIECE_ROWS);
        this.firstPieces = (first.size() + rowsPerPiece - 1) / rowsPerPiece;
        this.pieces = new Piece[firstPieces + (second.size() + rowsPerPiece - 1) / rowsPerPiece];
        for (int piece = 0; piece < pieces.length; piece++) {
            boolean inFirst = piece < firstPieces;
            int from = (inFirst ? piece : piece - firstPieces) * rowsPerPiece;
            Side side = inFirst ? side1 : side2;
            pieces[piece] = new Piece(side, from, Math.min(side.group().size(), from + rowsPerPiece));
        }
    }

    /** What the passes need of one group. */
    private record Side(CellGroup group, int[] positionOfColumn, boolean ascending) {
        static Side of(CellGroup group) {
            return new Side(group, group.positionOfColumn(), group.columnsAscending());
        }
    }

    /** Rows {@code from .. to-1} of one group. */
    private record Piece(Side side, int from, int to) {
        int size() {
            return to - from;
        }
    }

    Statistics run() {
        Statistics statistics = new Statistics(new double[genes], new double[genes], new double[genes],
                new double[genes], new double[genes], new double[genes]);
        context.progress("reading the groups", 0);
        if (test == Test.T_TEST) {
            welchByRows(statistics);
        } else {
            rankSumsByBlocks(statistics);
        }
        return statistics;
    }

    /** The t-test: per-gene moments of both groups in one pass over the rows. */
    private void welchByRows(Statistics statistics) {
        Moments group1 = new Moments(genes);
        Moments group2 = new Moments(genes);
        for (int wave = 0; wave < pieces.length; wave += PIECES_AT_ONCE) {
            int count = Math.min(PIECES_AT_ONCE, pieces.length - wave);
            Moments[] partial = new Moments[count];
            int start = wave;
            pool.forEach(count, index -> {
                context.checkCancelled();
                partial[index] = moments(pieces[start + index], new CellNormalizer(normalization));
            });
            for (int index = 0; index < count; index++) {
                (start + index < firstPieces ? group1 : group2).add(partial[index]);
            }
            context.progress("reading the groups", 0.9 * (wave + count) / pieces.length);
        }
        pool.forEach((genes + GENES_PER_TASK - 1) / GENES_PER_TASK, task -> {
            double[] welch = new double[2];
            for (int gene = task * GENES_PER_TASK; gene < Math.min(genes, (task + 1) * GENES_PER_TASK); gene++) {
                GeneTests.welch(group1.mean[gene], group1.variance(gene), first.size(), group2.mean[gene],
                        group2.variance(gene), second.size(), welch);
                record(statistics, gene, welch[0], welch[1], group1.mean[gene], group2.mean[gene],
                        (double) group1.nonZero[gene] / first.size(), (double) group2.nonZero[gene] / second.size());
            }
        });
        context.progress("testing genes", 1);
    }

    /**
     * Count, mean and sum of squared deviations from the mean ({@code M2}) of each gene over a set of
     * cells, zeros included, and how many of them are non-zero.
     */
    private static final class Moments {
        final long[] count;
        final double[] mean;
        final double[] m2;
        final long[] nonZero;

        Moments(int genes) {
            count = new long[genes];
            mean = new double[genes];
            m2 = new double[genes];
            nonZero = new long[genes];
        }

        /** Chan, Golub and LeVeque's combination of two sets' moments, gene by gene. */
        void add(Moments other) {
            for (int gene = 0; gene < count.length; gene++) {
                long n = count[gene] + other.count[gene];
                if (n == 0) {
                    continue;
                }
                double delta = other.mean[gene] - mean[gene];
                m2[gene] += other.m2[gene] + delta * delta * ((double) count[gene] * other.count[gene] / n);
                mean[gene] += delta * ((double) other.count[gene] / n);
                count[gene] = n;
                nonZero[gene] += other.nonZero[gene];
            }
        }

        /** Sample variance ({@code ddof=1}). */
        double variance(int gene) {
            return m2[gene] / (count[gene] - 1);
        }
    }

    /** One piece's moments: Welford's updates over the non-zero values, then the zeros added. */
    private Moments moments(Piece piece, CellNormalizer normalizer) {
        Moments moments = new Moments(genes);
        long[] nonZero = moments.nonZero;
        double[] mean = moments.mean;
        double[] m2 = moments.m2;
        ExpressionMatrix counts = piece.side().group().counts();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        MatrixValues stored = counts.values();
        int[] position = piece.side().positionOfColumn();
        int[] rows = piece.side().group().rows();
        for (int r = piece.from(); r < piece.to(); r++) {
            int row = rows[r];
            normalizer.startCell(checkedTotal(counts, row));
            for (int i = indptr[row]; i < indptr[row + 1]; i++) {
                int gene = position[indices[i]];
                double value = stored.get(i);
                if (gene < 0 || value == 0) {
                    continue;
                }
                double normalized = normalizer.apply(value);
                long n = ++nonZero[gene];
                double delta = normalized - mean[gene];
                mean[gene] += delta / n;
                m2[gene] += delta * (normalized - mean[gene]);
            }
        }
        long rowsOfPiece = piece.size();
        for (int gene = 0; gene < genes; gene++) {
            // the piece's zeros: rowsOfPiece - nonZero values of 0 (Chan's combination with mean 0, M2 0)
            long n = nonZero[gene];
            m2[gene] += mean[gene] * mean[gene] * ((double) n * (rowsOfPiece - n) / rowsOfPiece);
            mean[gene] *= (double) n / rowsOfPiece;
            moments.count[gene] = rowsOfPiece;
        }
        return moments;
    }

    /** The Wilcoxon test: count the non-zero values, then gather, sort and rank them block by block. */
    private void rankSumsByBlocks(Statistics statistics) {
        int[][] nonZero = new int[pieces.length][];
        boolean[] sorted = new boolean[pieces.length];
        double[][] totals = new double[pieces.length][];
        pool.forEach(pieces.length, piece -> {
            context.checkCancelled();
            totals[piece] = new double[pieces[piece].size()];
            nonZero[piece] = new int[genes];
            sorted[piece] = count(pieces[piece], totals[piece], nonZero[piece]);
        });
        int[] nonZero1 = new int[genes];
        int[] nonZero2 = new int[genes];
        for (int piece = 0; piece < pieces.length; piece++) {
            int[] target = piece < firstPieces ? nonZero1 : nonZero2;
            for (int gene = 0; gene < genes; gene++) {
                target[gene] += nonZero[piece][gene];
            }
        }
        int[][] cursors = new int[pieces.length][];
        for (int piece = 0; piece < pieces.length; piece++) {
            Piece p = pieces[piece];
            int[] indptr = p.side().group().counts().indptr();
            cursors[piece] = new int[p.size()];
            for (int r = p.from(); r < p.to(); r++) {
                cursors[piece][r - p.from()] = indptr[p.side().group().rows()[r]];
            }
        }
        int[][] writeAt = new int[pieces.length][genes];
        int[] start1 = new int[genes];
        int[] start2 = new int[genes];
        double[] values = new double[0];
        for (int blockStart = 0; blockStart < genes; ) {
            int blockEnd = blockStart;
            long size = 0;
            do {
                size += (long) nonZero1[blockEnd] + nonZero2[blockEnd];
                blockEnd++;
            } while (blockEnd < genes && size + nonZero1[blockEnd] + nonZero2[blockEnd] <= BLOCK_VALUES);
            int offset = 0;
            for (int gene = blockStart; gene < blockEnd; gene++) {
                start1[gene] = offset;
                for (int piece = 0; piece < pieces.length; piece++) {
                    if (piece == firstPieces) {
                        start2[gene] = offset;
                    }
                    writeAt[piece][gene] = offset;
                    offset += nonZero[piece][gene];
                }
                if (firstPieces == pieces.length) {
                    start2[gene] = offset;
                }
            }
            if (values.length < offset) {
                values = new double[offset];
            }
            double[] block = values;
            int g0 = blockStart;
            int g1 = blockEnd;
            pool.forEach(pieces.length, piece -> {
                context.checkCancelled();
                gather(pieces[piece], g0, g1, sorted[piece], totals[piece], cursors[piece], writeAt[piece], block,
                        new CellNormalizer(normalization));
            });
            pool.forEach((g1 - g0 + GENES_PER_TASK - 1) / GENES_PER_TASK, task -> {
                context.checkCancelled();
                int from = g0 + task * GENES_PER_TASK;
                for (int gene = from; gene < Math.min(g1, from + GENES_PER_TASK); gene++) {
                    rankGene(gene, block, start1[gene], nonZero1[gene], start2[gene], nonZero2[gene], statistics);
                }
            });
            context.progress("testing genes", (double) blockEnd / genes);
            blockStart = blockEnd;
        }
    }

    /** The counts' total of one cell, rejecting values the normalisation cannot take. */
    private double checkedTotal(ExpressionMatrix counts, int row) {
        MatrixValues stored = counts.values();
        double total = 0;
        for (int i = counts.indptr()[row]; i < counts.indptr()[row + 1]; i++) {
            double value = stored.get(i);
            if (!(value >= 0) && (normalization != Normalization.RAW || Double.isNaN(value))) {
                throw new AnalysisException("Cell " + counts.cellIds().get(row) + " has the value " + value
                        + " for gene " + counts.geneNames().get(counts.indices()[i]) + ": "
                        + (Double.isNaN(value) ? "missing values cannot be tested"
                                : "normalisation needs non-negative counts (use normalize_method=\"raw\")")
                        + ".");
            }
            total += value;
        }
        return total;
    }

    /**
     * Counts one piece's non-zero values per tested gene and fills its cells' totals; returns whether every
     * row of the piece is sorted by column.
     */
    private boolean count(Piece p, double[] totals, int[] nonZero) {
        ExpressionMatrix counts = p.side().group().counts();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        MatrixValues stored = counts.values();
        int[] position = p.side().positionOfColumn();
        boolean sortedRows = true;
        for (int r = p.from(); r < p.to(); r++) {
            int row = p.side().group().rows()[r];
            totals[r - p.from()] = checkedTotal(counts, row);
            int previous = -1;
            for (int i = indptr[row]; i < indptr[row + 1]; i++) {
                int column = indices[i];
                sortedRows &= column > previous;
                previous = column;
                int gene = position[column];
                if (gene >= 0 && stored.get(i) != 0) {
                    nonZero[gene]++;
                }
            }
        }
        return sortedRows;
    }

    /**
     * Writes one piece's normalised non-zero values of genes {@code [g0, g1)} into {@code block}. With
     * sorted rows and genes in column order, each row continues from its cursor and stops at the block's
     * last column; otherwise the whole row is scanned.
     */
    private static void gather(Piece p, int g0, int g1, boolean sortedRows, double[] totals, int[] cursors,
            int[] writeAt, double[] block, CellNormalizer normalizer) {
        ExpressionMatrix counts = p.side().group().counts();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        MatrixValues stored = counts.values();
        int[] position = p.side().positionOfColumn();
        int lastColumn = p.side().group().columns()[g1 - 1];
        boolean resume = sortedRows && p.side().ascending();
        for (int r = p.from(); r < p.to(); r++) {
            int row = p.side().group().rows()[r];
            normalizer.startCell(totals[r - p.from()]);
            int end = indptr[row + 1];
            int i = resume ? cursors[r - p.from()] : indptr[row];
            for (; i < end; i++) {
                int column = indices[i];
                if (resume && column > lastColumn) {
                    break;
                }
                int gene = position[column];
                if (gene < g0 || gene >= g1) {
                    continue;
                }
                double value = stored.get(i);
                if (value != 0) {
                    block[writeAt[gene]++] = normalizer.apply(value);
                }
            }
            if (resume) {
                cursors[r - p.from()] = i;
            }
        }
    }

    private void rankGene(int gene, double[] block, int start1, int count1, int start2, int count2,
            Statistics statistics) {
        int n1 = first.size();
        int n2 = second.size();
        Arrays.sort(block, start1, start1 + count1);
        Arrays.sort(block, start2, start2 + count2);
        double score = GeneTests.rankSumZ(block, start1, count1, n1, start2, count2, n2);
        record(statistics, gene, score, GeneTests.normalPValue(score), sum(block, start1, count1) / n1,
                sum(block, start2, count2) / n2, (double) count1 / n1, (double) count2 / n2);
    }

    /** Stores one gene's results; scanpy's {@code scores[isnan] = 0}, {@code pvals[isnan] = 1}. */
    private static void record(Statistics statistics, int gene, double score, double pValue, double mean1,
            double mean2, double fraction1, double fraction2) {
        statistics.scores()[gene] = Double.isNaN(score) ? 0 : score;
        statistics.pValues()[gene] = Double.isNaN(pValue) ? 1 : pValue;
        statistics.means1()[gene] = mean1;
        statistics.means2()[gene] = mean2;
        statistics.fractions1()[gene] = fraction1;
        statistics.fractions2()[gene] = fraction2;
    }

    /** Compensated (Neumaier) sum: as accurate as numpy's pairwise sums. */
    private static double sum(double[] values, int from, int count) {
        double sum = 0;
        double compensation = 0;
        for (int i = from; i < from + count; i++) {
            double value = values[i];
            double t = sum + value;
            compensation += Math.abs(sum) >= Math.abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }
}
