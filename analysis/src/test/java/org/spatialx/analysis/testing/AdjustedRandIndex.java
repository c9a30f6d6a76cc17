package org.spatialx.analysis.testing;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index of two partitions (Hubert and Arabie 1985), as sklearn's adjusted_rand_score. */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    /** ARI of labelings {@code a} and {@code b} of the same items: 1 for identical partitions, about 0 for random ones. */
    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " labels");
        }
        Map<Long, Long> pairs = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> columns = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            pairs.merge((long) a[i] << 32 | (b[i] & 0xFFFFFFFFL), 1L, Long::sum);
            rows.merge(a[i], 1L, Long::sum);
            columns.merge(b[i], 1L, Long::sum);
        }
        double index = pairs.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double sumRows = rows.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double sumColumns = columns.values().stream().mapToDouble(AdjustedRandIndex::choose2).sum();
        double expected = sumRows * sumColumns / choose2(a.length);
        double max = (sumRows + sumColumns) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double choose2(long n) {
        return n * (n - 1) / 2.0;
    }
}
