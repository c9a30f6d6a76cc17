package org.spatialx.server.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SHA-256 fed from the receiving thread and computed on a thread of its own: {@link #update} copies the
 * bytes into one of a few reused buffers and queues it, so the request thread receives and writes the next
 * bytes while this one hashes. On one thread, receiving, writing and hashing every byte of a chunk kept one
 * core busy while the other waited for it (BENCHMARKS.md, "Uploads"). The copy costs far less than reading
 * the chunk back from the staging file would. Memory is bounded: {@value #BUFFERS} buffers of
 * {@value #BUFFER_SIZE} bytes per chunk being hashed; a full queue makes the receiving thread wait.
 */
final class HashingThread {

    static final int BUFFER_SIZE = 256 << 10;
    static final int BUFFERS = 8;

    /** A filled buffer, or the end ({@code length} < 0). */
    private record Block(byte[] bytes, int length) {
    }

    private static final Block END = new Block(new byte[0], -1);

    private final MessageDigest digest;
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread thread;
    private volatile Throwable failure;
    /** Buffers made so far (at most {@value #BUFFERS}); only the receiving thread makes them. */
    private int allocated;
    private boolean ended;

    /** Starts hashing into {@code digest} (which this object owns from now on) on a new thread. */
    HashingThread(MessageDigest digest, String name) {
        this.digest = digest;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    private void run() {
        try {
            while (true) {
                Block block = filled.take();
                if (block.length() < 0) {
                    return;
                }
                digest.update(block.bytes(), 0, block.length());
                free.add(block.bytes());
            }
        } catch (InterruptedException | RuntimeException e) {
            failure = e;
        }
    }

    /** Queues a copy of {@code bytes[offset, offset + length)} to be hashed after the bytes queued before. */
    void update(byte[] bytes, int offset, int length) throws IOException {
        try {
            while (length > 0) {
                byte[] buffer = free.poll();
                if (buffer == null && allocated < BUFFERS) {
                    buffer = new byte[BUFFER_SIZE];
                    allocated++;
                }
                while (buffer == null) {
                    requireAlive();
                    buffer = free.poll(100, TimeUnit.MILLISECONDS);
                }
                int n = Math.min(length, buffer.length);
                System.arraycopy(bytes, offset, buffer, 0, n);
                put(new Block(buffer, n));
                offset += n;
                length -= n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing bytes to hash");
        }
    }

    /** Waits until every queued byte is hashed and returns the digest. */
    MessageDigest finish() throws IOException {
        end();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hash of a chunk");
        }
        if (failure != null) {
            throw new IOException("hashing the chunk failed: " + failure, failure);
        }
        return digest;
    }

    /** Stops the thread without waiting for its hash (a chunk that did not arrive whole). */
    void abandon() {
        thread.interrupt();
    }

    private void end() throws IOException {
        if (!ended) {
            ended = true;
            try {
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while ending a hash");
            }
        }
    }

    /** Queues {@code block}, waiting while the queue is full and the hashing thread runs. */
    private void put(Block block) throws IOException, InterruptedException {
        while (!filled.offer(block, 100, TimeUnit.MILLISECONDS)) {
            requireAlive();
        }
    }

    private void requireAlive() throws IOException {
        if (!thread.isAlive()) {
            throw new IOException("the thread hashing the chunk stopped"
                    + (failure == null ? "" : ": " + failure), failure);
        }
    }
}
