package org.spatialx.core.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingThreadTest {

    @Test
    void hashesWhatItIsFedInOrderWhateverTheSizesAndKindsOfBuffers() throws Exception {
        byte[] content = new byte[5 * HashingThread.BUFFER_SIZE * HashingThread.BUFFERS + 12_345]; // many refills
        new Random(3).nextBytes(content);
        HashingThread hashing = new HashingThread(MessageDigest.getInstance("SHA-256"), "test-hash");
        int at = 0;
        Random sizes = new Random(4);
        while (at < content.length) {
            int n = Math.min(content.length - at, 1 + sizes.nextInt(3 * HashingThread.BUFFER_SIZE));
            if (sizes.nextBoolean()) {
                hashing.update(content, at, n);
            } else {
                ByteBuffer direct = ByteBuffer.allocateDirect(n).put(content, at, n).flip();
                hashing.update(direct);
                assertEquals(0, direct.position(), "the caller's buffer is left as it was");
            }
            at += n;
        }

        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), hashing.finish().digest());
    }

    @Test
    void anAbandonedHashStopsItsThreadAndTakesNoMoreBytes() throws Exception {
        HashingThread hashing = new HashingThread(MessageDigest.getInstance("SHA-256"), "test-hash");
        hashing.update(new byte[10], 0, 10);
        hashing.abandon();
        byte[] more = new byte[HashingThread.BUFFER_SIZE];
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 4 * HashingThread.BUFFERS; i++) { // more than the queue holds: it notices
                hashing.update(more, 0, more.length);
            }
        });
    }
}
