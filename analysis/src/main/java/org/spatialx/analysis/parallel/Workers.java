package org.spatialx.analysis.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.spatialx.api.analysis.AnalysisContext;

/**
 * The threads an analysis may use, and its cancellation: loops over index ranges cut into parts
 * that run on a fork-join pool of {@link #threads()} workers (inline when there is one).
 *
 * <p>Parts are contiguous ranges whose bounds depend only on the range's length and the number of
 * parts, never on the thread count or on scheduling: a computation that reduces per-part results in
 * part order gives bit-identical results with 1 or 16 threads.
 */
public final class Workers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ForkJoinPool pool;
    private final BooleanSupplier cancelled;

    private Workers(int threads, BooleanSupplier cancelled) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.cancelled = cancelled;
        if (threads == 1) {
            this.pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger worker = new AtomicInteger();
            this.pool = new ForkJoinPool(threads, p -> {
                ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                thread.setName("spatialx-analysis-" + id + "-" + worker.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, null, false);
        }
    }

    /** {@code threads} workers whose loops stop when {@code cancelled} turns true. */
    public static Workers of(int threads, BooleanSupplier cancelled) {
        return new Workers(threads, cancelled);
    }

    /** {@code threads} workers that are never cancelled. */
    public static Workers of(int threads) {
        return new Workers(threads, () -> false);
    }

    /** The threads and cancellation of a running analysis. */
    public static Workers of(AnalysisContext context) {
        return new Workers(Math.max(1, context.threads()), context::cancelled);
    }

    /** Number of threads. */
    public int threads() {
        return threads;
    }

    /** Throws {@link CancellationException} once the analysis is cancelled; long loops call it now and then. */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("analysis cancelled");
        }
    }

    /** The work of one part of a range. */
    @FunctionalInterface
    public interface RangeTask {
        /** Processes indices {@code from} (inclusive) to {@code to} (exclusive), part number {@code part}. */
        void run(int part, int from, int to);
    }

    /** First index of part {@code part} when {@code n} indices are cut into {@code parts}. */
    public static int partStart(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    /** A part count that keeps every thread busy (several parts per thread), at most {@code n}. */
    public int balancedParts(int n) {
        return Math.max(1, Math.min(n, threads == 1 ? 1 : threads * 8));
    }

    /**
     * Runs {@code task} over {@code [0, n)} cut into {@code parts} contiguous parts, in parallel,
     * and returns when every part is done. Cancellation is checked before each part.
     */
    public void forParts(int n, int parts, RangeTask task) {
        if (n <= 0) {
            return;
        }
        int count = Math.max(1, Math.min(parts, n));
        if (pool == null || count == 1) {
            for (int part = 0; part < count; part++) {
                checkCancelled();
                task.run(part, partStart(n, count, part), partStart(n, count, part + 1));
            }
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(count);
        for (int part = 0; part < count; part++) {
            int p = part;
            tasks.add(ForkJoinTask.adapt(() -> {
                checkCancelled();
                task.run(p, partStart(n, count, p), partStart(n, count, p + 1));
            }));
        }
        // join() rethrows a part's RuntimeException or Error as it is (a cancellation stays a cancellation)
        pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
    }

    /**
     * Runs {@code task} once for every index of {@code [0, count)}, each index a part of its own: for work
     * the caller has already cut into pieces whose size does not depend on the thread count.
     */
    public void forEach(int count, java.util.function.IntConsumer task) {
        forParts(count, count, (part, from, to) -> task.accept(part));
    }

    /** Runs {@code task} over {@code [0, n)} in {@link #balancedParts} parts. */
    public void forRange(int n, RangeTask task) {
        forParts(n, balancedParts(n), task);
    }

    /** Adds one part's contribution to a vector of sums. */
    @FunctionalInterface
    public interface Accumulator {
        /** Adds the contribution of indices {@code from} to {@code to} (exclusive) to {@code sums}. */
        void add(int from, int to, double[] sums);
    }

    /**
     * Sums a vector of {@code length} over {@code [0, n)}: each of {@code parts} parts accumulates
     * into its own vector, and the vectors are added in part order, so the result does not depend on
     * the thread count.
     */
    public double[] sumOverParts(int n, int parts, int length, Accumulator accumulator) {
        int count = Math.max(1, Math.min(parts, n));
        double[][] partial = new double[count][];
        forParts(n, count, (part, from, to) -> {
            double[] sums = new double[length];
            accumulator.add(from, to, sums);
            partial[part] = sums;
        });
        double[] total = partial[0] == null ? new double[length] : partial[0];
        for (int part = 1; part < count; part++) {
            double[] sums = partial[part];
            for (int i = 0; i < length; i++) {
                total[i] += sums[i];
            }
        }
        return total;
    }

    /** Stops the pool's threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
