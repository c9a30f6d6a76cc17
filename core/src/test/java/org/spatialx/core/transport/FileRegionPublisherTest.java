package org.spatialx.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file region published as the HTTP client pulls it: exact bytes, bounded buffers, progress, read errors. */
class FileRegionPublisherTest {

    @TempDir
    Path temp;

    /** Requests one buffer at a time from inside onNext, as a strict subscriber may. */
    static class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffers;
        int largest;
        boolean completed;
        Throwable error;
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            buffers++;
            largest = Math.max(largest, item.remaining());
            byte[] copy = new byte[item.remaining()];
            item.get(copy);
            bytes.writeBytes(copy);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    @Test
    void aRegionArrivesExactlyInBoundedBuffersWithItsProgress() throws IOException {
        byte[] content = random(3 * FileRegionPublisher.BUFFER_SIZE + 12345, 7);
        Path file = Files.write(temp.resolve("data.bin"), content);
        int offset = 1000;
        int length = content.length - offset - 17;
        AtomicLong handedOver = new AtomicLong();

        Collector collector = new Collector();
        new FileRegionPublisher(new FileRegion(file, offset, length), handedOver::addAndGet).subscribe(collector);

        assertTrue(collector.completed, "completed");
        assertArrayEquals(Arrays.copyOfRange(content, offset, offset + length), collector.bytes.toByteArray());
        assertEquals(FileRegionPublisher.BUFFER_SIZE, collector.largest);
        assertEquals(4, collector.buffers);
        assertEquals(length, handedOver.get());
    }

    @Test
    void aFileShortenedWhileSentIsAnErrorNamingIt() throws IOException {
        Path file = Files.write(temp.resolve("short.bin"), new byte[1000]);

        Collector collector = new Collector();
        new FileRegionPublisher(new FileRegion(file, 0, 5000), null).subscribe(collector);

        UncheckedIOException error = assertInstanceOf(UncheckedIOException.class, collector.error);
        assertInstanceOf(EOFException.class, error.getCause());
        assertTrue(error.getMessage().contains("short.bin ends at byte 1000"), error.getMessage());
        assertEquals(0, collector.bytes.size(), "a buffer that could not be filled is not handed over");
    }

    @Test
    void aBufferIsFilledAgainOnlyOnceTheClientConsumedIt() throws IOException {
        byte[] content = random(20 * FileRegionPublisher.BUFFER_SIZE + 5, 11);
        Path file = Files.write(temp.resolve("reuse.bin"), content);

        // consumed at once: a couple of buffers go round
        Set<ByteBuffer> consumedBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
        Collector consuming = new Collector() {
            @Override
            public void onNext(ByteBuffer item) {
                consumedBuffers.add(item);
                super.onNext(item);
            }
        };
        new FileRegionPublisher(new FileRegion(file, 0, content.length), null).subscribe(consuming);
        assertArrayEquals(content, consuming.bytes.toByteArray());
        assertTrue(consumedBuffers.size() <= 2, consumedBuffers.size() + " buffers");

        // kept and never consumed (a client that sends copies): every buffer is a new one, its bytes intact
        List<ByteBuffer> kept = new ArrayList<>();
        Flow.Subscriber<ByteBuffer> keeping = new Collector() {
            @Override
            public void onNext(ByteBuffer item) {
                kept.add(item);
                subscription.request(1);
            }
        };
        new FileRegionPublisher(new FileRegion(file, 0, content.length), null).subscribe(keeping);
        Set<ByteBuffer> keptBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
        keptBuffers.addAll(kept);
        assertEquals(21, keptBuffers.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (ByteBuffer buffer : kept) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            joined.writeBytes(copy);
        }
        assertArrayEquals(content, joined.toByteArray());
    }

    @Test
    void theReadListenerSeesEveryBufferAtItsFilePositionBeforeTheClient() throws IOException {
        byte[] content = random(2 * FileRegionPublisher.BUFFER_SIZE + 999, 12);
        Path file = Files.write(temp.resolve("seen.bin"), content);
        int offset = 500;
        FileRegion region = new FileRegion(file, offset, content.length - offset);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        List<Long> positions = new ArrayList<>();
        RegionReadListener listener = (read, position, bytes) -> {
            assertEquals(region, read);
            positions.add(position);
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            seen.writeBytes(copy);
        };

        Collector collector = new Collector();
        new FileRegionPublisher(region, null, listener).subscribe(collector);

        assertArrayEquals(Arrays.copyOfRange(content, offset, content.length), seen.toByteArray());
        assertArrayEquals(seen.toByteArray(), collector.bytes.toByteArray(), "the client got every byte, untouched");
        assertEquals(List.of((long) offset, (long) offset + FileRegionPublisher.BUFFER_SIZE,
                (long) offset + 2L * FileRegionPublisher.BUFFER_SIZE), positions);
    }

    @Test
    void aFailingReadListenerFailsTheBodyLikeAnUnreadableFile() throws IOException {
        Path file = Files.write(temp.resolve("refused.bin"), new byte[1000]);

        Collector collector = new Collector();
        new FileRegionPublisher(new FileRegion(file, 0, 1000), null, (region, position, bytes) -> {
            throw new IOException("cannot hash " + region.path().getFileName());
        }).subscribe(collector);

        UncheckedIOException error = assertInstanceOf(UncheckedIOException.class, collector.error);
        assertTrue(error.getMessage().contains("cannot hash refused.bin"), error.getMessage());
        assertEquals(0, collector.bytes.size());
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
