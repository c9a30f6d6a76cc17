package org.spatialx.analysis.random;

import java.util.SplittableRandom;

/** The random draws the analyses need, from a seeded {@link SplittableRandom} so that a seed fixes the result. */
public final class RandomNumbers {

    private RandomNumbers() {
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A standard normal value (Box-Muller, one of the pair). */
    public static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Fills {@code values[0 .. count)} with standard normal values (Box-Muller, both of each pair). */
    public static void fillGaussian(double[] values, int count, SplittableRandom random) {
        for (int i = 0; i < count; i += 2) {
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            values[i] = radius * Math.cos(angle);
            if (i + 1 < count) {
                values[i + 1] = radius * Math.sin(angle);
            }
        }
    }
}
