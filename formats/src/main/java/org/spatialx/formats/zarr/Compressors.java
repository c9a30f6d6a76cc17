package org.spatialx.formats.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Where chunk writers compress and write their chunks: {@link #DIRECT} in the calling thread, or a
 * pool of threads (one per core) that several arrays share, with a bound on chunks in flight so
 * memory stays a few chunks per thread. Close the pool when the arrays are finished.
 */
public final class Compressors implements AutoCloseable {

    /** Compress and write in the calling thread. */
    public static final Compressors DIRECT = new Compressors(null, 0);

    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final List<Future<?>> pending = new ArrayList<>();

    private Compressors(ExecutorService pool, int permits) {
        this.pool = pool;
        this.inFlight = new Semaphore(Math.max(1, permits));
    }

    /** A pool of one thread per available core. */
    public static Compressors parallel() {
        int threads = Runtime.getRuntime().availableProcessors();
        return new Compressors(Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "zarr-chunk-writer");
            thread.setDaemon(true);
            return thread;
        }), 2 * threads);
    }

    /** A chunk's compression and write. */
    @FunctionalInterface
    interface ChunkTask {
        void run() throws IOException;
    }

    void run(ChunkTask task) throws IOException {
        if (pool == null) {
            task.run();
            return;
        }
        inFlight.acquireUninterruptibly();
        synchronized (pending) {
            pending.add(pool.submit(() -> {
                try {
                    task.run();
                    return null;
                } finally {
                    inFlight.release();
                }
            }));
        }
    }

    /**
     * Waits for every chunk submitted so far, all of them even after a failure (so that no write lands
     * after the caller cleaned up), then rethrows the first failure, naming {@code array}.
     */
    void await(Path array) throws IOException {
        if (pool == null) {
            return;
        }
        List<Future<?>> waiting;
        synchronized (pending) {
            waiting = new ArrayList<>(pending);
            pending.clear();
        }
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> future : waiting) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first != null) {
            throw new ZarrException("Writing a chunk of " + array + " failed: " + first, first);
        }
    }

    /** Lets the chunks in flight finish (their failures no longer matter) and stops the threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
