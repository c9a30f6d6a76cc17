package org.spatialx.analysis.expression;

import org.spatialx.api.NormalizeMethod;

/**
 * What an analysis's {@code normalize_method} does to the counts of one cell (protocol 5.4),
 * computed per value so that a sparse matrix stays sparse (every method maps 0 to 0).
 * {@code log1p-normalized} is scanpy's {@code normalize_total(target_sum=1e4)} then {@code log1p}:
 * a count {@code v} of a cell whose counts total {@code t} becomes {@code log1p(v / (t / 1e4))};
 * {@code sqrt-normalized} the same size normalisation then the square root (it stabilises the variance
 * of Poisson-like counts); {@code raw} the counts as they are. A cell without counts stays all zero
 * (scanpy divides it by 1). PCA, DE genes and every other analysis that reads normalised expression
 * use this one definition; {@link CellNormalizer} evaluates it fast, cell after cell.
 */
public enum Normalization {
    /** The counts as they are. */
    RAW,
    /** Scaled to 10,000 per cell, then {@code log1p}. */
    LOG1P,
    /** Scaled to 10,000 per cell, then the square root. */
    SQRT;

    /** The total every cell is scaled to (scanpy's {@code target_sum}). */
    public static final double TARGET_SUM = 1e4;

    /** The normalisation of a {@code normalize_method} wire value. */
    public static Normalization of(NormalizeMethod method) {
        return switch (method) {
            case RAW -> RAW;
            case LOG1P_NORMALIZE -> LOG1P;
            case SQRT_NORMALIZE -> SQRT;
        };
    }

    /**
     * What a cell's counts are divided by: {@code total / 1e4} (scanpy divides by {@code counts / target_sum}),
     * 1 for a cell without counts (its values are all zero) and for {@link #RAW}.
     */
    public double divisor(double cellTotal) {
        return this == RAW || cellTotal == 0 ? 1 : cellTotal / TARGET_SUM;
    }

    /** The normalised value of count {@code value} of a cell with divisor {@code divisor}. */
    public double apply(double value, double divisor) {
        return transform(value / divisor);
    }

    /**
     * The variance-stabilising transform of a size-normalised value: {@code log1p}, the square root,
     * or the value itself.
     */
    public double transform(double sizeNormalized) {
        return switch (this) {
            case RAW -> sizeNormalized;
            case LOG1P -> Math.log1p(sizeNormalized);
            case SQRT -> Math.sqrt(sizeNormalized);
        };
    }

    /**
     * A mean of normalised values brought back to the scale of counts, where fold changes are taken:
     * {@code expm1} after {@code log1p} (as scanpy's {@code rank_genes_groups} does), the square after
     * the square root, the mean itself for raw counts.
     */
    public double toCountScale(double mean) {
        return switch (this) {
            case RAW -> mean;
            case LOG1P -> Math.expm1(mean);
            case SQRT -> mean * mean;
        };
    }
}
