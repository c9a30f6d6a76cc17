package org.spatialx.core.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.SpatialXConnectionException;
import org.spatialx.core.SpatialXHttpException;
import org.spatialx.core.SpatialXServerException;
import org.spatialx.core.SpatialXTimeoutException;
import org.spatialx.core.transport.BytesSentListener;
import org.spatialx.core.transport.RegionReadListener;

/**
 * Sends chunks of one file with up to {@code parallel} requests in flight, each retried with a doubling
 * backoff on failures that may pass (connection, timeout, server errors, HTTP 5xx); the first chunk
 * that keeps failing stops the others. Only with the server's {@code parallel_chunks} extension.
 *
 * <p>The requests overlap but their bodies follow each other: a chunk starts once the one before it has
 * handed its last byte to the network, while that one's answer (the server's write, hash and commit) is still
 * on its way. So no round trip is lost between chunks, and both sides read and hash the file in order: bodies
 * streamed side by side made each side read the chunk that was ahead of its turn a second time to hash it,
 * and made two server threads contend for the staging file (BENCHMARKS.md, "Uploads").
 */
final class ParallelChunkSender {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelChunkSender.class);

    private final ChunkEndpoints endpoints;
    private final UploadSettings settings;

    ParallelChunkSender(ChunkEndpoints endpoints, UploadSettings settings) {
        this.endpoints = endpoints;
        this.settings = settings;
    }

    /**
     * Sends the chunks {@code indices} of {@code session} on {@code workers}, {@code parallel} at a time,
     * showing {@code reads} (or null) their bytes as they are read.
     *
     * @throws UploadException naming the chunk that failed; nothing is merged
     */
    void sendAll(ChunkSession session, List<Integer> indices, int parallel, UploadProgress progress,
                 RegionReadListener reads, ExecutorService workers) {
        Semaphore slots = new Semaphore(parallel);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        CompletableFuture<Void> previousStreamed = CompletableFuture.completedFuture(null);
        for (int index : indices) {
            try {
                slots.acquire();
                previousStreamed.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e); // never completed exceptionally
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new UploadException("Uploading " + session.file().path() + " was"
                        + " interrupted; run the same call again to resume it."));
                break;
            }
            if (failure.get() != null) {
                slots.release();
                break;
            }
            CompletableFuture<Void> streamed = new CompletableFuture<>();
            previousStreamed = streamed;
            sent.add(CompletableFuture.runAsync(() -> {
                try {
                    sendWithRetry(session, index, progress, reads, streamed, failure);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    streamed.complete(null);
                    slots.release();
                }
            }, workers));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        RuntimeException error = failure.get();
        if (error != null) {
            long held = progress.done();
            throw endpoints.failure(session.file(), "the upload stopped: " + error.getMessage() + "\nThe received"
                    + " chunks stay hidden on the server (" + held + " of " + session.file().size() + " bytes counted);"
                    + " nothing was merged. Run the same call again to resume: only the missing chunks are sent.",
                    error);
        }
    }

    /** Sends chunk {@code index}, completing {@code streamed} once its body was handed over whole. */
    private void sendWithRetry(ChunkSession session, int index, UploadProgress progress, RegionReadListener reads,
                               CompletableFuture<Void> streamed, AtomicReference<RuntimeException> failure) {
        ChunkPlan plan = session.plan();
        AtomicLong counted = new AtomicLong();
        BytesSentListener counting = progress.counting(counted);
        BytesSentListener listener = (sent, total) -> {
            counting.sent(sent, total);
            if (sent >= total) {
                streamed.complete(null);
            }
        };
        for (int attempt = 1; ; attempt++) {
            try {
                endpoints.send(session, index, listener, reads);
                return;
            } catch (SpatialXConnectionException | SpatialXTimeoutException | SpatialXServerException
                     | SpatialXHttpException e) {
                progress.advance(-counted.getAndSet(0));
                boolean transientFailure = !(e instanceof SpatialXHttpException http) || http.statusCode() >= 500;
                if (!transientFailure || attempt >= settings.maxAttempts() || failure.get() != null) {
                    throw new UploadException("chunk " + (index + 1) + " of " + plan.chunkCount() + " (sending_index "
                            + index + ", bytes " + plan.start(index) + ".." + plan.end(index)
                            + ") failed after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ": "
                            + e.getMessage(), e);
                }
                long delay = settings.retryBackoff().toMillis() << Math.min(attempt - 1, 16);
                LOG.warn("Chunk {} of {} failed ({}); attempt {} of {} in {} ms", index, session.file().path(),
                        firstLine(e.getMessage()), attempt + 1, settings.maxAttempts(), delay);
                sleep(delay);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadException("Interrupted while waiting to re-send a chunk; run the call again to resume.", e);
        }
    }
}
