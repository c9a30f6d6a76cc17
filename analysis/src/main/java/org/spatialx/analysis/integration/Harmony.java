package org.spatialx.analysis.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.spatialx.analysis.linalg.LinearSystem;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.analysis.random.RandomNumbers;
import org.spatialx.api.data.DenseMatrix;

/**
 * Harmony (Korsunsky et al. 2019, Nature Methods 16:1289): integrates batches by correcting an
 * embedding (the PCs) so that cells cluster by type rather than by batch.
 *
 * <p>It alternates two steps until the objective stops improving:
 * <ol>
 *   <li>soft k-means with a diversity penalty on the L2-normalised embedding: each cell's
 *       probabilities R of belonging to K clusters are a softmax of its cosine distance to the
 *       centroids (bandwidth {@code sigma}), multiplied by {@code ((E + 1) / (O + 1))^theta} for its
 *       batch, where O and E are the observed and expected (batch-proportional) cluster counts, so
 *       clusters dominated by one batch are penalised; cells are updated in blocks of
 *       {@code blockSize} of the cells in a shuffled order;</li>
 *   <li>a mixture-of-experts ridge regression per cluster: the batch effect of cluster k, fitted on
 *       the original embedding weighted by R_k with ridge penalty {@code lambda} (the intercept
 *       unpenalised and kept), is removed from every cell in proportion to R_k.</li>
 * </ol>
 * Defaults are the paper's and the R package's: theta 2, lambda 1, sigma 0.1,
 * K = min(round(N / 30), 100) clusters, block size 0.05, at most 10 rounds of at most 20 clustering
 * iterations, convergence at relative changes of 1e-5 (clustering, over a window of 3) and 1e-4
 * (rounds). The initial centroids come from k-means (k-means++ seeding, one start, at most 25 Lloyd
 * iterations) on the normalised embedding; the shuffles and the seeding use the seed.
 */
public final class Harmony {

    /**
     * Harmony's parameters.
     *
     * @param theta                  diversity penalty
     * @param lambda                 ridge penalty of the batch effects
     * @param sigma                  soft k-means bandwidth
     * @param clusters               K, or 0 for min(round(N / 30), 100)
     * @param blockSize              fraction of the cells updated at once
     * @param maxRounds              maximum rounds (clustering then correction)
     * @param maxClusterIterations   maximum clustering iterations per round
     * @param epsilonCluster         relative objective change that ends the clustering
     * @param epsilonHarmony         relative objective change that ends the rounds
     * @param seed                   seed of the k-means seeding and the block shuffles
     */
    public record Options(double theta, double lambda, double sigma, int clusters, double blockSize, int maxRounds,
            int maxClusterIterations, double epsilonCluster, double epsilonHarmony, long seed) {

        /** The published defaults with {@code seed}. */
        public static Options defaults(long seed) {
            return new Options(2, 1, 0.1, 0, 0.05, 10, 20, 1e-5, 1e-4, seed);
        }
    }

    private static final int WINDOW = 3;
    private static final int KMEANS_ITERATIONS = 25;

    private final int cells;
    private final int dims;
    private final int batchCount;
    private final int[] batch;
    private final double[] batchProportion;
    private final Options options;
    private final Workers workers;
    private final int k;
    private final double[] zOrig;
    private final double[] zCorr;
    private final double[] zCos;
    private final double[] centroids;
    private final double[] dist;
    private final double[] r;
    private final double[] observed;
    private final double[] expected;
    private final SplittableRandom random;
    private final List<Double> clusterObjectives = new ArrayList<>();
    private final List<Double> roundObjectives = new ArrayList<>();
    private int rounds;

    private Harmony(DenseMatrix embedding, int[] batch, int batchCount, Options options, Workers workers) {
        this.cells = embedding.rows();
        this.dims = embedding.cols();
        this.batch = batch;
        this.batchCount = batchCount;
        this.options = options;
        this.workers = workers;
        this.k = options.clusters() > 0 ? Math.min(options.clusters(), cells)
                : (int) Math.max(1, Math.min(Math.round(cells / 30.0), 100));
        this.zOrig = embedding.values().clone();
        this.zCorr = embedding.values().clone();
        this.zCos = new double[zOrig.length];
        this.centroids = new double[k * dims];
        this.dist = new double[cells * k];
        this.r = new double[cells * k];
        this.observed = new double[k * batchCount];
        this.expected = new double[k * batchCount];
        this.random = new SplittableRandom(options.seed());
        this.batchProportion = new double[batchCount];
        for (int b : batch) {
            batchProportion[b] += 1.0 / cells;
        }
    }

    /**
     * The corrected embedding.
     *
     * @param embedding  one row per cell (the PCs)
     * @param batch      each cell's batch, {@code 0 .. batchCount-1}
     * @param batchCount number of batches
     * @param progress   receives the fraction done after each round
     */
    public static Result integrate(DenseMatrix embedding, int[] batch, int batchCount, Options options, Workers workers,
            DoubleConsumer progress) {
        if (batch.length != embedding.rows()) {
            throw new IllegalArgumentException(batch.length + " batch labels for " + embedding.rows() + " cells");
        }
        Harmony harmony = new Harmony(embedding, batch, batchCount, options, workers);
        harmony.run(progress);
        return new Result(new DenseMatrix(harmony.cells, harmony.dims, harmony.zCorr), harmony.k, harmony.rounds,
                harmony.converged);
    }

    /**
     * Harmony's output.
     *
     * @param corrected the corrected embedding
     * @param clusters  K
     * @param rounds    rounds run
     * @param converged whether the objective converged before the round limit
     */
    public record Result(DenseMatrix corrected, int clusters, int rounds, boolean converged) {
    }

    private boolean converged;

    private void run(DoubleConsumer progress) {
        normalizeRows(zCorr, zCos);
        initialCentroids();
        distances();
        workers.forRange(cells, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                softmax(i);
            }
        });
        diversityStatistics();
        clusterObjectives.add(objective());
        roundObjectives.add(clusterObjectives.getLast());
        for (int round = 1; round <= options.maxRounds(); round++) {
            workers.checkCancelled();
            cluster();
            correct();
            rounds = round;
            progress.accept(round / (double) options.maxRounds());
            int n = roundObjectives.size();
            double old = roundObjectives.get(n - 2);
            if ((old - roundObjectives.get(n - 1)) / Math.abs(old) < options.epsilonHarmony()) {
                converged = true;
                break;
            }
        }
    }

    private void normalizeRows(double[] from, double[] to) {
        workers.forRange(cells, (part, start, end) -> {
            for (int i = start; i < end; i++) {
                double norm = 0;
                for (int d = 0; d < dims; d++) {
                    norm += from[i * dims + d] * from[i * dims + d];
                }
                double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
                for (int d = 0; d < dims; d++) {
                    to[i * dims + d] = from[i * dims + d] * inverse;
                }
            }
        });
    }

    /** k-means++ seeding then Lloyd iterations on the normalised embedding; the centroids are then normalised. */
    private void initialCentroids() {
        double[] nearest = new double[cells];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = random.nextInt(cells);
        System.arraycopy(zCos, first * dims, centroids, 0, dims);
        for (int c = 1; c < k; c++) {
            int previous = c - 1;
            workers.forRange(cells, (part, from, to) -> {
                for (int i = from; i < to; i++) {
                    nearest[i] = Math.min(nearest[i], squaredDistance(zCos, i, centroids, previous));
                }
            });
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            double target = random.nextDouble() * total;
            int chosen = cells - 1;
            double cumulative = 0;
            for (int i = 0; i < cells; i++) {
                cumulative += nearest[i];
                if (cumulative >= target && nearest[i] > 0) {
                    chosen = i;
                    break;
                }
            }
            System.arraycopy(zCos, chosen * dims, centroids, c * dims, dims);
        }
        int[] assignment = new int[cells];
        for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
            workers.checkCancelled();
            boolean firstIteration = iteration == 0;
            int[] changed = new int[1];
            workers.forRange(cells, (part, from, to) -> {
                int moved = 0;
                for (int i = from; i < to; i++) {
                    int best = 0;
                    double bestDistance = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double d = squaredDistance(zCos, i, centroids, c);
                        if (d < bestDistance) {
                            bestDistance = d;
                            best = c;
                        }
                    }
                    if (assignment[i] != best || firstIteration) {
                        moved++;
                    }
                    assignment[i] = best;
                }
                synchronized (changed) {
                    changed[0] += moved;
                }
            });
            double[] sums = workers.sumOverParts(cells, 16, k * (dims + 1), (from, to, into) -> {
                for (int i = from; i < to; i++) {
                    int c = assignment[i];
                    for (int d = 0; d < dims; d++) {
                        into[c * dims + d] += zCos[i * dims + d];
                    }
                    into[k * dims + c] += 1;
                }
            });
            for (int c = 0; c < k; c++) {
                double count = sums[k * dims + c];
                if (count > 0) {
                    for (int d = 0; d < dims; d++) {
                        centroids[c * dims + d] = sums[c * dims + d] / count;
                    }
                }
            }
            if (changed[0] == 0) {
                break;
            }
        }
        normalizeCentroids();
    }

    private void normalizeCentroids() {
        for (int c = 0; c < k; c++) {
            double norm = 0;
            for (int d = 0; d < dims; d++) {
                norm += centroids[c * dims + d] * centroids[c * dims + d];
            }
            double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int d = 0; d < dims; d++) {
                centroids[c * dims + d] *= inverse;
            }
        }
    }

    private double squaredDistance(double[] points, int i, double[] centres, int c) {
        double sum = 0;
        for (int d = 0; d < dims; d++) {
            double diff = points[i * dims + d] - centres[c * dims + d];
            sum += diff * diff;
        }
        return sum;
    }

    /** Cosine distances 2 (1 - y_k . z_i) of every cell to every centroid. */
    private void distances() {
        workers.forRange(cells, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    double dot = 0;
                    for (int d = 0; d < dims; d++) {
                        dot += centroids[c * dims + d] * zCos[i * dims + d];
                    }
                    dist[i * k + c] = 2 * (1 - dot);
                }
            }
        });
    }

    /** R_i = softmax(-dist_i / sigma), without the diversity penalty (the initial assignment). */
    private void softmax(int i) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, -dist[i * k + c] / options.sigma());
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double v = Math.exp(-dist[i * k + c] / options.sigma() - max);
            r[i * k + c] = v;
            sum += v;
        }
        for (int c = 0; c < k; c++) {
            r[i * k + c] /= sum;
        }
    }

    /** E = (sum_i R_i) Pr_b^T and O = sum_i R_i onehot(b_i)^T. */
    private void diversityStatistics() {
        double[] sums = workers.sumOverParts(cells, 16, k * batchCount, (from, to, into) -> {
            for (int i = from; i < to; i++) {
                int b = batch[i];
                for (int c = 0; c < k; c++) {
                    into[c * batchCount + b] += r[i * k + c];
                }
            }
        });
        System.arraycopy(sums, 0, observed, 0, sums.length);
        for (int c = 0; c < k; c++) {
            double size = 0;
            for (int b = 0; b < batchCount; b++) {
                size += observed[c * batchCount + b];
            }
            for (int b = 0; b < batchCount; b++) {
                expected[c * batchCount + b] = size * batchProportion[b];
            }
        }
    }

    /** k-means error + sigma-weighted entropy + diversity cross-entropy, as the paper's objective. */
    private double objective() {
        double[] penalty = new double[k * batchCount];
        for (int i = 0; i < penalty.length; i++) {
            penalty[i] = options.theta() * Math.log((observed[i] + 1) / (expected[i] + 1));
        }
        double[] sums = workers.sumOverParts(cells, 16, 1, (from, to, into) -> {
            double total = 0;
            for (int i = from; i < to; i++) {
                int b = batch[i];
                for (int c = 0; c < k; c++) {
                    double p = r[i * k + c];
                    total += p * dist[i * k + c];
                    if (p > 0) {
                        total += options.sigma() * p * Math.log(p);
                    }
                    total += options.sigma() * p * penalty[c * batchCount + b];
                }
            }
            into[0] += total;
        });
        return sums[0];
    }

    private void cluster() {
        distances();
        for (int iteration = 0; iteration < options.maxClusterIterations(); iteration++) {
            workers.checkCancelled();
            double[] sums = workers.sumOverParts(cells, 16, k * dims, (from, to, into) -> {
                for (int i = from; i < to; i++) {
                    for (int c = 0; c < k; c++) {
                        double p = r[i * k + c];
                        for (int d = 0; d < dims; d++) {
                            into[c * dims + d] += p * zCos[i * dims + d];
                        }
                    }
                }
            });
            System.arraycopy(sums, 0, centroids, 0, sums.length);
            normalizeCentroids();
            distances();
            updateAssignments();
            clusterObjectives.add(objective());
            if (iteration > WINDOW && clusteringConverged()) {
                break;
            }
        }
        roundObjectives.add(clusterObjectives.getLast());
    }

    private boolean clusteringConverged() {
        int n = clusterObjectives.size();
        double old = 0;
        double now = 0;
        for (int i = 0; i < WINDOW; i++) {
            old += clusterObjectives.get(n - 2 - i);
            now += clusterObjectives.get(n - 1 - i);
        }
        return Math.abs(old - now) / Math.abs(old) < options.epsilonCluster();
    }

    /** Recomputes R block by block (shuffled order), each block with the diversity penalty of the others. */
    private void updateAssignments() {
        int[] order = RandomNumbers.permutation(cells, random);
        int blocks = (int) Math.ceil(1 / options.blockSize());
        double[] penalty = new double[k * batchCount];
        for (int block = 0; block < blocks; block++) {
            int from = Workers.partStart(cells, blocks, block);
            int to = Workers.partStart(cells, blocks, block + 1);
            adjustStatistics(order, from, to, -1);
            for (int i = 0; i < penalty.length; i++) {
                penalty[i] = Math.pow((expected[i] + 1) / (observed[i] + 1), options.theta());
            }
            workers.forRange(to - from, (part, start, end) -> {
                for (int o = from + start; o < from + end; o++) {
                    int i = order[o];
                    int b = batch[i];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, -dist[i * k + c] / options.sigma());
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        double v = Math.exp(-dist[i * k + c] / options.sigma() - max) * penalty[c * batchCount + b];
                        r[i * k + c] = v;
                        sum += v;
                    }
                    for (int c = 0; c < k; c++) {
                        r[i * k + c] /= sum;
                    }
                }
            });
            adjustStatistics(order, from, to, 1);
        }
    }

    /** Adds ({@code sign} 1) or removes (-1) the cells {@code order[from..to)} from O and E. */
    private void adjustStatistics(int[] order, int from, int to, int sign) {
        double[] sums = workers.sumOverParts(to - from, 16, k * batchCount, (start, end, into) -> {
            for (int o = from + start; o < from + end; o++) {
                int i = order[o];
                int b = batch[i];
                for (int c = 0; c < k; c++) {
                    into[c * batchCount + b] += r[i * k + c];
                }
            }
        });
        for (int c = 0; c < k; c++) {
            double size = 0;
            for (int b = 0; b < batchCount; b++) {
                observed[c * batchCount + b] += sign * sums[c * batchCount + b];
                size += sums[c * batchCount + b];
            }
            for (int b = 0; b < batchCount; b++) {
                expected[c * batchCount + b] += sign * size * batchProportion[b];
            }
        }
    }

    /** The ridge regression of each cluster's batch effect on the original embedding, removed in proportion to R. */
    private void correct() {
        int width = batchCount + 1;
        // per cluster: weights per batch, and the R-weighted sums of the original embedding per batch
        double[] sums = workers.sumOverParts(cells, 16, k * batchCount * (dims + 1), (from, to, into) -> {
            for (int i = from; i < to; i++) {
                int b = batch[i];
                for (int c = 0; c < k; c++) {
                    double p = r[i * k + c];
                    int base = (c * batchCount + b) * (dims + 1);
                    into[base] += p;
                    for (int d = 0; d < dims; d++) {
                        into[base + 1 + d] += p * zOrig[i * dims + d];
                    }
                }
            }
        });
        double[] effects = new double[k * batchCount * dims];
        for (int c = 0; c < k; c++) {
            double[] system = new double[width * width];
            double[] right = new double[width * dims];
            for (int b = 0; b < batchCount; b++) {
                int base = (c * batchCount + b) * (dims + 1);
                double weight = sums[base];
                system[0] += weight;
                system[b + 1] += weight;
                system[(b + 1) * width] += weight;
                system[(b + 1) * width + b + 1] += weight + options.lambda();
                for (int d = 0; d < dims; d++) {
                    right[d] += sums[base + 1 + d];
                    right[(b + 1) * dims + d] += sums[base + 1 + d];
                }
            }
            if (system[0] <= 0) {
                continue; // an empty cluster corrects nothing
            }
            double[] w = LinearSystem.solve(system, width, right, dims);
            for (int b = 0; b < batchCount; b++) {
                System.arraycopy(w, (b + 1) * dims, effects, (c * batchCount + b) * dims, dims);
            }
        }
        workers.forRange(cells, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                int b = batch[i];
                for (int d = 0; d < dims; d++) {
                    zCorr[i * dims + d] = zOrig[i * dims + d];
                }
                for (int c = 0; c < k; c++) {
                    double p = r[i * k + c];
                    int base = (c * batchCount + b) * dims;
                    for (int d = 0; d < dims; d++) {
                        zCorr[i * dims + d] -= p * effects[base + d];
                    }
                }
            }
        });
        normalizeRows(zCorr, zCos);
    }
}
