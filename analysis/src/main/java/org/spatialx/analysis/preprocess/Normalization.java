package org.spatialx.analysis.preprocess;

import java.util.Objects;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.NormalizeMethod;
import org.spatialx.api.data.ExpressionMatrix;

/**
 * A {@code normalize_method} applied to raw counts, value by value, without copying the matrix:
 * a per-cell size factor, then a variance-stabilising transform.
 *
 * <ul>
 *   <li>{@code log1p-normalized}: each cell's counts scaled to a total of 10,000, then
 *       {@code ln(1 + x)}: scanpy's {@code normalize_total(target_sum=1e4)} then {@code log1p};</li>
 *   <li>{@code sqrt-normalized}: each cell's counts scaled to a total of 10,000, then
 *       {@code sqrt(x)} (the square root stabilises the variance of Poisson-like counts);</li>
 *   <li>{@code raw}: the counts as they are.</li>
 * </ul>
 * A cell without counts stays all zero (scanpy divides it by 1).
 */
public final class Normalization {

    /** The total every cell is scaled to (scanpy's {@code target_sum}). */
    public static final double TARGET_SUM = 1e4;

    private final NormalizeMethod method;
    private final double[] sizeFactors;

    private Normalization(NormalizeMethod method, double[] sizeFactors) {
        this.method = method;
        this.sizeFactors = sizeFactors;
    }

    /** The size factors of {@code counts}' cells for {@code method}. */
    public static Normalization of(ExpressionMatrix counts, NormalizeMethod method, Workers workers) {
        Objects.requireNonNull(method, "normalize_method");
        double[] factors = new double[counts.cellCount()];
        if (method == NormalizeMethod.RAW) {
            java.util.Arrays.fill(factors, 1);
        } else {
            workers.forRange(factors.length, (part, from, to) -> {
                for (int cell = from; cell < to; cell++) {
                    double total = counts.cellTotal(cell);
                    factors[cell] = total == 0 ? 1 : TARGET_SUM / total;
                }
            });
        }
        return new Normalization(method, factors);
    }

    /** The method. */
    public NormalizeMethod method() {
        return method;
    }

    /** What a cell's counts are multiplied by before the transform. */
    public double sizeFactor(int cell) {
        return sizeFactors[cell];
    }

    /** The transform of a size-normalised value: {@code ln(1 + x)}, {@code sqrt(x)} or {@code x}. */
    public double transform(double normalized) {
        return switch (method) {
            case LOG1P_NORMALIZE -> Math.log1p(normalized);
            case SQRT_NORMALIZE -> Math.sqrt(normalized);
            case RAW -> normalized;
        };
    }
}
