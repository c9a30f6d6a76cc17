package org.spatialx.api.ingestion;

import java.io.IOException;
import java.util.Objects;
import org.spatialx.api.data.CellPolygon;

/**
 * One set of polygons to store as a segmentation (cell or nucleus boundaries), read when the
 * server gets to it.
 *
 * @param name   what users see after the data set's name, e.g. {@code Cell segmentation}
 * @param source the file it is read from (for progress lines and errors)
 * @param open   opens the polygons, in the same coordinate frame as the positions and transcripts
 */
public record Boundaries(String name, String source, Opener open) {

    /** Opens the polygons of a boundary file. */
    @FunctionalInterface
    public interface Opener {
        /** The polygons, streamed. */
        Rows<CellPolygon> open() throws IOException;
    }

    /** Rejects missing parts. */
    public Boundaries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(open, "open");
    }
}
