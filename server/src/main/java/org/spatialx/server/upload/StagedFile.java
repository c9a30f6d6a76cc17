package org.spatialx.server.upload;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialx.server.http.PartReceiver;
import org.spatialx.server.storage.OwnerOnly;

/**
 * The hidden staging file of one chunked upload (one file of one session): every chunk is written
 * straight to its final offset in {@code data.staging}, preallocated to the file size, so merge has
 * nothing to copy. Its layout and target are kept in {@code meta.properties} (written once, when the
 * first chunk arrives) and the received chunk indices in {@code received.txt} (runs of indices, rewritten
 * atomically after each chunk), so status, resume and a server restart see them. Received indices only
 * ever describe bytes in {@code data.staging}: without it (a merge that published it, then crashed before
 * cleaning up) nothing counts as received, so no zero-filled file can be published as if it had arrived.
 *
 * <p>Merge {@linkplain #seal() seals} it: chunk bytes are written under a shared lock that sealing takes
 * exclusively, so once a merge checked and hashed the file, a late duplicate chunk still arriving cannot
 * write into it (nor into the published file it becomes).
 *
 * <p>A running SHA-256 covers the contiguous prefix of received chunks: a chunk that starts where the
 * prefix ends is hashed while its bytes arrive (also one that is still arriving when its predecessor
 * completes: it hashes what it already wrote, then the rest live); chunks that arrived earlier, out of
 * order, are hashed from the staging file once the gap before them is filled. Merge then only hashes what is left
 * (usually nothing). After a restart the prefix starts again at 0 and merge hashes the whole file.
 * Every method that touches the state holds this object's monitor; chunk bytes are written outside it.
 */
final class StagedFile {

    private static final Logger LOG = LoggerFactory.getLogger(StagedFile.class);

    static final String DATA = "data.staging";
    private static final String META = "meta.properties";
    private static final String RECEIVED = "received.txt";

    private final Path dir;
    private final ChunkLayout layout;
    private final UploadTarget target;
    private final TreeSet<Long> received;
    private MessageDigest prefix = sha256();
    private long prefixEnd;
    private long generation;
    private long liveIndex = -1;
    /** Chunk writes hold it shared; {@link #seal} takes it exclusively, so no write straddles a seal. */
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
    private volatile boolean sealed;

    private StagedFile(Path dir, ChunkLayout layout, UploadTarget target, TreeSet<Long> received) {
        this.dir = dir;
        this.layout = layout;
        this.target = target;
        this.received = received;
    }

    /** Starts staging the file going to {@code target} in {@code dir}: its meta, then an empty staging file. */
    static StagedFile create(Path dir, ChunkLayout layout, UploadTarget target) throws IOException {
        OwnerOnly.createDirectories(dir);
        Properties meta = new Properties();
        meta.setProperty("chunk_size", Long.toString(layout.chunkSize()));
        meta.setProperty("file_size", Long.toString(layout.fileSize()));
        meta.setProperty("name", target.name());
        meta.setProperty("folder_name", target.folderName());
        meta.setProperty("target", target.path().toString());
        Path temp = dir.resolve(".meta.tmp");
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        try (var writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            meta.store(writer, "chunked upload");
        }
        Files.move(temp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return load(dir).orElseThrow();
    }

    /**
     * The staging in {@code dir} as on disk (after a restart: the received list, the prefix hash from 0),
     * or empty when no chunk of a file was staged there.
     */
    static Optional<StagedFile> load(Path dir) throws IOException {
        Path metaFile = dir.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (var reader = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
            meta.load(reader);
        }
        ChunkLayout layout = new ChunkLayout(Long.parseLong(meta.getProperty("chunk_size")),
                Long.parseLong(meta.getProperty("file_size")));
        UploadTarget target = new UploadTarget(meta.getProperty("folder_name"), meta.getProperty("name"),
                Path.of(meta.getProperty("target")));
        TreeSet<Long> received = new TreeSet<>();
        Path list = dir.resolve(RECEIVED);
        if (Files.isRegularFile(list)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    IndexRange range = IndexRange.parse(line.trim()); // a range, or one index (earlier versions)
                    for (long i = range.first(); i <= range.last(); i++) {
                        received.add(i);
                    }
                }
            }
        }
        Path data = dir.resolve(DATA);
        if (!Files.isRegularFile(data)) {
            if (!received.isEmpty()) {
                LOG.warn("{} lists {} received chunk(s) but their bytes are gone; they must be sent again", dir,
                        received.size());
                received.clear();
                Files.deleteIfExists(list);
            }
            OwnerOnly.createFile(data);
            try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
                file.setLength(layout.fileSize()); // preallocated (sparse); chunks fill it in any order
            }
        }
        return Optional.of(new StagedFile(dir, layout, target, received));
    }

    Path data() {
        return dir.resolve(DATA);
    }

    ChunkLayout layout() {
        return layout;
    }

    /** Where the file goes once merged. */
    UploadTarget target() {
        return target;
    }

    synchronized TreeSet<Long> received() {
        return new TreeSet<>(received);
    }

    synchronized long receivedBytes() {
        long bytes = 0;
        for (long i : received) {
            bytes += end(i) - i * layout.chunkSize();
        }
        return bytes;
    }

    /** The chunks not received yet, as runs of indices in order (as many runs as there are gaps). */
    synchronized List<IndexRange> missing() {
        List<IndexRange> missing = new ArrayList<>();
        long next = 0;
        for (IndexRange have : IndexRange.of(received)) {
            if (have.first() > next) {
                missing.add(new IndexRange(next, have.first() - 1));
            }
            next = have.last() + 1;
        }
        if (next < layout.count()) {
            missing.add(new IndexRange(next, layout.count() - 1));
        }
        return missing;
    }

    /**
     * Stops every chunk write: waits for writes in progress, then refuses the others (merge checks, hashes and
     * publishes a sealed file). {@link #unseal} when the merge does not publish it after all.
     */
    void seal() {
        writes.writeLock().lock();
        try {
            sealed = true;
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** Accepts chunks again (a merge that refused or failed to publish). */
    void unseal() {
        sealed = false;
    }

    private void requireOpen(long index) {
        if (sealed) {
            throw UploadException.conflict("Chunk " + index + " of " + target.name() + " arrived while the file was"
                    + " being merged; it was not written. Merge again if the merge did not succeed.");
        }
    }

    private long end(long index) {
        return layout.end(index);
    }

    /**
     * Starts receiving chunk {@code index}: it is no longer counted as received (its bytes are about to be
     * overwritten) and, when it extends the hashed prefix, it is hashed while it arrives.
     */
    synchronized ChunkWriter begin(long index) throws IOException {
        requireOpen(index);
        long start = index * layout.chunkSize();
        if (received.remove(index)) {
            saveReceived();
        }
        if (start < prefixEnd) {
            resetPrefix(); // a re-sent chunk inside the hashed prefix may differ: hash again later
        }
        MessageDigest live = null;
        if (start == prefixEnd && liveIndex < 0) {
            liveIndex = index;
            live = cloneOf(prefix);
        }
        return new ChunkWriter(this, index, start, end(index) - start, live, generation);
    }

    /** Chunk {@code w} arrived whole and was checked: count it and advance the hashed prefix. */
    synchronized void commit(ChunkWriter w) throws IOException {
        requireOpen(w.index);
        received.add(w.index);
        saveReceived();
        if (w.digest != null && w.generation == generation && prefixEnd == w.start) {
            prefix = w.digest;
            prefixEnd = w.start + w.length;
        } else if (w.start < prefixEnd) {
            resetPrefix(); // a duplicate send of a chunk already hashed: its bytes may differ
        }
        releaseLive(w);
        advancePrefix();
    }

    /**
     * Lets chunk {@code w}, still arriving, take over the running hash when the prefix now ends where it
     * starts (its predecessor completed meanwhile): true when it must hash its bytes written so far, then
     * the rest as it arrives. Saves reading it back from the staging file when chunks are in flight.
     */
    synchronized boolean adopt(ChunkWriter w) {
        if (w.start != prefixEnd || liveIndex >= 0 || received.contains(w.index)) {
            return false;
        }
        liveIndex = w.index;
        w.digest = cloneOf(prefix);
        w.generation = generation;
        return true;
    }

    synchronized void releaseLive(ChunkWriter w) {
        if (w.digest != null && liveIndex == w.index && w.generation == generation) {
            liveIndex = -1;
        }
    }

    /** The SHA-256 of the whole file; call only when every chunk is received. */
    synchronized String finishHash() throws IOException {
        advancePrefix();
        if (prefixEnd != layout.fileSize()) {
            throw new IllegalStateException("the hashed prefix ends at " + prefixEnd + " of " + layout.fileSize());
        }
        return HexFormat.of().formatHex(cloneOf(prefix).digest());
    }

    /** Hashes, from the staging file, the received chunks that now follow the prefix without a gap. */
    private void advancePrefix() throws IOException {
        long first = prefixEnd / layout.chunkSize();
        long last = first - 1;
        long total = layout.count();
        while (last + 1 < total && received.contains(last + 1)) {
            last++;
        }
        if (last < first) {
            return;
        }
        long to = end(last);
        // a heap buffer: MessageDigest.update(byte[]) goes straight to the SHA intrinsic, while update(ByteBuffer)
        // of a direct buffer copies it 4 KiB at a time first (measured: most of this method's time)
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = FileChannel.open(data(), StandardOpenOption.READ)) {
            long position = prefixEnd;
            while (position < to) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new IOException("The staging file " + data() + " is shorter than " + to + " bytes.");
                }
                prefix.update(buffer.array(), 0, n);
                position += n;
            }
        }
        prefixEnd = to;
    }

    private void resetPrefix() {
        prefix = sha256();
        prefixEnd = 0;
        generation++;
        liveIndex = -1;
    }

    private void saveReceived() throws IOException {
        Path temp = dir.resolve(".received.tmp");
        StringBuilder sb = new StringBuilder();
        for (IndexRange range : IndexRange.of(received)) {
            sb.append(range).append('\n');
        }
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        Files.writeString(temp, sb, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(RECEIVED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static MessageDigest cloneOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes one chunk's bytes at their offset in the staging file with positional writes (safe next to
     * other chunks written concurrently). Bytes beyond the chunk's length are dropped, never written over
     * the next chunk; the handler then refuses the chunk for its size.
     */
    static final class ChunkWriter implements PartReceiver {
        private final StagedFile file;
        final long index;
        final long start;
        final long length;
        MessageDigest digest; // set when this chunk extends the running hash (at begin, or adopted later)
        long generation;
        private FileChannel channel;
        private long written;
        private boolean committed;
        /** Bytes of it arrived while the file was sealed for a merge and were not written. */
        private boolean dropped;

        private ChunkWriter(StagedFile file, long index, long start, long length, MessageDigest digest,
                            long generation) {
            this.file = file;
            this.index = index;
            this.start = start;
            this.length = length;
            this.digest = digest;
            this.generation = generation;
        }

        /** True when this writer receives chunk {@code index} of {@code staged}. */
        boolean writes(StagedFile staged, long index) {
            return file == staged && this.index == index;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            long room = length - written;
            int n = (int) Math.min(count, Math.max(room, 0));
            if (n > 0) {
                file.writes.readLock().lock();
                try {
                    if (file.sealed || dropped) {
                        dropped = true; // nothing more is written: commit refuses the chunk
                        written += count;
                        return;
                    }
                    if (channel == null) {
                        channel = FileChannel.open(file.data(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, n);
                    long position = start + written;
                    while (buffer.hasRemaining()) {
                        position += channel.write(buffer, position);
                    }
                } finally {
                    file.writes.readLock().unlock();
                }
                if (digest != null) {
                    digest.update(bytes, offset, n);
                } else if (file.adopt(this)) {
                    hashWritten(written + n); // the bytes before these, and these
                }
            }
            written += count;
        }

        /** Hashes this chunk's first {@code count} bytes, already written, from the staging file. */
        private void hashWritten(long count) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(count, 1)));
            long done = 0;
            while (done < count) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
                int n = channel.read(buffer, start + done);
                if (n < 0) {
                    throw new IOException("The staging file " + file.data() + " is shorter than expected.");
                }
                digest.update(buffer.array(), 0, n);
                done += n;
            }
        }

        /** The SHA-256 of this chunk's bytes as written to the staging file (read back once). */
        String sha256OfWritten() throws IOException {
            MessageDigest sha = sha256();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(length, 1)));
            try (FileChannel in = FileChannel.open(file.data(), StandardOpenOption.READ)) {
                long done = 0;
                long count = Math.min(written, length);
                while (done < count) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
                    int n = in.read(buffer, start + done);
                    if (n < 0) {
                        throw new IOException("The staging file " + file.data() + " is shorter than expected.");
                    }
                    sha.update(buffer.array(), 0, n);
                    done += n;
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        }

        /** Copies a part that was received into a temporary file (its fields came after it). */
        void copyFrom(Path source) throws IOException {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                int n;
                while ((n = in.read(buffer)) > 0) {
                    write(buffer.array(), 0, n);
                    buffer.clear();
                }
            }
        }

        /** Counts the chunk as received (after the handler checked its size and SHA-256). */
        void commit() throws IOException {
            if (dropped) {
                file.requireOpen(index);
                throw UploadException.conflict("Chunk " + index + " of " + file.target.name() + " arrived while the"
                        + " file was being merged; it was not written. Re-send it if the merge did not succeed.");
            }
            if (written != length) {
                throw new IllegalStateException("chunk " + index + " has " + written + " bytes, not " + length);
            }
            closeChannel();
            file.commit(this);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            closeChannel();
            if (!committed) {
                file.releaseLive(this);
            }
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public String toString() {
            return "chunk " + index + " at " + start + " (" + length + " bytes) of " + file.data();
        }
    }
}
