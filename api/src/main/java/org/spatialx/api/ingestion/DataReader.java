package org.spatialx.api.ingestion;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.spatialx.api.data.CellPositions;
import org.spatialx.api.data.ExpressionMatrix;
import org.spatialx.api.data.Transcript;

/**
 * How a technology's submitted files are read into what the local server stores: an expression
 * matrix (the table), the positions of its cells or spots, transcripts, boundaries and images. Every
 * method has a default meaning "this technology has none", so a reader overrides only what its
 * instrument writes; the server applies quality control, writes the store of protocol 7.4, reports
 * progress and registers the elements. Positions, transcripts and boundaries must share one
 * coordinate frame, whose size in microns {@link #micronsPerUnit} gives.
 *
 * <p>The server asks {@link org.spatialx.api.technology.Technology#reader()} once per ingestion and
 * calls the methods below in any order, each at most once, so a reader may keep what one call read
 * for the next (a GEM file holds both the matrix and the bin positions). Built-ins implement it on
 * the {@code formats} readers; a plugin may too, or produce the api's value types from its own parsing.
 */
public interface DataReader {

    /** Whether rows of the table are cells or spots ({@link Centers#CELLS} by default). */
    default Centers centers() {
        return Centers.CELLS;
    }

    /** The rows x genes matrix, held in memory; empty when the technology has no expression. */
    default Optional<ExpressionMatrix> matrix(SubmittedFiles files) throws IOException {
        return Optional.empty();
    }

    /**
     * The position of each row of the matrix (by id); empty when there are none (GeoMx AOIs). Ids
     * the matrix has and the positions lack fail the ingestion; extra positions are ignored.
     */
    default Optional<CellPositions> positions(SubmittedFiles files) throws IOException {
        return Optional.empty();
    }

    /** The diameter of a spot in the positions' unit (drawn as a circle); empty for cells or when unknown. */
    default OptionalDouble spotDiameter(SubmittedFiles files) throws IOException {
        return OptionalDouble.empty();
    }

    /** The transcripts, streamed (their {@link Rows#source()} names the file); empty when the technology has none. */
    default Optional<Rows<Transcript>> transcripts(SubmittedFiles files) throws IOException {
        return Optional.empty();
    }

    /** Cell (and nucleus) boundaries, each opened when the server stores it. */
    default List<Boundaries> boundaries(SubmittedFiles files) throws IOException {
        return List.of();
    }

    /** The images to register, read from their metadata. */
    default List<ImageInfo> images(SubmittedFiles files) throws IOException {
        return List.of();
    }

    /** Microns per unit of the positions, transcripts and boundaries; empty when unknown. */
    default OptionalDouble micronsPerUnit(SubmittedFiles files) throws IOException {
        return OptionalDouble.empty();
    }
}
