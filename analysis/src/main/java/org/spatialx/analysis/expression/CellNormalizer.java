package org.spatialx.analysis.expression;

/**
 * Normalises the counts of one cell after another, computing the value of each small whole count once
 * per cell: a cell's counts repeat (most are 1, 2 or 3), and {@code log1p} is the costly part of reading
 * a normalised matrix. The values are exactly {@link Normalization#apply}'s. One per thread.
 */
public final class CellNormalizer {

    /** Whole counts up to this are cached. */
    private static final int SMALL = 32;

    private final Normalization normalization;
    private final double[] values = new double[SMALL + 1];
    private final long[] cellOf = new long[SMALL + 1];
    private long cell;
    private double divisor;

    /** A normaliser for {@code normalization}. */
    public CellNormalizer(Normalization normalization) {
        this.normalization = normalization;
    }

    /** Starts the next cell, whose counts total {@code cellTotal}. */
    public void startCell(double cellTotal) {
        cell++;
        divisor = normalization.divisor(cellTotal);
    }

    /** The normalised value of {@code count} in the current cell. */
    public double apply(double count) {
        int whole = (int) count;
        if (whole != count || whole < 0 || whole > SMALL) {
            return normalization.apply(count, divisor);
        }
        if (cellOf[whole] != cell) {
            values[whole] = normalization.apply(count, divisor);
            cellOf[whole] = cell;
        }
        return values[whole];
    }
}
