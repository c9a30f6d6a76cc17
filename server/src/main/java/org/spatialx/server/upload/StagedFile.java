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
 * <p>A running SHA-256 covers the contiguous prefix of received chunks. It is taken off the threads that
 * receive: each commit hands the chunks that now follow the prefix without a gap to a hashing thread (one per
 * staged file at a time), which reads them back from the staging file (the page cache: they were just
 * written) while the next chunk arrives. Receiving, writing and hashing every byte on one request thread
 * left the second core idle while the client read and hashed (BENCHMARKS.md, "Uploads"). A chunk sent again
 * over bytes already hashed, or being hashed, restarts the hash from 0 (its bytes may differ). Merge waits
 * for the hashing thread, then hashes what is left itself (usually nothing; after a restart, whatever the
 * hashing thread has not reached). Every method that touches the state holds this object's monitor; chunk
 * bytes are written, and hashed, outside it.
 */
final class StagedFile {

    private static final Logger LOG = LoggerFactory.getLogger(StagedFile.class);

    static final String DATA = "data.staging";
    private static final String META = "meta.properties";
    private static final String RECEIVED = "received.txt";
    private static final int HASH_BUFFER = 1 << 20;

    private final Path dir;
    private final ChunkLayout layout;
    private final UploadTarget target;
    private final TreeSet<Long> received;
    private MessageDigest prefix = sha256();
    private long prefixEnd;
    /** Bumped when the prefix restarts, so that a hash computed meanwhile is dropped. */
    private long generation;
    /** A hashing thread runs (at most one); it ends when nothing follows the prefix. */
    private boolean hashing;
    /** The end of the bytes the hashing thread is reading now (-1: none). */
    private long hashingTo = -1;
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
     * overwritten), and a hash that covers or is reading its bytes starts again.
     */
    synchronized ChunkWriter begin(long index) throws IOException {
        requireOpen(index);
        long start = index * layout.chunkSize();
        if (received.remove(index)) {
            saveReceived();
        }
        if (start < prefixEnd || start < hashingTo) {
            resetPrefix(); // a re-sent chunk inside the hashed prefix may differ: hash again later
        }
        return new ChunkWriter(this, index, start, end(index) - start);
    }

    /** Chunk {@code w} arrived whole and was checked: count it and hash it once the prefix reaches it. */
    synchronized void commit(ChunkWriter w) throws IOException {
        requireOpen(w.index);
        received.add(w.index);
        saveReceived();
        if (w.start < prefixEnd || w.start < hashingTo) {
            resetPrefix(); // a duplicate send, received after its bytes were hashed: they may differ
        }
        if (!hashing && nextHashEnd() > prefixEnd) {
            hashing = true;
            Thread.ofPlatform().daemon().name("upload-hash-" + target.name()).start(this::hashInBackground);
        }
    }

    /** The end of the received chunk that follows the prefix, or the prefix's end when it is not received. */
    private long nextHashEnd() {
        long next = prefixEnd / layout.chunkSize();
        return prefixEnd < layout.fileSize() && received.contains(next) ? end(next) : prefixEnd;
    }

    /** The hashing thread: extends the prefix chunk by chunk while the next chunk is received. */
    private void hashInBackground() {
        try (FileChannel in = FileChannel.open(data(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
            while (true) {
                MessageDigest digest;
                long from;
                long to;
                long seen;
                synchronized (this) {
                    to = nextHashEnd();
                    if (sealed || to <= prefixEnd) {
                        return; // merge hashes the rest itself
                    }
                    digest = cloneOf(prefix);
                    from = prefixEnd;
                    seen = generation;
                    hashingTo = to;
                }
                hashRange(in, digest, from, to, buffer);
                synchronized (this) {
                    if (seen == generation && prefixEnd == from) {
                        prefix = digest;
                        prefixEnd = to;
                    }
                    hashingTo = -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the staging went away (a discarded session) or cannot be read: merge hashes it and reports that
            LOG.debug("hashing {} in the background stopped: {}", data(), e.toString());
        } finally {
            synchronized (this) {
                hashing = false;
                hashingTo = -1;
                notifyAll();
            }
        }
    }

    /** The SHA-256 of the whole file; call only when every chunk is received. */
    synchronized String finishHash() throws IOException {
        while (hashing) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while " + data() + " was being hashed");
            }
        }
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
        try (FileChannel in = FileChannel.open(data(), StandardOpenOption.READ)) {
            hashRange(in, prefix, prefixEnd, to, ByteBuffer.allocate(HASH_BUFFER));
        }
        prefixEnd = to;
    }

    /**
     * Hashes bytes {@code from} to {@code to} of the staging file into {@code digest}. A heap buffer:
     * MessageDigest.update(byte[]) goes straight to the SHA intrinsic, while update(ByteBuffer) of a direct
     * buffer copies it 4 KiB at a time first (measured: most of the time of a hash read back).
     */
    private void hashRange(FileChannel in, MessageDigest digest, long from, long to, ByteBuffer buffer)
            throws IOException {
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int n = in.read(buffer, position);
            if (n < 0) {
                throw new IOException("The staging file " + data() + " is shorter than " + to + " bytes.");
            }
            digest.update(buffer.array(), 0, n);
            position += n;
        }
    }

    private void resetPrefix() {
        prefix = sha256();
        prefixEnd = 0;
        generation++;
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
        private FileChannel channel;
        private long written;
        /** Bytes of it arrived while the file was sealed for a merge and were not written. */
        private boolean dropped;

        private ChunkWriter(StagedFile file, long index, long start, long length) {
            this.file = file;
            this.index = index;
            this.start = start;
            this.length = length;
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
            }
            written += count;
        }

        /** The SHA-256 of this chunk's bytes as written to the staging file (read back once). */
        String sha256OfWritten() throws IOException {
            MessageDigest sha = sha256();
            try (FileChannel in = FileChannel.open(file.data(), StandardOpenOption.READ)) {
                file.hashRange(in, sha, start, start + Math.min(written, length),
                        ByteBuffer.allocate((int) Math.min(HASH_BUFFER, Math.max(length, 1))));
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
        }

        @Override
        public void close() throws IOException {
            closeChannel();
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
