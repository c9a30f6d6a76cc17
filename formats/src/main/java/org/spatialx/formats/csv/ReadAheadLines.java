package org.spatialx.formats.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Lines of a text file read by a background thread (gunzip, UTF-8 decoding and line splitting) while
 * the caller parses the previous ones: on a large csv.gz this takes the inflating off the parsing
 * thread. Memory stays bounded: at most {@value #QUEUED} batches of {@value #BATCH} lines wait.
 */
final class ReadAheadLines implements AutoCloseable {

    static final int BATCH = 2048;
    static final int QUEUED = 4;

    /** A full or last batch of lines. */
    private record Batch(String[] lines, int count) {
    }

    /** Marks the end of the file in the queue. */
    private static final Batch END = new Batch(new String[0], 0);

    /** What the reading thread puts in the queue: a batch, {@link #END} or the failure that stopped it. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile boolean closed;
    private Batch current;
    private int index;
    private boolean finished;

    ReadAheadLines(BufferedReader source, String name) {
        thread = Thread.ofPlatform().daemon().name("spatialx-read-ahead " + name).start(() -> readAll(source));
    }

    private void readAll(BufferedReader source) {
        try (source) {
            while (!closed) {
                String[] lines = new String[BATCH];
                int count = 0;
                String line = null;
                while (count < BATCH && (line = source.readLine()) != null) {
                    lines[count++] = line;
                }
                if (count > 0) {
                    queue.put(new Batch(lines, count));
                }
                if (line == null) {
                    queue.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader: stop
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                try {
                    queue.put(e);
                } catch (InterruptedException interrupted) {
                    // closed meanwhile
                }
            }
        }
    }

    /** The next line, or {@code null} at the end of the file. */
    String readLine() throws IOException {
        while (current == null || index == current.count()) {
            if (finished) {
                return null;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the next lines");
            }
            if (next instanceof IOException failure) {
                finished = true;
                throw new IOException(failure.getMessage(), failure);
            }
            if (next instanceof RuntimeException failure) {
                finished = true;
                throw failure;
            }
            current = (Batch) next;
            index = 0;
            if (current == END) {
                finished = true;
                return null;
            }
        }
        return current.lines()[index++];
    }

    /** Stops the reading thread (which closes the file) and drops what it had read. */
    @Override
    public void close() {
        closed = true;
        finished = true;
        thread.interrupt();
        queue.clear();
    }
}
