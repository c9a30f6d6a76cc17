package org.spatialx.technologies.transcripts;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.spatialx.technologies.csv.CsvFile;

/**
 * Streams the transcripts of a CSV or CSV.GZ table row by row (Xenium, CosMx, MERSCOPE): memory
 * stays bounded by one line whatever the number of transcripts. Parquet transcripts are not read.
 */
public final class TranscriptReader implements Iterator<Transcript>, AutoCloseable {

    private final CsvFile file;
    private final TranscriptColumns columns;
    private final int gene;
    private final int x;
    private final int y;
    private final int z;
    private final int cell;
    private List<String> row;

    private TranscriptReader(CsvFile file, List<String> header, TranscriptColumns columns) {
        this.file = file;
        this.columns = columns;
        this.gene = file.require(header, columns.gene());
        this.x = file.require(header, columns.x());
        this.y = file.require(header, columns.y());
        this.z = columns.z() == null ? -1 : header.indexOf(columns.z());
        this.cell = columns.cell() == null ? -1 : header.indexOf(columns.cell());
        this.row = file.next();
    }

    /** Opens {@code path}, recognising the layout from its header. */
    public static TranscriptReader open(Path path) {
        CsvFile file = CsvFile.open(path);
        try {
            List<String> header = file.next();
            if (header == null) {
                throw new IllegalArgumentException(path + " is empty");
            }
            TranscriptColumns columns = TranscriptColumns.detect(header).orElseThrow(() -> new IllegalArgumentException(
                    path + " is not a Xenium, CosMx or MERSCOPE transcript table (header: "
                            + String.join(",", header.subList(0, Math.min(10, header.size())))
                            + "); use TranscriptReader.open(path, columns)"));
            return new TranscriptReader(file, header, columns);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Opens {@code path} with explicit column names. */
    public static TranscriptReader open(Path path, TranscriptColumns columns) {
        CsvFile file = CsvFile.open(path);
        try {
            List<String> header = file.next();
            if (header == null) {
                throw new IllegalArgumentException(path + " is empty");
            }
            return new TranscriptReader(file, header, columns);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The layout in use. */
    public TranscriptColumns columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        return row != null;
    }

    @Override
    public Transcript next() {
        if (row == null) {
            throw new NoSuchElementException();
        }
        List<String> current = row;
        Transcript transcript = new Transcript(current.get(gene),
                file.number(current, x, columns.x()),
                file.number(current, y, columns.y()),
                z < 0 ? Double.NaN : file.number(current, z, columns.z()),
                cell < 0 || cell >= current.size() ? "" : current.get(cell));
        row = file.next();
        return transcript;
    }

    /** Calls {@code action} for every remaining transcript, then closes the file. */
    public void forEachRemaining(Consumer<? super Transcript> action) {
        try {
            while (hasNext()) {
                action.accept(next());
            }
        } finally {
            close();
        }
    }

    /** The remaining transcripts as a sequential stream; close it (or this reader) when done. */
    public Stream<Transcript> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public void close() {
        file.close();
    }
}
