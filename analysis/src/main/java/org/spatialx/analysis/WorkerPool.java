package org.spatialx.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of one running analysis ({@code AnalysisContext.threads()} of them, the caller's
 * thread included). Work is cut into indexed pieces of a fixed size that does not depend on the
 * thread count, and partial results are combined in index order, so that a result is the same
 * whatever the number of threads.
 */
public final class WorkerPool implements AutoCloseable {

    /** One piece of work. */
    @FunctionalInterface
    public interface Task {
        /**
         * Does piece {@code index}.
         *
         * @param worker which thread runs it, {@code 0 .. threads()-1}: an index into per-thread scratch space
         */
        void run(int worker, int index);
    }

    private final int threads;
    private final ExecutorService helpers;

    /** A pool of {@code threads} threads (at least one: the caller's). */
    public WorkerPool(int threads) {
        this.threads = Math.max(1, threads);
        this.helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "spatialx-analysis-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The number of threads, the caller's included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} once for every index {@code 0 .. count-1}, in no particular order, and returns
     * when all are done. After a failure (a cancellation included) no new index starts and the first
     * failure is rethrown. Must not be called from inside a task.
     */
    public void forEach(int count, Task task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int helperCount = Math.min(threads - 1, count - 1);
        List<Future<?>> running = new ArrayList<>(Math.max(0, helperCount));
        for (int worker = 1; worker <= helperCount; worker++) {
            int id = worker;
            running.add(helpers.submit(() -> work(id, count, task, next, failure)));
        }
        work(0, count, task, next, failure);
        for (Future<?> future : running) {
            awaitQuietly(future, failure);
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private static void work(int worker, int count, Task task, AtomicInteger next, AtomicReference<Throwable> failure) {
        try {
            int index;
            while (failure.get() == null && (index = next.getAndIncrement()) < count) {
                task.run(worker, index);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void awaitQuietly(Future<?> future, AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        while (true) {
            try {
                future.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, new CancellationException("analysis interrupted"));
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
