package org.spatialx.analysis.de;

import java.util.Arrays;
import org.spatialx.analysis.WorkerPool;
import org.spatialx.analysis.expression.Normalization;
import org.spatialx.api.analysis.AnalysisContext;
import org.spatialx.api.analysis.AnalysisException;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.MatrixValues;

/**
 * Tests every gene between two groups of cells, reading the sparse counts as they are (cells x genes
 * rows) without a dense copy: the groups' non-zero values are gathered one block of genes at a time
 * (a block holds at most {@link #BLOCK_VALUES} values), each row read once over all blocks through a
 * cursor, then the genes of the block are tested in parallel.
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
     * @param scores    the z-score (Wilcoxon) or t statistic; 0 where undefined, as scanpy sets NaN scores
     * @param pValues   two-sided p-values; 1 where undefined
     * @param means1    mean normalised expression in group 1, zeros included
     * @param means2    the same in group 2
     * @param fractions1 fraction of group 1's cells where the gene is non-zero
     * @param fractions2 the same in group 2
     */
    record Statistics(double[] scores, double[] pValues, double[] means1, double[] means2, double[] fractions1,
            double[] fractions2) {
    }

    /** Values gathered per block of genes: 4 Mi doubles, 32 MiB. */
    static final int BLOCK_VALUES = 1 << 22;
    /** Rows per piece of the gathering passes. */
    private static final int PIECE_ROWS = 4096;
    /** Genes per piece of the testing pass. */
    private static final int PIECE_GENES = 4;

    private final CellGroup first;
    private final CellGroup second;
    private final int genes;
    private final Normalization normalization;
    private final Test test;
    private final WorkerPool pool;
    private final AnalysisContext context;
    /** Pieces 0 .. firstPieces-1 hold group 1's rows, the others group 2's. */
    private final int firstPieces;
    private final int pieces;

    DifferentialExpression(CellGroup first, CellGroup second, Normalization normalization, Test test, WorkerPool pool,
            AnalysisContext context) {
        this.first = first;
        this.second = second;
        this.genes = first.columns().length;
        this.normalization = normalization;
        this.test = test;
        this.pool = pool;
        this.context = context;
        this.firstPieces = pieceCount(first.size());
        this.pieces = firstPieces + pieceCount(second.size());
    }

    private static int pieceCount(int rows) {
        return (rows + PIECE_ROWS - 1) / PIECE_ROWS;
    }

    /** One piece of rows of one group. */
    private final class Piece {
        final CellGroup group;
        final int from;
        final int to;
        final int[] positionOfColumn;
        final boolean ascending;

        Piece(int piece, Side[] sides) {
            Side side = piece < firstPieces ? sides[0] : sides[1];
            int local = piece < firstPieces ? piece : piece - firstPieces;
            this.group = side.group;
            this.from = local * PIECE_ROWS;
            this.to = Math.min(group.size(), from + PIECE_ROWS);
            this.positionOfColumn = side.positionOfColumn;
            this.ascending = side.ascending;
        }
    }

    /** What the passes need of one group. */
    private record Side(CellGroup group, int[] positionOfColumn, boolean ascending) {
        static Side of(CellGroup group) {
            return new Side(group, group.positionOfColumn(), group.columnsAscending());
        }
    }

    Statistics run() {
        Side[] sides = first.counts() == second.counts() && Arrays.equals(first.columns(), second.columns())
                ? sameSide(Side.of(first), second) : new Side[] {Side.of(first), Side.of(second)};
        Piece[] pieceOf = new Piece[pieces];
        for (int piece = 0; piece < pieces; piece++) {
            pieceOf[piece] = new Piece(piece, sides);
        }
        // pass 1: per-cell divisors, non-zero counts per (piece, gene), whether each piece's rows are sorted
        double[][] divisors = new double[pieces][];
        int[][] nonZero = new int[pieces][genes];
        boolean[] sorted = new boolean[pieces];
        context.progress("reading the groups", 0);
        pool.forEach(pieces, (worker, piece) -> {
            context.checkCancelled();
            Piece p = pieceOf[piece];
            divisors[piece] = new double[p.to - p.from];
            sorted[piece] = count(p, divisors[piece], nonZero[piece]);
        });
        int[] nonZero1 = new int[genes];
        int[] nonZero2 = new int[genes];
        for (int piece = 0; piece < pieces; piece++) {
            int[] target = piece < firstPieces ? nonZero1 : nonZero2;
            for (int gene = 0; gene < genes; gene++) {
                target[gene] += nonZero[piece][gene];
            }
        }
        // pass 2, block by block: gather each gene's values (group 1's then group 2's), then test the genes
        Statistics statistics = new Statistics(new double[genes], new double[genes], new double[genes],
                new double[genes], new double[genes], new double[genes]);
        int[][] cursors = new int[pieces][];
        for (int piece = 0; piece < pieces; piece++) {
            Piece p = pieceOf[piece];
            int[] indptr = p.group.counts().indptr();
            cursors[piece] = new int[p.to - p.from];
            for (int r = p.from; r < p.to; r++) {
                cursors[piece][r - p.from] = indptr[p.group.rows()[r]];
            }
        }
        int[][] writeAt = new int[pieces][genes];
        int[] start1 = new int[genes];
        int[] start2 = new int[genes];
        double[] values = null;
        double[][] welch = new double[pool.threads()][2];
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
                for (int piece = 0; piece < firstPieces; piece++) {
                    writeAt[piece][gene] = offset;
                    offset += nonZero[piece][gene];
                }
                start2[gene] = offset;
                for (int piece = firstPieces; piece < pieces; piece++) {
                    writeAt[piece][gene] = offset;
                    offset += nonZero[piece][gene];
                }
            }
            if (values == null || values.length < offset) {
                values = new double[Math.max(offset, values == null ? 0 : values.length)];
            }
            double[] block = values;
            int g0 = blockStart;
            int g1 = blockEnd;
            pool.forEach(pieces, (worker, piece) -> {
                context.checkCancelled();
                gather(pieceOf[piece], g0, g1, sorted[piece], divisors[piece], cursors[piece], writeAt[piece], block);
            });
            int testPieces = (g1 - g0 + PIECE_GENES - 1) / PIECE_GENES;
            pool.forEach(testPieces, (worker, testPiece) -> {
                context.checkCancelled();
                int from = g0 + testPiece * PIECE_GENES;
                for (int gene = from; gene < Math.min(g1, from + PIECE_GENES); gene++) {
                    testGene(gene, block, start1[gene], nonZero1[gene], start2[gene], nonZero2[gene], statistics,
                            welch[worker]);
                }
            });
            context.progress("testing genes", (double) blockEnd / genes);
            blockStart = blockEnd;
        }
        return statistics;
    }

    private static Side[] sameSide(Side side, CellGroup second) {
        return new Side[] {side, new Side(second, side.positionOfColumn(), side.ascending())};
    }

    /**
     * Counts one piece's non-zero values per tested gene and fills its cells' divisors; returns whether
     * every row of the piece is sorted by column. Rejects values the normalisation cannot take.
     */
    private boolean count(Piece p, double[] divisors, int[] nonZero) {
        ExpressionMatrix counts = p.group.counts();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        MatrixValues stored = counts.values();
        boolean sortedRows = true;
        for (int r = p.from; r < p.to; r++) {
            int row = p.group.rows()[r];
            double total = 0;
            int previous = -1;
            for (int i = indptr[row]; i < indptr[row + 1]; i++) {
                double value = stored.get(i);
                if (!(value >= 0) && (normalization != Normalization.RAW || Double.isNaN(value))) {
                    throw new AnalysisException("Cell " + counts.cellIds().get(row) + " has the value " + value
                            + " for gene " + counts.geneNames().get(indices[i]) + ": "
                            + (Double.isNaN(value) ? "missing values cannot be tested"
                                    : "normalisation needs non-negative counts (use normalize_method=\"raw\")")
                            + ".");
                }
                total += value;
                int column = indices[i];
                sortedRows &= column > previous;
                previous = column;
                int gene = p.positionOfColumn[column];
                if (gene >= 0 && value != 0) {
                    nonZero[gene]++;
                }
            }
            divisors[r - p.from] = normalization.divisor(total);
        }
        return sortedRows;
    }

    /**
     * Writes one piece's normalised non-zero values of genes {@code [g0, g1)} into {@code block}. With
     * sorted rows and genes in column order, each row continues from its cursor and stops at the block's
     * last column; otherwise the whole row is scanned.
     */
    private void gather(Piece p, int g0, int g1, boolean sortedRows, double[] divisors, int[] cursors, int[] writeAt,
            double[] block) {
        ExpressionMatrix counts = p.group.counts();
        int[] indptr = counts.indptr();
        int[] indices = counts.indices();
        MatrixValues stored = counts.values();
        int[] position = p.positionOfColumn;
        int lastColumn = p.group.columns()[g1 - 1];
        boolean resume = sortedRows && p.ascending;
        for (int r = p.from; r < p.to; r++) {
            int row = p.group.rows()[r];
            double divisor = divisors[r - p.from];
            int end = indptr[row + 1];
            int i = resume ? cursors[r - p.from] : indptr[row];
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
                    block[writeAt[gene]++] = normalization.apply(value, divisor);
                }
            }
            if (resume) {
                cursors[r - p.from] = i;
            }
        }
    }

    private void testGene(int gene, double[] block, int start1, int count1, int start2, int count2,
            Statistics statistics, double[] welch) {
        int n1 = first.size();
        int n2 = second.size();
        double mean1 = sum(block, start1, count1) / n1;
        double mean2 = sum(block, start2, count2) / n2;
        statistics.means1()[gene] = mean1;
        statistics.means2()[gene] = mean2;
        statistics.fractions1()[gene] = (double) count1 / n1;
        statistics.fractions2()[gene] = (double) count2 / n2;
        double score;
        double pValue;
        if (test == Test.WILCOXON) {
            Arrays.sort(block, start1, start1 + count1);
            Arrays.sort(block, start2, start2 + count2);
            score = GeneTests.rankSumZ(block, start1, count1, n1, start2, count2, n2);
            pValue = GeneTests.normalPValue(score);
        } else {
            GeneTests.welch(mean1, variance(block, start1, count1, n1, mean1), n1,
                    mean2, variance(block, start2, count2, n2, mean2), n2, welch);
            score = welch[0];
            pValue = welch[1];
        }
        // scanpy: scores[np.isnan(scores)] = 0, pvals[np.isnan(pvals)] = 1
        statistics.scores()[gene] = Double.isNaN(score) ? 0 : score;
        statistics.pValues()[gene] = Double.isNaN(pValue) ? 1 : pValue;
    }

    /** Compensated (Neumaier) sum: as accurate as numpy's pairwise sums, so that t agrees with scipy's. */
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

    /** Sample variance ({@code ddof=1}) of {@code n} values: {@code count} stored ones, the rest zeros. */
    private static double variance(double[] values, int from, int count, int n, double mean) {
        double squares = 0;
        double compensation = 0;
        for (int i = from; i < from + count; i++) {
            double delta = values[i] - mean;
            double term = delta * delta;
            double t = squares + term;
            compensation += squares >= term ? (squares - t) + term : (term - t) + squares;
            squares = t;
        }
        squares += compensation + (double) (n - count) * mean * mean;
        return squares / (n - 1);
    }
}
