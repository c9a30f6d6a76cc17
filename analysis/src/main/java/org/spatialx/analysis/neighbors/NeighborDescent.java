package org.spatialx.analysis.neighbors;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.spatialx.analysis.parallel.Workers;
import org.spatialx.api.data.KnnGraph;

/**
 * Approximate k nearest neighbours by nearest-neighbour descent (Dong, Moses and Li 2011), in the
 * form pynndescent (and so umap-learn and scanpy) uses: neighbour lists seeded from the leaves of a
 * random projection forest, then rounds of "local joins" (a neighbour of a neighbour is likely a
 * neighbour) over sampled new and old candidates, until fewer than {@code delta k n} list updates
 * happen in a round.
 *
 * <p>What differs is bookkeeping, for speed: the points are renumbered in the leaf order of a
 * random projection tree so that neighbours sit close together in memory; each point's list is
 * kept sorted by neighbour number, so that "already a neighbour" (the fate of most proposals) is a
 * binary search rather than a scan, with the worst distance of every list in its own small array;
 * and distances are computed for a whole candidate set at once ({@link CandidateBlock}).
 *
 * <p>Parallel and deterministic: candidates are sampled with priorities hashed from the seed, the
 * round and the edge; joins run in blocks of points whose proposed updates are collected in point
 * order and then applied by the thread owning each target list, in that order. The same seed gives
 * the same graph with any number of threads.
 */
final class NeighborDescent {

    /**
     * The knobs of the search.
     *
     * @param trees         random projection trees seeding the lists
     * @param leafSize      largest leaf of a tree
     * @param maxCandidates new (and old) candidates sampled per point and round
     * @param maxRounds     most rounds of local joins
     * @param delta         the search stops when a round updates fewer than {@code delta k n} list entries
     * @param seed          seed of the trees, the random fill and the sampling
     */
    record Options(int trees, int leafSize, int maxCandidates, int maxRounds, double delta, long seed) {

        /** pynndescent's defaults as umap-learn sets them, for {@code n} points and {@code k} neighbours. */
        static Options defaults(int n, int k, long seed) {
            int trees = (int) Math.min(32, 5 + Math.round(Math.pow(n, 0.25)));
            int rounds = (int) Math.max(5, Math.round(Math.log(n) / Math.log(2)));
            return new Options(trees, Math.max(10, k + 1), 60, rounds, 0.001, seed);
        }
    }

    /**
     * Points joined before their proposed updates are applied. The proposals of a block are held until then (up to
     * two per candidate pair, 12 bytes each): 16,384 points made them the largest structure of a 100,000-cell search
     * (2.2 GB peak at k = 89); 2,048 keep them near 0.2 GB at the same speed and recall.
     */
    private static final int BLOCK = 2_048;

    private final float[] points;
    private final int n;
    private final int dims;
    private final int k;
    private final Options options;
    private final Workers workers;
    /** Each point's neighbours, sorted by number; {@code listSize} of them are valid. */
    private final int[] listIndex;
    private final float[] listDistance;
    private final boolean[] listNew;
    private final int[] listSize;
    /** The largest distance of a full list (infinite while it is not full), and where it is. */
    private final float[] worst;
    private final int[] worstAt;
    private final int[] newCandidates;
    private final int[] oldCandidates;
    private final float[] newPriority;
    private final float[] oldPriority;

    private NeighborDescent(float[] points, int n, int dims, int k, Options options, Workers workers) {
        this.points = points;
        this.n = n;
        this.dims = dims;
        this.k = k;
        this.options = options;
        this.workers = workers;
        this.listIndex = new int[n * k];
        this.listDistance = new float[n * k];
        this.listNew = new boolean[n * k];
        this.listSize = new int[n];
        this.worst = new float[n];
        this.worstAt = new int[n];
        Arrays.fill(worst, Float.POSITIVE_INFINITY);
        int candidates = n * options.maxCandidates();
        this.newCandidates = new int[candidates];
        this.oldCandidates = new int[candidates];
        this.newPriority = new float[candidates];
        this.oldPriority = new float[candidates];
    }

    /**
     * The approximate {@code k} nearest neighbours of the {@code n} rows of {@code points}
     * ({@code dims} columns).
     */
    static KnnGraph search(float[] points, int n, int dims, int k, Options options, Workers workers,
            DoubleConsumer progress) {
        int[] order = RandomProjectionTree.build(points, n, dims, options.leafSize(),
                mix(options.seed(), 0x1B873593L, -1, 0)).order();
        float[] local = new float[points.length];
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(points, order[i] * dims, local, i * dims, dims);
            }
        });
        NeighborDescent search = new NeighborDescent(local, n, dims, k, options, workers);
        search.seedFromForest();
        search.fillRandomly();
        for (int round = 0; round < options.maxRounds(); round++) {
            long updates = search.round(round);
            progress.accept((round + 1) / (double) options.maxRounds());
            if (updates <= options.delta() * k * n) {
                break;
            }
        }
        progress.accept(1);
        return search.graph(order);
    }

    /** Every pair of points sharing a leaf enters both lists; a tree's leaves are disjoint, so they run in parallel. */
    private void seedFromForest() {
        RandomProjectionTree[] trees = new RandomProjectionTree[options.trees()];
        workers.forParts(trees.length, trees.length, (part, from, to) -> {
            for (int t = from; t < to; t++) {
                trees[t] = RandomProjectionTree.build(points, n, dims, options.leafSize(),
                        mix(options.seed(), 0x7F4A7C15L, t, 0));
            }
        });
        for (RandomProjectionTree tree : trees) {
            workers.checkCancelled();
            workers.forRange(tree.leafCount(), (part, from, to) -> {
                CandidateBlock leafPoints = new CandidateBlock(points, dims, options.leafSize());
                for (int leaf = from; leaf < to; leaf++) {
                    leafPoints.clear();
                    for (int a = tree.leaves()[leaf]; a < tree.leaves()[leaf + 1]; a++) {
                        leafPoints.add(tree.order()[a]);
                    }
                    for (int a = 0; a < leafPoints.size(); a++) {
                        double[] d = leafPoints.distancesAfter(a);
                        int p = leafPoints.id(a);
                        for (int b = a + 1; b < leafPoints.size(); b++) {
                            int q = leafPoints.id(b);
                            push(p, q, (float) d[b]);
                            push(q, p, (float) d[b]);
                        }
                    }
                }
            });
        }
    }

    /** Lists the forest left short are filled with random points. */
    private void fillRandomly() {
        workers.forRange(n, (part, from, to) -> {
            CandidateBlock pair = new CandidateBlock(points, dims, 2);
            for (int i = from; i < to; i++) {
                if (listSize[i] == k) {
                    continue;
                }
                SplittableRandom random = new SplittableRandom(mix(options.seed(), 0x3C6EF372L, i, 1));
                for (int attempt = 0; attempt < 4 * k && listSize[i] < k; attempt++) {
                    offerRandom(pair, i, random.nextInt(n));
                }
                for (int j = 0; j < n && listSize[i] < k; j++) {
                    offerRandom(pair, i, j);
                }
            }
        });
    }

    private void offerRandom(CandidateBlock pair, int i, int j) {
        if (j != i) {
            pair.clear();
            pair.add(i);
            pair.add(j);
            push(i, j, (float) pair.distancesAfter(0)[1]);
        }
    }

    /** One round: sample candidates, join them block by block; returns the number of list updates. */
    private long round(int round) {
        int maxCandidates = options.maxCandidates();
        Arrays.fill(newCandidates, -1);
        Arrays.fill(oldCandidates, -1);
        Arrays.fill(newPriority, Float.POSITIVE_INFINITY);
        Arrays.fill(oldPriority, Float.POSITIVE_INFINITY);
        // each owner scans every edge and keeps the candidates of its own points, in edge order
        workers.forParts(n, workers.threads(), (part, from, to) -> {
            for (int i = 0; i < n; i++) {
                for (int t = i * k; t < i * k + listSize[i]; t++) {
                    int j = listIndex[t];
                    float priority = priority(round, i, j);
                    int[] candidates = listNew[t] ? newCandidates : oldCandidates;
                    float[] priorities = listNew[t] ? newPriority : oldPriority;
                    if (i >= from && i < to) {
                        candidatePush(candidates, priorities, i, j, priority);
                    }
                    if (j >= from && j < to) {
                        candidatePush(candidates, priorities, j, i, priority);
                    }
                }
            }
        });
        // sampled new neighbours become old
        workers.forRange(n, (part, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int t = i * k; t < i * k + listSize[i]; t++) {
                    if (listNew[t] && contains(newCandidates, i * maxCandidates, maxCandidates, listIndex[t])) {
                        listNew[t] = false;
                    }
                }
            }
        });
        long updates = 0;
        for (int blockStart = 0; blockStart < n; blockStart += BLOCK) {
            workers.checkCancelled();
            int blockEnd = Math.min(n, blockStart + BLOCK);
            int parts = workers.balancedParts(blockEnd - blockStart);
            Updates[] proposed = new Updates[parts];
            int start = blockStart;
            workers.forParts(blockEnd - blockStart, parts, (part, from, to) -> {
                proposed[part] = join(start + from, start + to);
            });
            long[] applied = new long[workers.threads()];
            workers.forParts(n, workers.threads(), (part, from, to) -> {
                long count = 0;
                for (Updates u : proposed) {
                    for (int e = 0; e < u.size; e++) {
                        int p = u.p[e];
                        if (p >= from && p < to && push(p, u.q[e], u.d[e])) {
                            count++;
                        }
                    }
                }
                applied[part] = count;
            });
            for (long count : applied) {
                updates += count;
            }
        }
        return updates;
    }

    /**
     * The list updates proposed by the local joins of points {@code from..to}: every new candidate of
     * a point is paired with every later new and every old candidate, and each of the two is offered
     * the other when it is closer than its current worst neighbour.
     */
    private Updates join(int from, int to) {
        int maxCandidates = options.maxCandidates();
        Updates updates = new Updates();
        CandidateBlock block = new CandidateBlock(points, dims, 2 * maxCandidates);
        float[] threshold = new float[2 * maxCandidates];
        for (int i = from; i < to; i++) {
            int base = i * maxCandidates;
            block.clear();
            for (int a = 0; a < maxCandidates; a++) {
                if (newCandidates[base + a] >= 0) {
                    block.add(newCandidates[base + a]);
                }
            }
            int fresh = block.size();
            for (int b = 0; b < maxCandidates; b++) {
                int q = oldCandidates[base + b];
                if (q >= 0) {
                    block.add(q);
                }
            }
            int size = block.size();
            for (int t = 0; t < size; t++) {
                threshold[t] = worst[block.id(t)];
            }
            for (int a = 0; a < fresh; a++) {
                int p = block.id(a);
                double[] d = block.distancesAfter(a);
                for (int b = a + 1; b < size; b++) {
                    float distance = (float) d[b];
                    int q = block.id(b);
                    if (q == p) {
                        continue; // a point can be both a new and an old candidate
                    }
                    if (distance < threshold[a]) {
                        updates.add(p, q, distance);
                    }
                    if (distance < threshold[b]) {
                        updates.add(q, p, distance);
                    }
                }
            }
        }
        return updates;
    }

    /** Offers {@code j} at squared distance {@code d} to the list of {@code row}; true when it entered. */
    private boolean push(int row, int j, float d) {
        if (d >= worst[row]) {
            return false;
        }
        int base = row * k;
        int size = listSize[row];
        int at = Arrays.binarySearch(listIndex, base, base + size, j);
        if (at >= 0) {
            return false;
        }
        int insert = -(at + 1);
        if (size < k) {
            shiftRight(insert, base + size);
            put(insert, j, d);
            listSize[row] = size + 1;
            if (size + 1 == k) {
                findWorst(row);
            }
            return true;
        }
        int evicted = worstAt[row];
        if (evicted < insert) {
            shiftLeft(evicted, insert - 1);
            put(insert - 1, j, d);
        } else {
            shiftRight(insert, evicted);
            put(insert, j, d);
        }
        findWorst(row);
        return true;
    }

    private void put(int at, int j, float d) {
        listIndex[at] = j;
        listDistance[at] = d;
        listNew[at] = true;
    }

    /** Moves entries {@code from .. to-1} one place right (entry {@code to} is overwritten). */
    private void shiftRight(int from, int to) {
        System.arraycopy(listIndex, from, listIndex, from + 1, to - from);
        System.arraycopy(listDistance, from, listDistance, from + 1, to - from);
        System.arraycopy(listNew, from, listNew, from + 1, to - from);
    }

    /** Moves entries {@code from+1 .. to} one place left (entry {@code from} is overwritten). */
    private void shiftLeft(int from, int to) {
        System.arraycopy(listIndex, from + 1, listIndex, from, to - from);
        System.arraycopy(listDistance, from + 1, listDistance, from, to - from);
        System.arraycopy(listNew, from + 1, listNew, from, to - from);
    }

    private void findWorst(int row) {
        int base = row * k;
        int at = base;
        for (int t = base + 1; t < base + k; t++) {
            if (listDistance[t] > listDistance[at]) {
                at = t;
            }
        }
        worst[row] = listDistance[at];
        worstAt[row] = at;
    }

    /** Keeps the {@code maxCandidates} lowest-priority candidates of {@code row} (a max-heap on priority). */
    private void candidatePush(int[] candidates, float[] priorities, int row, int j, float priority) {
        int size = options.maxCandidates();
        int base = row * size;
        if (priority >= priorities[base] || contains(candidates, base, size, j)) {
            return;
        }
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                break;
            }
            int child = left + 1 < size && priorities[base + left + 1] > priorities[base + left] ? left + 1 : left;
            if (priorities[base + child] <= priority) {
                break;
            }
            priorities[base + at] = priorities[base + child];
            candidates[base + at] = candidates[base + child];
            at = child;
        }
        priorities[base + at] = priority;
        candidates[base + at] = j;
    }

    /** Whether {@code value} is in {@code array[from .. from+length)}; counts without branching so that the JIT vectorises it. */
    private static boolean contains(int[] array, int from, int length, int value) {
        int hits = 0;
        for (int t = from; t < from + length; t++) {
            hits += array[t] == value ? 1 : 0;
        }
        return hits != 0;
    }

    /** The lists, nearest first, as a graph of Euclidean distances in the original numbering ({@code order[local]}). */
    private KnnGraph graph(int[] order) {
        int[] indices = new int[n * k];
        double[] distances = new double[n * k];
        workers.forRange(n, (part, from, to) -> {
            long[] keys = new long[k];
            for (int i = from; i < to; i++) {
                for (int t = 0; t < k; t++) {
                    // non-negative floats order like their bits; ties by original number
                    keys[t] = (long) Float.floatToIntBits(listDistance[i * k + t]) << 32
                            | (order[listIndex[i * k + t]] & 0xFFFFFFFFL);
                }
                Arrays.sort(keys);
                int row = order[i];
                for (int t = 0; t < k; t++) {
                    indices[row * k + t] = (int) keys[t];
                    distances[row * k + t] = Math.sqrt(Float.intBitsToFloat((int) (keys[t] >>> 32)));
                }
            }
        });
        return new KnnGraph(n, k, indices, distances);
    }

    /** A uniform priority in [0, 1) for edge (i, j) in {@code round}, from the seed. */
    private float priority(int round, int i, int j) {
        return (mix(options.seed(), round, i, j) >>> 40) * 0x1.0p-24f;
    }

    /** SplitMix64's finaliser over a combination of the inputs. */
    static long mix(long seed, long a, long b, long c) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xC2B2AE3D27D4EB4FL * (b + 1) + 0x165667B19E3779F9L * (c + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A growable list of proposed updates: point p is offered neighbour q at a squared distance. */
    private static final class Updates {
        int[] p = new int[1024];
        int[] q = new int[1024];
        float[] d = new float[1024];
        int size;

        void add(int a, int b, float distance) {
            if (size == p.length) {
                p = Arrays.copyOf(p, size * 2);
                q = Arrays.copyOf(q, size * 2);
                d = Arrays.copyOf(d, size * 2);
            }
            p[size] = a;
            q[size] = b;
            d[size++] = distance;
        }
    }
}
