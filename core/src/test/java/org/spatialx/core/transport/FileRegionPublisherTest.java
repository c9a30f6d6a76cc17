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
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file region published as the HTTP client pulls it: exact bytes, bounded buffers, progress, read errors. */
class FileRegionPublisherTest {

    @TempDir
    Path temp;

    /** Requests one buffer at a time from inside onNext, as a strict subscriber may. */
    static final class Collector implements Flow.Subscriber<ByteBuffer> {
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
        byte[] content = new byte[3 * FileRegionPublisher.BUFFER_SIZE + 12345];
        new Random(7).nextBytes(content);
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
}
