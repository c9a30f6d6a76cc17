package org.spatialx.core.upload;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.core.transport.BytesSentListener;

/**
 * Progress of one upload (a file or a whole folder): counts the bytes sent, tells the connector's
 * {@link UploadProgressListener} (which may draw a bar) and logs one summary line when it ends.
 * Safe to advance from several chunk threads at once.
 */
final class UploadProgress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadProgress.class);

    private final String label;
    private final long total;
    private final UploadProgressListener.Upload listener;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();

    private UploadProgress(String label, long total, UploadProgressListener.Upload listener) {
        this.label = label;
        this.total = total;
        this.listener = listener;
    }

    /** Progress of {@code total} bytes named {@code label}, reported to {@code listener}. */
    static UploadProgress start(String label, long total, boolean debugMode, UploadProgressListener listener) {
        return new UploadProgress(label, total, listener.started(label, total, debugMode));
    }

    /** Adds {@code bytes} (negative to take back the bytes of a chunk that will be re-sent). */
    void advance(long bytes) {
        if (bytes == 0) {
            return;
        }
        done.addAndGet(bytes);
        listener.advanced(bytes);
    }

    /**
     * A listener of one request's file bytes that advances this progress; {@code counted} holds what
     * it has counted so far, so that a failed attempt can be taken back.
     */
    BytesSentListener counting(AtomicLong counted) {
        return (sent, total) -> {
            long now = Math.min(sent, total);
            long before = counted.getAndSet(now);
            advance(now - before);
        };
    }

    /** Names the file of a folder being sent. */
    void describe(String current) {
        listener.sending(current);
    }

    /** Bytes counted so far. */
    long done() {
        return done.get();
    }

    /** Logs the summary line of a finished upload. */
    void finished(String detail) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = Math.max(took.toNanos() / 1e9, 1e-9);
        LOG.info("Uploaded {} ({} bytes) in {} s, {} MB/s{}", label, total, String.format("%.1f", seconds),
                String.format("%.1f", total / seconds / 1e6), detail.isEmpty() ? "" : ", " + detail);
    }

    @Override
    public void close() {
        listener.close();
    }
}
