package org.spatialx.core.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of a {@link FileRegion}, read with positional reads into 256 KiB buffers as the HTTP client
 * asks for them. {@code BodyPublishers.ofInputStream} over a channel stream did the same in 16 KiB steps,
 * each a new array, a stream read through a temporary buffer and an iterator step: a third of the client's
 * CPU time in a one-shot 1 GiB upload (BENCHMARKS.md, "Uploads: one-shot"). A read failure reaches the
 * subscriber as an {@link UncheckedIOException}, which the transport reports as an unreadable local file.
 */
final class FileRegionPublisher implements Flow.Publisher<ByteBuffer> {

    static final int BUFFER_SIZE = 256 << 10;

    /** Told the running count of bytes handed over (the body's progress). */
    interface Progress {
        void handedOver(long bytes);
    }

    private final FileRegion region;
    private final Progress progress;

    FileRegionPublisher(FileRegion region, Progress progress) {
        this.region = region;
        this.progress = progress;
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
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, remaining));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new EOFException(region.path() + " ends at byte " + (position + buffer.position())
                            + ", before the " + region.length() + " bytes from " + region.offset()
                            + " being sent (it was shortened meanwhile)");
                }
            }
            position += buffer.capacity();
            if (progress != null) {
                progress.handedOver(buffer.capacity());
            }
            return buffer.flip();
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
