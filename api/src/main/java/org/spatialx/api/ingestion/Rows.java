package org.spatialx.api.ingestion;

import java.io.IOException;
import java.util.Iterator;

/**
 * Rows streamed from a file (transcripts, boundary polygons) that must be closed: memory stays
 * bounded by what the reader buffers, whatever the file's size.
 *
 * @param <T> the row type ({@code Transcript}, {@code CellPolygon})
 */
public interface Rows<T> extends Iterator<T>, AutoCloseable {

    @Override
    void close() throws IOException;

    /** Where the rows are read from (a file), for progress lines and errors; empty when unknown. */
    default String source() {
        return "";
    }

    /** Rows of {@code iterator}, closed by {@code onClose} (a reader that is both can pass itself twice). */
    static <T> Rows<T> of(Iterator<T> iterator, AutoCloseable onClose) {
        return of(iterator, onClose, "");
    }

    /** Rows of {@code iterator} read from {@code source}, closed by {@code onClose}. */
    static <T> Rows<T> of(Iterator<T> iterator, AutoCloseable onClose, String source) {
        return new Rows<>() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public T next() {
                return iterator.next();
            }

            @Override
            public void close() throws IOException {
                try {
                    onClose.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }
}
