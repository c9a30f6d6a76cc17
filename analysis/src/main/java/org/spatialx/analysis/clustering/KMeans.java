package org.spatialx.analysis.clustering;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.analysis.AnalysisContext;

/**
 * k-means as scikit-learn 1.2's {@code KMeans(init="k-means++", n_init=10, algorithm="lloyd",
 * max_iter=300, tol=1e-4)} computes it: greedy k-means++ seeding ({@code 2 + ln k} candidates per
 * centre, the one that lowers the potential most is kept), Lloyd iterations until no label changes
 * or the centres move less than {@code tol} times the mean variance of the dimensions, a last
 * assignment to the final centres, and the restart with the lowest inertia wins. An empty cluster
 * takes the point farthest from its centre, as scikit-learn relocates it.
 *
 * <p>The Lloyd steps are exact but skip most distance computations with Hamerly's bounds (an upper
 * bound on the distance to the own centre, a lower bound on the distance to any other): a point is
 * re-examined only when the bounds cannot prove that its nearest centre is unchanged, and the
 * centre sums are updated only for points that change cluster. Points are processed in fixed pieces
 * whose partial sums are combined in order, so the result depends on the seed only, not on the
 * number of threads.
 */
public final class KMeans {

    /** scikit-learn 1.2's default {@code n_init} with k-means++ seeding. */
    public static final int RESTARTS = 10;
    /** scikit-learn's default {@code max_iter}. */
    public static final int MAX_ITERATIONS = 300;
    /** scikit-learn's default {@code tol}, relative to the mean variance of the dimensions. */
    public static final double TOLERANCE = 1e-4;
    /** Points per piece of parallel work. */
    private static final int PIECE = 2048;

    /**
     * A clustering.
     *
     * @param labels     the cluster of each point, {@code 0 .. k-1}
     * @param centres    {@code k x d} centres, row-major
     * @param inertia    sum of squared distances of the points to their centres
     * @param iterations Lloyd iterations of the winning restart
     * @param restart    which restart won, from 0
     */
    public record Result(int[] labels, double[] centres, double inertia, int iterations, int restart) {
    }

    /**
     * The centres k-means++ chose, and what it learnt on the way: each point's nearest centre and the
     * squared distance to it (exact: the first assignment of Lloyd's).
     */
    private record Seeding(double[] centres, int[] nearest, double[] closest) {
    }

    /**
     * A restart's latest centre during seeding, not yet settled in every point: its row in the points, its
     * number, and its squared distances to the earlier centres.
     */
    private record Latest(int row, int centre, double[] squaredGaps) {
    }

    private final int k;
    private final int restarts;
    private final int maxIterations;
    private final double tolerance;

    /** k-means into {@code k} clusters, the best of {@code restarts}, each of at most {@code maxIterations} Lloyd steps. */
    public KMeans(int k, int restarts, int maxIterations, double tolerance) {
        if (k < 1 || restarts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("k, restarts and iterations must be positive");
        }
        this.k = k;
        this.restarts = restarts;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Clusters the {@code n} rows of {@code points} ({@code n x d}, row-major) into {@code k} clusters. */
    public Result fit(double[] points, int n, int d, Workers pool, AnalysisContext context) {
        if (n < k) {
            throw new IllegalArgumentException(n + " points cannot form " + k + " clusters");
        }
        Points data = new Points(points, n, d, pool, context);
        double tol = data.meanVariance() * tolerance;
        SplittableRandom seeds = new SplittableRandom(context.seed());
        SplittableRandom[] randoms = new SplittableRandom[restarts];
        for (int restart = 0; restart < restarts; restart++) {
            randoms[restart] = seeds.split();
        }
        Seeding[] seedings = data.kMeansPlusPlus(k, randoms);
        Result best = null;
        for (int restart = 0; restart < restarts; restart++) {
            Result result = new Lloyd(data, k, seedings[restart]).run(maxIterations, tol, restart, restarts);
            seedings[restart] = null;
            context.log("k-means restart " + (restart + 1) + "/" + restarts + ": inertia " + result.inertia()
                    + " after " + result.iterations() + " iterations");
            if (best == null || result.inertia() < best.inertia()) {
                best = result;
            }
        }
        return best;
    }

    /** The points and the parallel passes over them. */
    private static final class Points {
        final double[] x;
        final int n;
        final int d;
        final int pieces;
        final Workers pool;
        final AnalysisContext context;

        Points(double[] x, int n, int d, Workers pool, AnalysisContext context) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.pieces = (n + PIECE - 1) / PIECE;
            this.pool = pool;
            this.context = context;
        }

        int from(int piece) {
            return piece * PIECE;
        }

        int to(int piece) {
            return Math.min(n, (piece + 1) * PIECE);
        }

        /** Mean over the dimensions of their (population) variance, what scikit-learn scales {@code tol} by. */
        double meanVariance() {
            double[][] sums = new double[pieces][];
            pool.forEach(pieces, piece -> {
                double[] sum = new double[d]; // the thread's own: see kMeansPlusPlus
                for (int i = from(piece); i < to(piece); i++) {
                    for (int j = 0, row = i * d; j < d; j++) {
                        sum[j] += x[row + j];
                    }
                }
                sums[piece] = sum;
            });
            double[] mean = combine(sums, d);
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] squares = new double[pieces][];
            pool.forEach(pieces, piece -> {
                double[] square = new double[d];
                for (int i = from(piece); i < to(piece); i++) {
                    for (int j = 0, row = i * d; j < d; j++) {
                        double delta = x[row + j] - mean[j];
                        square[j] += delta * delta;
                    }
                }
                squares[piece] = square;
            });
            double[] variance = combine(squares, d);
            double total = 0;
            for (int j = 0; j < d; j++) {
                total += variance[j] / n;
            }
            return total / d;
        }

        /**
         * scikit-learn's greedy k-means++ for every restart at once (restart r draws from
         * {@code randoms[r]}): the first centre uniformly, then the best of {@code 2 + ln k} draws. Each
         * pass over the points serves all restarts, so a point is read once per step rather than once per
         * restart and step. A candidate's distance to a point is computed only when the triangle inequality
         * allows it to be nearer than the point's nearest centre; the result is the same as computing them all.
         */
        Seeding[] kMeansPlusPlus(int k, SplittableRandom[] randoms) {
            int lanes = randoms.length;
            int trials = 2 + (int) Math.log(k);
            double[][] centres = new double[lanes][k * d];
            double[][] closest = new double[lanes][n];
            int[][] nearest = new int[lanes][n];
            double[][] closestSums = new double[lanes][pieces];
            double[] potential = new double[lanes];
            int[] firsts = new int[lanes];
            for (int lane = 0; lane < lanes; lane++) {
                firsts[lane] = randoms[lane].nextInt(n);
                System.arraycopy(x, firsts[lane] * d, centres[lane], 0, d);
            }
            int[] firstOffsets = paddedOffsets(firsts, lanes, d);
            pool.forEach(pieces, piece -> {
                context.checkCancelled();
                double[] distances = new double[firstOffsets.length]; // the thread's own: see below
                for (int i = from(piece); i < to(piece); i++) {
                    squaredDistances(x, i * d, x, firstOffsets, lanes, d, distances);
                    for (int lane = 0; lane < lanes; lane++) {
                        closest[lane][i] = distances[lane];
                    }
                }
                for (int lane = 0; lane < lanes; lane++) {
                    closestSums[lane][piece] = sum(closest[lane], from(piece), to(piece));
                }
            });
            for (int lane = 0; lane < lanes; lane++) {
                potential[lane] = sum(closestSums[lane], 0, pieces);
            }
            double[][][] potentials = new double[pieces][][];
            int[][] offsets = new int[lanes][];
            double[][][] gaps = new double[lanes][trials][k];
            double[][] nearestGaps = new double[lanes][k];
            Latest[] latest = new Latest[lanes];
            for (int c = 1; c < k; c++) {
                for (int lane = 0; lane < lanes; lane++) {
                    int[] ids = new int[trials];
                    for (int t = 0; t < trials; t++) {
                        ids[t] = sample(closest[lane], nearest[lane], latest[lane], closestSums[lane],
                                randoms[lane].nextDouble() * potential[lane]);
                        for (int m = 0; m < c; m++) {
                            gaps[lane][t][m] = squaredDistance(x, ids[t] * d, centres[lane], m * d, d);
                        }
                    }
                    for (int m = 0; m < c; m++) {
                        double gap = Double.POSITIVE_INFINITY;
                        for (int t = 0; t < trials; t++) {
                            gap = Math.min(gap, gaps[lane][t][m]);
                        }
                        nearestGaps[lane][m] = gap;
                    }
                    offsets[lane] = paddedOffsets(ids, trials, d);
                }
                // each point first takes the restart's latest centre into account, then the potential each
                // candidate would leave; a point's distances to a restart's candidates are computed together when
                // any of them can be nearer than its centre
                pool.forEach(pieces, piece -> {
                    context.checkCancelled();
                    // scratch allocated by the thread that uses it: arrays of two threads side by side in the heap
                    // would share cache lines, and every write would bounce between the cores
                    double[][] potentialOfPiece = new double[lanes][trials];
                    double[] distances = new double[(trials + 3) / 4 * 4];
                    for (int i = from(piece); i < to(piece); i++) {
                        for (int lane = 0; lane < lanes; lane++) {
                            settle(latest[lane], closest[lane], nearest[lane], i);
                            double own = closest[lane][i];
                            double[] laneSums = potentialOfPiece[lane];
                            if (!mayBeNearer(nearestGaps[lane][nearest[lane][i]], own)) {
                                for (int t = 0; t < trials; t++) {
                                    laneSums[t] += own;
                                }
                                continue;
                            }
                            squaredDistances(x, i * d, x, offsets[lane], trials, d, distances);
                            for (int t = 0; t < trials; t++) {
                                laneSums[t] += Math.min(own, distances[t]);
                            }
                        }
                    }
                    potentials[piece] = potentialOfPiece;
                });
                for (int lane = 0; lane < lanes; lane++) {
                    double[] totals = new double[trials];
                    for (int piece = 0; piece < pieces; piece++) {
                        addTo(totals, potentials[piece][lane]);
                    }
                    int best = 0;
                    for (int t = 1; t < trials; t++) {
                        if (totals[t] < totals[best]) {
                            best = t;
                        }
                    }
                    potential[lane] = totals[best];
                    for (int piece = 0; piece < pieces; piece++) {
                        closestSums[lane][piece] = potentials[piece][lane][best];
                    }
                    System.arraycopy(x, offsets[lane][best], centres[lane], c * d, d);
                    double[] winnerGaps = Arrays.copyOf(gaps[lane][best], k);
                    winnerGaps[c] = Double.POSITIVE_INFINITY; // a point already nearest to it needs nothing
                    latest[lane] = new Latest(offsets[lane][best], c, winnerGaps);
                }
                context.progress("k-means++ seeding", 0.2 * c / k);
            }
            pool.forEach(pieces, piece -> {
                for (int i = from(piece); i < to(piece); i++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        settle(latest[lane], closest[lane], nearest[lane], i);
                    }
                }
            });
            Seeding[] seedings = new Seeding[lanes];
            for (int lane = 0; lane < lanes; lane++) {
                seedings[lane] = new Seeding(centres[lane], nearest[lane], closest[lane]);
            }
            return seedings;
        }

        /**
         * Whether the triangle inequality allows a candidate to be nearer to a point than the point's
         * nearest centre: {@code |candidate - centre| < 2 |point - centre|}, squared on both sides.
         */
        private static boolean mayBeNearer(double squaredGap, double closest) {
            return squaredGap < 4 * closest;
        }

        /**
         * Makes a restart's latest centre count for point {@code i}: its distance is computed when the
         * triangle inequality allows it to be nearer than the point's centre. Settling twice changes nothing.
         */
        private void settle(Latest latest, double[] closest, int[] nearest, int i) {
            if (latest != null && mayBeNearer(latest.squaredGaps()[nearest[i]], closest[i])) {
                double distance = squaredDistance(x, i * d, x, latest.row(), d);
                if (distance < closest[i]) {
                    closest[i] = distance;
                    nearest[i] = latest.centre();
                }
            }
        }

        /**
         * The first point whose cumulative weight reaches {@code target} (numpy's
         * {@code searchsorted(cumsum(weights), target)}, clipped to the last point). The piece sums are
         * current; the piece that holds the target settles its points first.
         */
        private int sample(double[] weights, int[] nearest, Latest latest, double[] pieceSums, double target) {
            double cumulative = 0;
            for (int piece = 0; piece < pieces; piece++) {
                if (cumulative + pieceSums[piece] >= target) {
                    for (int i = from(piece); i < to(piece); i++) {
                        settle(latest, weights, nearest, i);
                        cumulative += weights[i];
                        if (cumulative >= target) {
                            return i;
                        }
                    }
                    return to(piece) - 1;
                }
                cumulative += pieceSums[piece];
            }
            return n - 1;
        }
    }

    /** One restart's Lloyd iterations. */
    private static final class Lloyd {
        private final Points data;
        private final int k;
        private final int d;
        private final double[] centres;
        private final double[] sums;
        private final long[] counts;
        private final int[] labels;
        private final double[] upper;
        private final double[] lower;
        private final double[] halfGap;
        /** Per piece, what its points add to the centre sums and counts; null when nothing. */
        private final Delta[] deltas;
        private final int[] centreOffsets;

        Lloyd(Points data, int k, Seeding seeding) {
            this.data = data;
            this.k = k;
            this.d = data.d;
            this.centres = seeding.centres();
            this.sums = new double[k * d];
            this.counts = new long[k];
            this.labels = seeding.nearest();
            this.upper = seeding.closest();
            this.lower = new double[data.n];
            this.halfGap = new double[k];
            this.deltas = new Delta[data.pieces];
            this.centreOffsets = paddedOffsets(java.util.stream.IntStream.range(0, k).toArray(), k, d);
        }

        Result run(int maxIterations, double tol, int restart, int restarts) {
            assignAll();
            boolean strict = false;
            int iteration = 0;
            double[] shifts = new double[k];
            while (true) {
                double shiftTotal = moveCentres(shifts);
                iteration++;
                // the iterations needed are unknown: approach the restart's end without reaching it
                data.context.progress("Lloyd iterations",
                        0.2 + 0.8 * (restart + iteration / (iteration + 10.0)) / restarts);
                if (iteration >= maxIterations || shiftTotal <= tol) {
                    break;
                }
                if (!assignChanged()) {
                    strict = true;
                    iteration++; // scikit-learn counts the step that found no change (its centres stay put)
                    break;
                }
            }
            if (!strict) {
                assignChanged(); // scikit-learn's last E-step: labels that match the final centres
            }
            data.context.progress("Lloyd iterations", 1 - 0.8 * (restarts - restart - 1.0) / restarts);
            return new Result(labels, centres, inertia(), iteration, restart);
        }

        /**
         * The first assignment is the seeding's (each point's nearest centre, exactly): the bounds start
         * from its distances (upper) and zero (lower), the centre sums from scratch.
         */
        private void assignAll() {
            data.pool.forEach(data.pieces, piece -> {
                data.context.checkCancelled();
                Delta delta = new Delta(k, d); // allocated by the thread that fills it: see kMeansPlusPlus
                for (int i = data.from(piece); i < data.to(piece); i++) {
                    upper[i] = Math.sqrt(upper[i]);
                    delta.move(data.x, i, -1, labels[i]);
                }
                deltas[piece] = delta;
            });
            applyDeltas();
        }

        /**
         * One Hamerly E-step: re-examines only the points whose bounds allow another centre to be nearer;
         * moves the sums of the points that change cluster. Returns whether any label changed.
         */
        private boolean assignChanged() {
            for (int c = 0; c < k; c++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int o = 0; o < k; o++) {
                    if (o != c) {
                        nearest = Math.min(nearest, Math.sqrt(squaredDistance(centres, c * d, centres, o * d, d)));
                    }
                }
                halfGap[c] = nearest / 2;
            }
            data.pool.forEach(data.pieces, piece -> {
                data.context.checkCancelled();
                double[] distances = new double[centreOffsets.length]; // the thread's own: see kMeansPlusPlus
                Delta delta = null;
                for (int i = data.from(piece); i < data.to(piece); i++) {
                    int own = labels[i];
                    double bound = Math.max(halfGap[own], lower[i]);
                    if (upper[i] <= bound) {
                        continue;
                    }
                    upper[i] = Math.sqrt(squaredDistance(data.x, i * d, centres, own * d, d));
                    if (upper[i] <= bound) {
                        continue;
                    }
                    int best = nearest(i, distances);
                    if (best != own) {
                        if (delta == null) {
                            delta = new Delta(k, d);
                        }
                        labels[i] = best;
                        delta.move(data.x, i, own, best);
                    }
                }
                deltas[piece] = delta;
            });
            return applyDeltas();
        }

        /** Adds the pieces' deltas to the centre sums, in piece order; returns whether there was any. */
        private boolean applyDeltas() {
            boolean any = false;
            for (int piece = 0; piece < data.pieces; piece++) {
                Delta delta = deltas[piece];
                if (delta != null) {
                    any = true;
                    addTo(sums, delta.sums);
                    for (int c = 0; c < k; c++) {
                        counts[c] += delta.counts[c];
                    }
                    deltas[piece] = null;
                }
            }
            return any;
        }

        /** Sets point i's bounds from all k distances and returns its nearest centre (the first on ties). */
        private int nearest(int i, double[] distances) {
            squaredDistances(data.x, i * d, centres, centreOffsets, k, d, distances);
            int best = 0;
            double first = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double squared = distances[c];
                if (squared < first) {
                    second = first;
                    first = squared;
                    best = c;
                } else if (squared < second) {
                    second = squared;
                }
            }
            upper[i] = Math.sqrt(first);
            lower[i] = Math.sqrt(second);
            return best;
        }

        /**
         * The M-step: every centre to the mean of its points (an empty cluster first takes the point
         * farthest from its centre), then the bounds follow the moves. Returns the sum of squared moves.
         */
        private double moveCentres(double[] shifts) {
            relocateEmptyClusters();
            double[] previous = centres.clone();
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue; // stays where it was
                }
                for (int j = 0; j < d; j++) {
                    centres[c * d + j] = sums[c * d + j] / counts[c];
                }
            }
            double total = 0;
            int largest = 0;
            double secondLargest = 0;
            for (int c = 0; c < k; c++) {
                double squared = squaredDistance(previous, c * d, centres, c * d, d);
                total += squared;
                shifts[c] = Math.sqrt(squared);
            }
            for (int c = 1; c < k; c++) {
                if (shifts[c] > shifts[largest]) {
                    largest = c;
                }
            }
            for (int c = 0; c < k; c++) {
                if (c != largest) {
                    secondLargest = Math.max(secondLargest, shifts[c]);
                }
            }
            double maxShift = shifts[largest];
            int farthestMover = largest;
            double otherShift = secondLargest;
            data.pool.forEach(data.pieces, piece -> {
                for (int i = data.from(piece); i < data.to(piece); i++) {
                    int own = labels[i];
                    upper[i] += shifts[own];
                    lower[i] -= own == farthestMover ? otherShift : maxShift;
                }
            });
            return total;
        }

        /**
         * scikit-learn's relocation: each empty cluster, in order, takes the point farthest from its
         * centre (among clusters that keep at least one point, so that none empties in turn).
         */
        private void relocateEmptyClusters() {
            int empty = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    empty++;
                }
            }
            if (empty == 0) {
                return;
            }
            double[] distance = new double[data.n];
            data.pool.forEach(data.pieces, piece -> {
                for (int i = data.from(piece); i < data.to(piece); i++) {
                    distance[i] = squaredDistance(data.x, i * d, centres, labels[i] * d, d);
                }
            });
            for (int c = 0; c < k; c++) {
                if (counts[c] != 0) {
                    continue;
                }
                int point = -1;
                for (int i = 0; i < data.n; i++) {
                    if (counts[labels[i]] > 1 && (point < 0 || distance[i] > distance[point])) {
                        point = i;
                    }
                }
                if (point < 0) {
                    return; // fewer distinct points than clusters: the cluster stays empty
                }
                Arrays.fill(sums, c * d, (c + 1) * d, 0); // rounding residue of the points that left it
                deltas[0] = new Delta(k, d);
                deltas[0].move(data.x, point, labels[point], c);
                applyDeltas();
                labels[point] = c;
                distance[point] = -1;
                upper[point] = 0; // any bounds with upper >= 0 >= lower stay valid once the centres move
                lower[point] = 0;
            }
        }

        private double inertia() {
            double[] pieceInertia = new double[data.pieces];
            data.pool.forEach(data.pieces, piece -> {
                double sum = 0;
                for (int i = data.from(piece); i < data.to(piece); i++) {
                    sum += squaredDistance(data.x, i * d, centres, labels[i] * d, d);
                }
                pieceInertia[piece] = sum;
            });
            return sum(pieceInertia);
        }
    }

    /** What moving some points between clusters does to the centre sums and counts. */
    private static final class Delta {
        final double[] sums;
        final long[] counts;
        private final int d;

        Delta(int k, int d) {
            this.sums = new double[k * d];
            this.counts = new long[k];
            this.d = d;
        }

        /** Point {@code point} of {@code x} leaves cluster {@code from} (none when negative) for {@code to}. */
        void move(double[] x, int point, int from, int to) {
            int row = point * d;
            if (from >= 0) {
                for (int j = 0; j < d; j++) {
                    sums[from * d + j] -= x[row + j];
                }
                counts[from]--;
            }
            for (int j = 0; j < d; j++) {
                sums[to * d + j] += x[row + j];
            }
            counts[to]++;
        }
    }

    private static void addTo(double[] target, double[] values) {
        for (int i = 0; i < target.length; i++) {
            target[i] += values[i];
        }
    }

    /** Element-wise sum of the rows of {@code parts}, in row order (the same for any thread count). */
    private static double[] combine(double[][] parts, int width) {
        double[] total = new double[width];
        for (double[] part : parts) {
            addTo(total, part);
        }
        return total;
    }

    private static double sum(double[] values) {
        return sum(values, 0, values.length);
    }

    private static double sum(double[] values, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            total += values[i];
        }
        return total;
    }

    /** {@code |x - y|^2} over {@code d} values, summed in dimension order. */
    static double squaredDistance(double[] x, int xOffset, double[] y, int yOffset, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double delta = x[xOffset + j] - y[yOffset + j];
            sum += delta * delta;
        }
        return sum;
    }

    /**
     * {@link #squaredDistance} from one point to four rows of {@code y} at once, into
     * {@code out[at .. at+3]}: each coordinate of the point is loaded once for the four (about 2.5 times
     * faster than four calls); the sums are the same, bit for bit.
     */
    static void squaredDistances4(double[] x, int xOffset, double[] y, int[] yOffsets, int from, int d, double[] out,
            int at) {
        int o0 = yOffsets[from];
        int o1 = yOffsets[from + 1];
        int o2 = yOffsets[from + 2];
        int o3 = yOffsets[from + 3];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int j = 0; j < d; j++) {
            double value = x[xOffset + j];
            double d0 = value - y[o0 + j];
            double d1 = value - y[o1 + j];
            double d2 = value - y[o2 + j];
            double d3 = value - y[o3 + j];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    /**
     * Squared distances from point {@code i} of {@code x} to the {@code count} rows of {@code y} at
     * {@code yOffsets}, four at a time; {@code yOffsets} is padded to a multiple of four (the padding
     * repeats a row), so {@code out} must have that length.
     */
    static void squaredDistances(double[] x, int xOffset, double[] y, int[] yOffsets, int count, int d, double[] out) {
        for (int from = 0; from < count; from += 4) {
            squaredDistances4(x, xOffset, y, yOffsets, from, d, out, from);
        }
    }

    /** Offsets {@code row * d} of {@code rows}, padded with the last one to a multiple of four. */
    static int[] paddedOffsets(int[] rows, int count, int d) {
        int[] offsets = new int[(count + 3) / 4 * 4];
        for (int r = 0; r < offsets.length; r++) {
            offsets[r] = rows[Math.min(r, count - 1)] * d;
        }
        return offsets;
    }
}
