package org.spatialx.core.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of a {@link FileRegion}, read with positional reads into 256 KiB buffers as the HTTP client
 * asks for them. {@code BodyPublishers.ofInputStream} over a channel stream did the same in 16 KiB steps,
 * each a new array, a stream read through a temporary buffer and an iterator step: a third of the client's
 * CPU time in a one-shot 1 GiB upload (BENCHMARKS.md, "Uploads: one-shot"). A read failure reaches the
 * subscriber as an {@link UncheckedIOException}, which the transport reports as an unreadable local file.
 *
 * <p>A buffer is filled again once the HTTP client has consumed it (nothing remains in it: its bytes were
 * copied into the socket, or into an encrypted record, before its position moved), else a new one is
 * allocated. Allocating and zeroing a fresh 256 KiB array per read, on fresh heap pages, was most of the
 * sending thread's CPU time (BENCHMARKS.md, "Uploads"). A client that hands the network a copy or slice of
 * a buffer never moves its position, so that buffer is simply not reused. Buffers are direct: the file is
 * read straight into them and the socket written straight from them, where a heap buffer goes through a
 * temporary direct one each way (a copy of every byte twice; about 0.1 s of CPU per GiB less, measured).
 */
final class FileRegionPublisher implements Flow.Publisher<ByteBuffer> {

    static final int BUFFER_SIZE = 256 << 10;
    /** Buffers of one pass kept for reuse (the HTTP client holds one or two at a time): 2 MiB at most. */
    static final int REUSED_BUFFERS = 8;

    /** Told the running count of bytes handed over (the body's progress). */
    interface Progress {
        void handedOver(long bytes);
    }

    private final FileRegion region;
    private final Progress progress;
    private final RegionReadListener reads;

    FileRegionPublisher(FileRegion region, Progress progress) {
        this(region, progress, null);
    }

    /** A publisher that also shows {@code reads} (when not null) every buffer it reads, before handing it over. */
    FileRegionPublisher(FileRegion region, Progress progress, RegionReadListener reads) {
        this.region = region;
        this.progress = progress;
        this.reads = reads;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Reading(subscriber));
    }

    /** One pass over the region (the client subscribes again to re-send). */
    private final class Reading implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drains = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean finished;
        private FileChannel channel;
        private long position = region.offset();
        /** Buffers handed over, oldest first: each is reused once the client has consumed it. */
        private final ArrayDeque<ByteBuffer> handedOver = new ArrayDeque<>(REUSED_BUFFERS);

        Reading(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        /** Serialises the reads: onNext may request more from inside, or another thread at the same time. */
        private void drain() {
            if (drains.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!finished && !cancelled && demand.get() > 0) {
                    ByteBuffer next;
                    try {
                        next = read();
                    } catch (IOException e) {
                        finish();
                        subscriber.onError(new UncheckedIOException(e));
                        break;
                    }
                    if (next == null) {
                        finish();
                        subscriber.onComplete();
                        break;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(next);
                }
                if (cancelled && !finished) {
                    finish();
                }
            } while (drains.decrementAndGet() != 0);
        }

        private ByteBuffer read() throws IOException {
            long remaining = region.offset() + region.length() - position;
            if (remaining <= 0) {
                return null;
            }
            if (channel == null) {
                channel = FileChannel.open(region.path(), StandardOpenOption.READ);
            }
            ByteBuffer buffer = emptyBuffer((int) Math.min(BUFFER_SIZE, remaining));
            int length = buffer.limit();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new EOFException(region.path() + " ends at byte " + (position + buffer.position())
                            + ", before the " + region.length() + " bytes from " + region.offset()
                            + " being sent (it was shortened meanwhile)");
                }
            }
            buffer.flip();
            if (reads != null) {
                reads.read(region, position, buffer);
            }
            position += length;
            if (progress != null) {
                progress.handedOver(length);
            }
            handedOver.addLast(buffer);
            return buffer;
        }

        /**
         * A buffer of {@code length} bytes to fill: the oldest one handed over when the client has consumed it,
         * else a new one. Its position is only ever moved past its last byte by the client once that byte is
         * copied away, so seeing nothing remaining (even late) means the buffer is free.
         */
        private ByteBuffer emptyBuffer(int length) {
            ByteBuffer oldest = handedOver.peekFirst();
            if (oldest != null && (!oldest.hasRemaining() || handedOver.size() >= REUSED_BUFFERS)) {
                handedOver.removeFirst();
                if (!oldest.hasRemaining() && oldest.capacity() >= length) {
                    return oldest.clear().limit(length);
                }
                // still held by the client: left to it; a new buffer takes its place
            }
            // only the last read of a region is shorter than BUFFER_SIZE; a buffer never reused (the client kept
            // it) is freed by the collector like a heap one
            return ByteBuffer.allocateDirect(length);
        }

        private void finish() {
            finished = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Only read from: nothing is lost when closing fails.
                }
            }
        }
    }
}
