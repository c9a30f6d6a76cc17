package org.spatialx.core.upload;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.spatialx.core.transport.FileRegion;
import org.spatialx.core.transport.RegionReadListener;

/**
 * The SHA-256 of a file taken from the reads that send its chunks (one read of the file instead of a second
 * pass beside the upload). The digest covers a prefix of the file and grows in file order:
 * <ul>
 *   <li>a read that starts where the prefix ends, or overlaps its end, is hashed at once, from the bytes about
 *       to be sent;</li>
 *   <li>a read beyond the prefix (a chunk sent in parallel, ahead of its turn), or one made while another
 *       thread is hashing, is only noted: once the prefix reaches noted bytes, the thread hashing reads them
 *       again from the file (the page cache still holds them) and hashes them;</li>
 *   <li>{@link #finish} hashes from the file whatever is left: chunks the server already held (a resumed
 *       upload), bytes noted after the last hashing.</li>
 * </ul>
 * With one chunk in flight every byte is read once; with more, the bytes a chunk sends while the one before it
 * is still going are read twice. Every byte is hashed exactly once, in order, so a re-sent chunk (a retry)
 * changes nothing. Thread-safe: the HTTP client calls {@link #read} from several threads, one chunk each.
 */
final class SentFileDigest implements RegionReadListener {

    private static final int CATCH_UP_BUFFER = 1 << 20;

    private final LocalFile file;
    private final MessageDigest digest;
    /** Held while hashing; a thread that cannot take it at once notes its read instead of waiting. */
    private final ReentrantLock hashing = new ReentrantLock();
    /** End of the hashed prefix; written under {@link #hashing}, read without it to skip re-sent bytes. */
    private volatile long hashed;
    /** Ranges read (sent) but not hashed yet, start to end, coalesced; guarded by its own monitor. */
    private final TreeMap<Long, Long> noted = new TreeMap<>();
    private FileChannel channel; // for reading noted ranges again; under hashing
    private ByteBuffer catchUp;  // under hashing

    SentFileDigest(LocalFile file) {
        this.file = file;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    @Override
    public void read(FileRegion region, long position, ByteBuffer bytes) throws IOException {
        long end = position + bytes.remaining();
        if (end <= hashed) {
            return; // a re-send of hashed bytes
        }
        if (!hashing.tryLock()) {
            note(position, end);
            return;
        }
        try {
            catchUpNoted();
            if (position > hashed) {
                note(position, end); // a gap before it: hashed once the prefix reaches it
                return;
            }
            if (end > hashed) {
                ByteBuffer view = bytes.duplicate();
                view.position(view.position() + (int) (hashed - position));
                digest.update(view);
                hashed = end;
            }
            catchUpNoted();
        } finally {
            hashing.unlock();
        }
    }

    /**
     * The file's SHA-256, once every chunk was sent: what the reads did not cover is read here.
     *
     * @throws UploadException when the file cannot be read or became shorter
     */
    String finish() {
        hashing.lock();
        try {
            catchUpNoted();
            hashFromFile(file.size());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UploadException("Cannot read " + file.path() + " (" + e.getMessage() + "); check that it still"
                    + " exists and is readable, then run the upload again.", e);
        } finally {
            close();
            hashing.unlock();
        }
    }

    /** Closes the file read to catch up (also when the upload stops before {@link #finish}). */
    void close() {
        hashing.lock();
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        } catch (IOException e) {
            // only read from: nothing is lost
        } finally {
            hashing.unlock();
        }
    }

    private void note(long start, long end) {
        synchronized (noted) {
            Map.Entry<Long, Long> before = noted.floorEntry(start);
            if (before != null && before.getValue() >= start) {
                start = before.getKey();
                end = Math.max(end, before.getValue());
            }
            Map.Entry<Long, Long> after;
            while ((after = noted.ceilingEntry(start)) != null && after.getKey() <= end) {
                end = Math.max(end, after.getValue());
                noted.remove(after.getKey());
            }
            noted.put(start, end);
        }
    }

    /** Hashes, from the file, the noted ranges that follow the prefix without a gap (holding the lock). */
    private void catchUpNoted() throws IOException {
        while (true) {
            long to;
            synchronized (noted) {
                Map.Entry<Long, Long> first = noted.firstEntry();
                while (first != null && first.getValue() <= hashed) { // re-sends of hashed bytes
                    noted.pollFirstEntry();
                    first = noted.firstEntry();
                }
                if (first == null || first.getKey() > hashed) {
                    return;
                }
                noted.pollFirstEntry();
                to = first.getValue();
            }
            hashFromFile(to);
        }
    }

    /** Hashes the file's bytes from the prefix end up to {@code to}, read from the file (holding the lock). */
    private void hashFromFile(long to) throws IOException {
        if (hashed >= to) {
            return;
        }
        if (channel == null) {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
            // a heap buffer: update(byte[]) goes straight to the SHA intrinsic
            catchUp = ByteBuffer.allocate(CATCH_UP_BUFFER);
        }
        long position = hashed;
        while (position < to) {
            catchUp.clear().limit((int) Math.min(catchUp.capacity(), to - position));
            int n = channel.read(catchUp, position);
            if (n < 0) {
                throw new EOFException(file.path() + " ends at byte " + position + ", not " + file.size()
                        + " as when the upload started (it was shortened meanwhile)");
            }
            digest.update(catchUp.array(), 0, n);
            position += n;
        }
        hashed = to;
    }
}
