package org.spatialx.core.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.core.transport.FileRegion;

/**
 * The file's SHA-256 taken from the reads that send its chunks, whatever order the chunks' reads come in:
 * in order, ahead of their turn, re-sent, some chunks never sent (resumed), from several threads at once.
 */
class SentFileDigestTest {

    private static final int CHUNK = 100_000;
    private static final int READ = 16_384;

    @TempDir
    Path temp;

    /** A random file about to be sent and the digest its reads go to. */
    private record Sending(byte[] content, Path path, SentFileDigest digest) {
        void readChunk(int index) throws IOException {
            SentFileDigestTest.readChunk(digest, path, content, index);
        }
    }

    private Sending sending(String name, int size, long seed) throws IOException {
        byte[] content = random(size, seed);
        Path path = Files.write(temp.resolve(name), content);
        return new Sending(content, path, new SentFileDigest(LocalFile.open(path)));
    }

    @Test
    void readsInOrderAreHashedAsTheyComeWithoutReadingTheFileAgain() throws IOException {
        Sending file = sending("in-order.bin", 4 * CHUNK + 123, 1);
        for (int chunk = 0; chunk < 5; chunk++) {
            file.readChunk(chunk);
        }
        // the same size, other bytes: a digest that read the file again would hash these
        Files.write(file.path(), random(file.content().length, 2));

        assertEquals(sha256(file.content()), file.digest().finish());
    }

    @Test
    void aChunkReadAheadOfItsTurnIsHashedFromTheFileOnceThePrefixReachesIt() throws IOException {
        Sending file = sending("ahead.bin", 3 * CHUNK, 3);

        file.readChunk(2);
        file.readChunk(1);
        file.readChunk(0);

        assertEquals(sha256(file.content()), file.digest().finish());
    }

    @Test
    void chunksTheServerAlreadyHeldAreReadAtTheEnd() throws IOException {
        Sending file = sending("resumed.bin", 5 * CHUNK + 7, 4);

        file.readChunk(1); // 0, 2 and 4 were held: never sent
        file.readChunk(3);

        assertEquals(sha256(file.content()), file.digest().finish());
    }

    @Test
    void aChunkSentAgainAfterAFailureIsNotHashedTwice() throws IOException {
        Sending file = sending("retried.bin", 2 * CHUNK, 5);
        FileRegion first = region(file.path(), file.content(), 0);
        for (long position = 0; position < CHUNK / 2; position += READ) { // half sent, then the connection broke
            file.digest().read(first, position, slice(file.content(), position, READ));
        }

        file.readChunk(0);
        file.readChunk(1);
        file.readChunk(1);

        assertEquals(sha256(file.content()), file.digest().finish());
    }

    @Test
    void bytesThatDifferFromTheFileGiveAnotherHash() throws IOException {
        Sending file = sending("damaged.bin", 2 * CHUNK, 6);
        byte[] sent = file.content().clone();
        sent[CHUNK + 17] ^= 1; // what a damaged read would send: the merge check must then fail

        readChunk(file.digest(), file.path(), sent, 0);
        readChunk(file.digest(), file.path(), sent, 1);

        assertEquals(sha256(sent), file.digest().finish());
        assertNotEquals(sha256(file.content()), sha256(sent));
    }

    @Test
    void chunksReadFromSeveralThreadsAtOnceGiveTheFileHash() throws Exception {
        for (int round = 0; round < 5; round++) {
            Sending file = sending("parallel-" + round + ".bin", 12 * CHUNK + 999, 7 + round);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
                for (int chunk = 12; chunk >= 0; chunk--) {
                    int index = chunk;
                    sent.add(CompletableFuture.runAsync(() -> {
                        try {
                            go.await();
                            file.readChunk(index);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }, threads));
                }
                go.countDown();
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            }
            assertEquals(sha256(file.content()), file.digest().finish(), "round " + round);
        }
    }

    @Test
    void aFileShortenedBeforeTheEndIsAnErrorNamingIt() throws IOException {
        Sending file = sending("shortened.bin", 3 * CHUNK, 8);
        file.readChunk(0);
        try (RandomAccessFile shortened = new RandomAccessFile(file.path().toFile(), "rw")) {
            shortened.setLength(2L * CHUNK - 5);
        }

        UploadException error = assertThrows(UploadException.class, file.digest()::finish);
        assertTrue(error.getMessage().contains("shortened.bin ends at byte " + (2L * CHUNK - 5)), error.getMessage());
    }

    /** Shows the digest chunk {@code index}'s bytes as the publisher reads them, in reads of {@link #READ}. */
    private static void readChunk(SentFileDigest digest, Path path, byte[] content, int index) throws IOException {
        FileRegion region = region(path, content, index);
        long end = region.offset() + region.length();
        for (long position = region.offset(); position < end; position += READ) {
            digest.read(region, position, slice(content, position, (int) Math.min(READ, end - position)));
        }
    }

    private static FileRegion region(Path path, byte[] content, int index) {
        long start = (long) index * CHUNK;
        return new FileRegion(path, start, Math.min(CHUNK, content.length - start));
    }

    /** The bytes at {@code position}, in a buffer whose position is not 0 (as a reused one may be sliced). */
    private static ByteBuffer slice(byte[] content, long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length + 3);
        buffer.position(3);
        buffer.put(content, (int) position, length);
        return buffer.position(3);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
