package org.spatialx.core.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SHA-256 fed from one thread and computed on a thread of its own: {@link #update} copies the bytes into
 * one of a few reused buffers and queues them, so the feeding thread goes on receiving, writing or sending
 * while this one hashes. Both ends of an upload use it: the client hashes what it sends, the local server
 * what it receives, each beside the thread moving the bytes. On one thread, moving and hashing every byte
 * kept one core busy while the other waited (BENCHMARKS.md, "Uploads"). The copy costs far less than the
 * hash (and replaces the 4 KiB copies {@code MessageDigest.update} makes of a direct buffer). Memory is
 * bounded: {@value #BUFFERS} buffers of {@value #BUFFER_SIZE} bytes; a full queue makes the feeding thread
 * wait. Bytes are hashed in the order they were queued; one thread feeds it at a time.
 */
public final class HashingThread {

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
    /** Buffers made so far (at most {@value #BUFFERS}); only the feeding thread makes them. */
    private int allocated;
    private boolean ended;

    /** Starts hashing into {@code digest} (which this object owns from now on) on a new thread. */
    public HashingThread(MessageDigest digest, String name) {
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

    /** Queues a copy of the bytes {@code bytes} has remaining (its position does not move). */
    public void update(ByteBuffer bytes) throws IOException {
        ByteBuffer view = bytes.duplicate();
        while (view.hasRemaining()) {
            byte[] buffer = emptyBuffer();
            int n = Math.min(view.remaining(), buffer.length);
            view.get(buffer, 0, n);
            queue(buffer, n);
        }
    }

    /** Queues a copy of {@code bytes[offset, offset + length)} to be hashed after the bytes queued before. */
    public void update(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            byte[] buffer = emptyBuffer();
            int n = Math.min(length, buffer.length);
            System.arraycopy(bytes, offset, buffer, 0, n);
            queue(buffer, n);
            offset += n;
            length -= n;
        }
    }

    /** A free buffer: a new one while fewer than {@value #BUFFERS} exist, else one the hashing thread is done with. */
    private byte[] emptyBuffer() throws IOException {
        byte[] buffer = free.poll();
        if (buffer == null && allocated < BUFFERS) {
            allocated++;
            return new byte[BUFFER_SIZE];
        }
        try {
            while (buffer == null) {
                requireAlive();
                buffer = free.poll(100, TimeUnit.MILLISECONDS);
            }
            return buffer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing bytes to hash");
        }
    }

    private void queue(byte[] buffer, int length) throws IOException {
        try {
            put(new Block(buffer, length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing bytes to hash");
        }
    }

    /** Waits until every queued byte is hashed and returns the digest (call once, from the feeding thread). */
    public MessageDigest finish() throws IOException {
        end();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a hash");
        }
        if (failure != null) {
            throw new IOException("hashing failed: " + failure, failure);
        }
        return digest;
    }

    /** Stops the thread without waiting for its hash (a chunk that did not arrive whole). */
    public void abandon() {
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
            throw new IOException("the hashing thread stopped"
                    + (failure == null ? "" : ": " + failure), failure);
        }
    }
}
