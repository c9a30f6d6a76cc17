package org.spatialx.formats.rows;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records streamed from a file one at a time (transcripts, cell polygons): an iterator that reads one
 * record ahead, a stream, and a {@link #forEachRemaining} that closes the file when done.
 *
 * @param <T> the record type
 */
public abstract class RecordReader<T> implements Iterator<T>, AutoCloseable {

    /** Where the records come from: one file format's rows decoded. */
    public interface Source<T> extends AutoCloseable {

        /** The next record, or {@code null} at the end. */
        T read();

        @Override
        void close();
    }

    private final Source<T> source;
    private T next;

    /** Starts reading {@code source} (its first record is read now). */
    protected RecordReader(Source<T> source) {
        this.source = source;
        this.next = source.read();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public T next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        T current = next;
        next = source.read();
        return current;
    }

    /** Calls {@code action} for every remaining record, then closes the file. */
    @Override
    public void forEachRemaining(Consumer<? super T> action) {
        try {
            while (hasNext()) {
                action.accept(next());
            }
        } finally {
            close();
        }
    }

    /** The remaining records as a sequential stream; close it (or this reader) when done. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public void close() {
        next = null;
        source.close();
    }
}
